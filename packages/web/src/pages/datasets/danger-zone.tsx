// Danger zone (MANAGE): deleting the dataset, confirmed by typing its name.
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Dataset } from '@teamset/contract';
import { useState } from 'react';
import { datasetsApi } from '../../api/datasets-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { notifySuccess } from '../../lib/notify';

export function DangerZone({ dataset, onDeleted }: { dataset: Dataset; onDeleted: () => void }) {
  const [opened, setOpened] = useState(false);
  const [typed, setTyped] = useState('');
  const close = () => {
    setOpened(false);
    setTyped('');
  };
  const remove = async () => {
    await datasetsApi.delete(dataset.name);
    notifySuccess(`Dataset “${dataset.name}” deleted`);
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
            Delete this dataset
          </Text>
          <Text size="sm" c="dimmed">
            Its samples, fields, saved views and access settings are deleted for everyone. This cannot be undone.
          </Text>
        </div>
        <Button color="red" onClick={() => setOpened(true)}>
          Delete dataset
        </Button>
      </Group>
      <ConfirmDialog
        opened={opened}
        title="Delete dataset?"
        confirmLabel="Delete dataset"
        danger
        confirmDisabled={typed !== dataset.name}
        onConfirm={remove}
        onClose={close}
      >
        <Stack gap="sm">
          <Text size="sm">
            This deletes “{dataset.name}” with all its samples for everyone, at once. Type the dataset’s name to
            confirm.
          </Text>
          <TextInput
            label="Dataset name"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            placeholder={dataset.name}
            autoComplete="off"
            data-autofocus
          />
        </Stack>
      </ConfirmDialog>
    </Paper>
  );
}
