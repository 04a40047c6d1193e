// The one time a key is visible: the key with a copy button, the warning that it will not be shown again, ready-made settings.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { CreatedApiKey } from '@teamset/contract';
import { IconAlertTriangle } from '@tabler/icons-react';
import { apiUri, envLines } from '../../lib/connect-settings';
import { formatDateTime } from '../../lib/format';
import { CopyField } from '../copy-field';

export function CreatedKeyDialog({
  created,
  ownerName,
  onClose,
}: {
  created: CreatedApiKey | undefined;
  ownerName?: string;
  onClose: () => void;
}) {
  return (
    <Modal opened={created !== undefined} onClose={onClose} title="Your new API key" size="lg" centered>
      {created ? (
        <Stack>
          <Text size="sm">
            {ownerName
              ? `The key “${created.apiKey.name}” for ${ownerName} is ready.`
              : `Your key “${created.apiKey.name}” is ready.`}{' '}
            {created.apiKey.previousSecrets.length > 0
              ? `Its old secret works until ${formatDateTime(created.apiKey.previousSecrets.at(-1)?.graceEndsAt ?? '')}. `
              : ''}
            Copy it now and keep it somewhere safe, like a password manager.
          </Text>
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="It will not be shown again">
            Teamset stores only a fingerprint of the key. If you lose it, delete it and generate a new one.
          </Alert>
          <CopyField label="API key" value={created.key} />
          <CopyField label="Environment variables" value={envLines(apiUri(), created.key)} block />
          <Group justify="flex-end">
            <Button onClick={onClose}>I have copied the key</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
