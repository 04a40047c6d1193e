// An API key list with Generate and Delete: your own keys, or (for an admin) another user's.
import { Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ApiKey, CreatedApiKey, User } from '@teamset/contract';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { keysApi } from '../../api/keys-api';
import { useApi } from '../../hooks/use-api';
import { notifySuccess } from '../../lib/notify';
import { ConfirmDialog } from '../confirm-dialog';
import { LoadError } from '../load-error';
import { CreatedKeyDialog } from './created-key-dialog';
import { GenerateKeyDialog } from './generate-key-dialog';
import { KeyTable } from './key-table';

export function KeyManager({ forUser }: { forUser?: User }) {
  const keys = useApi(() => keysApi.list(forUser?.id), [forUser?.id]);
  const [generating, setGenerating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | undefined>(undefined);
  const [deleting, setDeleting] = useState<ApiKey | undefined>(undefined);

  const onGenerated = (next: CreatedApiKey) => {
    setGenerating(false);
    setCreated(next);
    notifySuccess(`API key “${next.apiKey.name}” generated`);
    keys.reload();
  };

  const deleteKey = async () => {
    if (!deleting) return;
    await keysApi.delete(deleting.id);
    notifySuccess(`API key “${deleting.name}” deleted`);
    keys.reload();
  };

  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="md">
        <Title order={3} size="h4">
          {forUser ? `${forUser.name}’s API keys` : 'Your API keys'}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setGenerating(true)}>
          Generate API key
        </Button>
      </Group>
      {keys.loading && !keys.data ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading API keys" />
        </Center>
      ) : keys.error ? (
        <LoadError error={keys.error} onRetry={keys.reload} title="Could not load the API keys" />
      ) : keys.data && keys.data.length > 0 ? (
        <KeyTable keys={keys.data} onDelete={setDeleting} />
      ) : (
        <Stack align="center" gap={4} py="xl">
          <IconKey size={28} color="var(--mantine-color-gray-5)" />
          <Text fw={500}>No API keys yet</Text>
          <Text size="sm" c="dimmed">
            {forUser
              ? 'Generate one to give them SDK access.'
              : 'Generate one to use the SDK or the teamset command with this server.'}
          </Text>
        </Stack>
      )}

      <GenerateKeyDialog
        opened={generating}
        onClose={() => setGenerating(false)}
        onGenerated={onGenerated}
        {...(forUser ? { forUser } : {})}
      />
      <CreatedKeyDialog
        created={created}
        onClose={() => setCreated(undefined)}
        {...(forUser ? { ownerName: forUser.name } : {})}
      />
      <ConfirmDialog
        opened={deleting !== undefined}
        title="Delete API key?"
        confirmLabel="Delete key"
        danger
        onConfirm={deleteKey}
        onClose={() => setDeleting(undefined)}
      >
        <Text size="sm">
          Applications using the key “{deleting?.name}” (tsk_{deleting?.prefix}…) will lose access immediately. This
          cannot be undone.
        </Text>
      </ConfirmDialog>
    </Paper>
  );
}
