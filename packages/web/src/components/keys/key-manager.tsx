// An API key list with Generate, Rotate and Delete: your own keys, or (for an admin) another user's.
import { Button, Group, Paper, Text, Title } from '@mantine/core';
import type { ApiKey, CreatedApiKey, User } from '@teamset/contract';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { keysApi } from '../../api/keys-api';
import { useApi } from '../../hooks/use-api';
import { notifySuccess } from '../../lib/notify';
import { ConfirmRowDialog, useConfirmTarget } from '../confirm-row-dialog';
import { CreatedKeyDialog } from './created-key-dialog';
import { GenerateKeyDialog } from './generate-key-dialog';
import { KeyTable } from './key-table';
import { RotateKeyDialog } from './rotate-key-dialog';

export function KeyManager({ forUser }: { forUser?: User }) {
  const keys = useApi(() => keysApi.list(forUser?.id), [forUser?.id]);
  const [generating, setGenerating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | undefined>(undefined);
  const deleting = useConfirmTarget<ApiKey>();
  const [rotating, setRotating] = useState<ApiKey | undefined>(undefined);

  const onGenerated = (next: CreatedApiKey) => {
    setGenerating(false);
    setCreated(next);
    notifySuccess(`API key “${next.apiKey.name}” generated`);
    keys.reload();
  };

  const onRotated = (next: CreatedApiKey) => {
    setRotating(undefined);
    setCreated(next);
    notifySuccess(`API key “${next.apiKey.name}” rotated`);
    keys.reload();
  };

  const deleteKey = async (key: ApiKey) => {
    await keysApi.delete(key.id);
    notifySuccess(`API key “${key.name}” deleted`);
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
      <KeyTable
        keys={keys}
        onDelete={deleting.ask}
        onRotate={setRotating}
        emptyHint={
          forUser
            ? 'Generate one to give them SDK access.'
            : 'Generate one to use the SDK or the teamset command with this server.'
        }
      />

      <GenerateKeyDialog
        opened={generating}
        onClose={() => setGenerating(false)}
        onGenerated={onGenerated}
        {...(forUser ? { forUser } : {})}
      />
      <RotateKeyDialog target={rotating} onClose={() => setRotating(undefined)} onRotated={onRotated} />
      <CreatedKeyDialog
        created={created}
        onClose={() => setCreated(undefined)}
        {...(forUser ? { ownerName: forUser.name } : {})}
      />
      <ConfirmRowDialog target={deleting} title="Delete API key?" confirmLabel="Delete key" onConfirm={deleteKey}>
        {(key) => (
          <Text size="sm">
            Applications using the key “{key.name}” (tsk_{key.prefix}…) will lose access immediately. This cannot be
            undone.
          </Text>
        )}
      </ConfirmRowDialog>
    </Paper>
  );
}
