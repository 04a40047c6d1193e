// The groups one user is in (admins): a line of links to them, on the user's page.
import { Anchor, Group, Loader, Text } from '@mantine/core';
import type { User } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { groupsApi } from '../../api/groups-api';
import { LoadError } from '../../components/load-error';
import { useApi } from '../../hooks/use-api';
import { Panel } from '../../components/panel';

export function UserGroups({ user }: { user: User }) {
  const groups = useApi(() => groupsApi.forUser(user.id), [user.id]);
  return (
    <Panel title="Groups" titleId="user-groups-title">
      {groups.error ? (
        <LoadError error={groups.error} onRetry={groups.reload} title="Could not load their groups" />
      ) : !groups.data ? (
        <Loader size="sm" aria-label="Loading groups" />
      ) : groups.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {user.name} is in no group. Add members on Team › Groups.
        </Text>
      ) : (
        <Group gap="md">
          {groups.data.map((group) => (
            <Anchor key={group.id} component={Link} to={`/team/groups/${encodeURIComponent(group.id)}`} size="sm">
              {group.name}
            </Anchor>
          ))}
        </Group>
      )}
    </Panel>
  );
}
