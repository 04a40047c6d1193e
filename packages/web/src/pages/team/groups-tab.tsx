// Team › Groups: the user groups with their size, and New group (which opens the new group to add its members).
import { Button, Center, Group, Loader, Paper, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { groupsApi } from '../../api/groups-api';
import { LoadError } from '../../components/load-error';
import { useApi } from '../../hooks/use-api';
import { CreateGroupDialog } from './create-group-dialog';
import { GroupsTable } from './groups-table';

export function GroupsTab() {
  const groups = useApi(() => groupsApi.list(), []);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="md">
        <Text size="sm" c="dimmed" maw={620}>
          A dataset can grant a group a permission on its Access tab; each member gets it, up to their role’s limit.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          New group
        </Button>
      </Group>
      {groups.error ? (
        <LoadError error={groups.error} onRetry={groups.reload} />
      ) : !groups.data ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading groups" />
        </Center>
      ) : groups.data.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          No groups yet. Make one to share datasets with several people at once.
        </Text>
      ) : (
        <GroupsTable groups={groups.data} />
      )}
      <CreateGroupDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(group) => void navigate(`/team/groups/${encodeURIComponent(group.id)}`)}
      />
    </Paper>
  );
}
