// Team › Groups: the user groups with their size, and New group (which opens the new group to add its members).
import { Button, Group, Paper, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { groupsApi } from '../../api/groups-api';
import { DataTable } from '../../components/data-table';
import { useApi } from '../../hooks/use-api';
import { CreateGroupDialog } from './create-group-dialog';
import { GROUP_COLUMNS } from './group-columns';

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
      <DataTable
        label="Groups"
        columns={GROUP_COLUMNS}
        rows={groups.data}
        rowKey={(group) => group.id}
        error={groups.error}
        onRetry={groups.reload}
        minWidth={600}
        verticalSpacing="sm"
        highlightOnHover
        emptyCentered
        empty="No groups yet. Make one to share datasets with several people at once."
      />
      <CreateGroupDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(group) => void navigate(`/team/groups/${encodeURIComponent(group.id)}`)}
      />
    </Paper>
  );
}
