// Deleting a group, after a confirmation: its members lose the dataset access it gave them at once.
import { Button, Group, Paper, Text, Title } from '@mantine/core';
import type { UserGroup } from '@teamset/contract';
import { useState } from 'react';
import { groupsApi } from '../../api/groups-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { notifySuccess } from '../../lib/notify';

export function DeleteGroup({ group, onDeleted }: { group: UserGroup; onDeleted: () => void }) {
  const [opened, setOpened] = useState(false);
  const remove = async () => {
    await groupsApi.delete(group.id);
    notifySuccess(`Group “${group.name}” deleted`);
    onDeleted();
  };
  return (
    <Paper withBorder p="lg" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
      <Title order={3} size="h4" c="red.8" mb="md">
        Danger zone
      </Title>
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text fw={500} size="sm">
            Delete this group
          </Text>
          <Text size="sm" c="dimmed">
            Its members keep their accounts, but lose the dataset access this group gave them.
          </Text>
        </div>
        <Button color="red" onClick={() => setOpened(true)}>
          Delete group
        </Button>
      </Group>
      <ConfirmDialog
        opened={opened}
        title="Delete group?"
        confirmLabel="Delete group"
        danger
        onConfirm={remove}
        onClose={() => setOpened(false)}
      >
        <Text size="sm">
          “{group.name}” and its grants on datasets are deleted. Its{' '}
          {group.users.length === 1 ? 'member loses' : `${group.users.length} members lose`} the access it gave at once.
          This cannot be undone.
        </Text>
      </ConfirmDialog>
    </Paper>
  );
}
