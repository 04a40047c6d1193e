// The one time a key is visible: the key with a copy button, the warning that it will not be shown again, ready-made
// settings. Esc, × or a click outside ask first, so the key is not lost by accident.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { CreatedApiKey } from '@teamset/contract';
import { useState } from 'react';
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
  const [asking, setAsking] = useState(false);
  const close = () => {
    setAsking(false);
    onClose();
  };
  return (
    <Modal opened={created !== undefined} onClose={() => setAsking(true)} title="Your new API key" size="lg" centered>
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
          {asking ? (
            <Alert color="red" title="Close without the key?" role="alertdialog" aria-live="assertive">
              <Stack gap="xs">
                <Text size="sm">You will not see this key again. Copy it first unless you no longer need it.</Text>
                <Group justify="flex-end" gap="xs">
                  <Button variant="default" size="xs" onClick={() => setAsking(false)} data-autofocus>
                    Keep it open
                  </Button>
                  <Button color="red" size="xs" onClick={close}>
                    Close anyway
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={close}>I have copied the key</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
