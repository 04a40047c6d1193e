// One user (admins): their role, their API keys (generate or delete for them), their groups and the datasets they can reach.
import { Alert, Anchor, Breadcrumbs, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useParams, Link } from 'react-router-dom';
import { usersApi } from '../../api/users-api';
import { KeyManager } from '../../components/keys/key-manager';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../hooks/use-api';
import { usePageTitle } from '../../hooks/use-page-title';
import { canUseApiKeys } from '@teamset/contract/constants';
import { useCurrentUser } from '../../session/session-context';
import { RoleSelect } from './role-select';
import { UserDatasetAccess } from './user-dataset-access';
import { UserGroups } from './user-groups';

export function UserPage() {
  const { userId = '' } = useParams();
  const me = useCurrentUser();
  const user = useApi(() => usersApi.get(userId), [userId]);
  usePageTitle(user.data?.name, 'Users', 'Team');

  if (user.error) return <LoadError error={user.error} onRetry={user.reload} title="Could not load this user" />;
  if (!user.data) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading user" />
      </Center>
    );
  }
  const person = user.data;
  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/team/users" size="sm">
          Team
        </Anchor>
        <Anchor component={Link} to="/team/users" size="sm">
          Users
        </Anchor>
        <Text size="sm">{person.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={person.name}
        description={person.email}
        actions={
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Role
            </Text>
            <RoleSelect
              user={person}
              disabledReason={person.id === me.id ? 'Ask another admin to change your own role' : undefined}
              onChanged={user.reload}
            />
          </Group>
        }
      />
      {canUseApiKeys(person.role) ? (
        <KeyManager forUser={person} />
      ) : (
        <Alert color="gray" title="No API keys for guests">
          Guests cannot hold or use API keys. Keys they made before becoming guests are kept but do not work; raise
          their role to let them use the SDK again.
        </Alert>
      )}
      <UserGroups user={person} />
      <UserDatasetAccess user={person} />
    </Stack>
  );
}
