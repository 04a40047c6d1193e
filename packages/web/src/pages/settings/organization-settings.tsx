// Settings › Organization (admins): the role new users get, the access new datasets start with, and the media roots.
import { Alert, Center, Loader, Paper, Text } from '@mantine/core';
import { organizationApi } from '../../api/organization-api';
import { LoadError } from '../../components/load-error';
import { useApi } from '../../hooks/use-api';
import { useCurrentUser } from '../../session/session-context';
import { MediaRootsSettings } from './media-roots-settings';
import { OrganizationSettingsForm } from './organization-settings-form';

export function OrganizationSettingsPanel() {
  const user = useCurrentUser();
  const settings = useApi(
    () => (user.role === 'ADMIN' ? organizationApi.get() : Promise.resolve(undefined)),
    [user.role],
  );
  if (user.role !== 'ADMIN') return <Alert color="gray">Only admins can change the organization’s settings.</Alert>;
  if (settings.error) return <LoadError error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) {
    return (
      <Center p="lg">
        <Loader size="sm" aria-label="Loading settings" />
      </Center>
    );
  }
  return (
    <>
      <Paper withBorder p="lg" maw={560}>
        <Text size="sm" c="dimmed" mb="md">
          Least privilege is the default: new users are guests and new datasets are private to their creator until
          shared.
        </Text>
        <OrganizationSettingsForm
          key={JSON.stringify(settings.data)}
          initial={settings.data}
          onSaved={() => settings.reload()}
        />
      </Paper>
      <MediaRootsSettings />
    </>
  );
}
