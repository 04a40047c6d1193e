// One user group (admins): rename and describe it, its members, the datasets it has access to, and deleting it.
import { Alert, Anchor, Breadcrumbs, Center, Loader, Stack, Text } from '@mantine/core';
import type { UserGroup } from '@teamset/contract';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { groupsApi } from '../../api/groups-api';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../hooks/use-api';
import { usePageTitle } from '../../hooks/use-page-title';
import { DeleteGroup } from './delete-group';
import { GroupDatasets } from './group-datasets';
import { GroupDetailsForm } from './group-details-form';
import { GroupMembers } from './group-members';

export function GroupPage() {
  const { groupId = '' } = useParams();
  // Keyed by the group: another group's page starts from a fresh load, never from this one's last change.
  return <GroupView key={groupId} groupId={groupId} />;
}

function GroupView({ groupId }: { groupId: string }) {
  const navigate = useNavigate();
  const loaded = useApi(() => groupsApi.get(groupId), [groupId]);
  // Every change answers with the whole group: show that rather than loading it again.
  const [changed, setGroup] = useState<UserGroup | undefined>(undefined);
  const group = changed ?? loaded.data;
  usePageTitle(group?.name, 'Groups', 'Team');

  if (loaded.error instanceof ApiError && loaded.error.status === 404) {
    return (
      <Alert color="gray" title="Group not found">
        There is no user group “{groupId}”. It may have been deleted.{' '}
        <Anchor component={Link} to="/team/groups">
          Back to groups
        </Anchor>
      </Alert>
    );
  }
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} title="Could not load this group" />;
  if (!group) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading group" />
      </Center>
    );
  }
  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/team/users" size="sm">
          Team
        </Anchor>
        <Anchor component={Link} to="/team/groups" size="sm">
          Groups
        </Anchor>
        <Text size="sm">{group.name}</Text>
      </Breadcrumbs>
      <PageHeader title={group.name} description={group.description ?? 'User group'} />
      {/* Keyed by the saved values: a save resets the form, adding a member does not drop what is being typed. */}
      <GroupDetailsForm key={JSON.stringify([group.name, group.description])} group={group} onSaved={setGroup} />
      <GroupMembers group={group} onChanged={setGroup} />
      <GroupDatasets group={group} />
      <DeleteGroup group={group} onDeleted={() => void navigate('/team/groups', { replace: true })} />
    </Stack>
  );
}
