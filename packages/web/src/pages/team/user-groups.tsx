// The groups one user is in (admins): a line of links to them, on the user's page.
import { Anchor, Group, Loader, Paper, Text, Title } from '@mantine/core';
import type { User } from '@teamset/contract';
import { Link } from 'react-router-dom';
import { groupsApi } from '../../api/groups-api';
import { LoadError } from '../../components/load-error';
import { useApi } from '../../hooks/use-api';

export function UserGroups({ user }: { user: User }) {
  const groups = useApi(() => groupsApi.forUser(user.id), [user.id]);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="user-groups-title">
      <Title order={3} size="h4" mb="xs" id="user-groups-title">
        Groups
      </Title>
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
    </Paper>
  );
}
