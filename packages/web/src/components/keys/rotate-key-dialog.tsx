// "Rotate key": a new secret for the same key (id, name, scope kept); the grace chosen here is how long the old one still works.
import { Select, Text } from '@mantine/core';
import type { ApiKey, CreatedApiKey } from '@teamset/contract';
import { DEFAULT_KEY_GRACE_SECONDS } from '@teamset/contract/constants';
import { useState } from 'react';
import { keysApi } from '../../api/keys-api';
import { useSubmit } from '../../hooks/use-submit';
import { FormDialog } from '../form-dialog';

const HOUR = 3600;
const GRACE_OPTIONS = [
  { value: '0', label: 'Stop it now' },
  { value: String(HOUR), label: 'For 1 hour' },
  { value: String(DEFAULT_KEY_GRACE_SECONDS), label: 'For 24 hours' },
  { value: String(7 * 24 * HOUR), label: 'For 7 days' },
];

export function RotateKeyDialog({
  target,
  onClose,
  onRotated,
}: {
  target: ApiKey | undefined;
  onClose: () => void;
  onRotated: (rotated: CreatedApiKey) => void;
}) {
  const submit = useSubmit();
  const [grace, setGrace] = useState(String(DEFAULT_KEY_GRACE_SECONDS));

  const close = () => {
    setGrace(String(DEFAULT_KEY_GRACE_SECONDS));
    submit.clear();
    onClose();
  };

  const onSubmit = () => {
    if (!target) return;
    void submit.run(async () => {
      const rotated = await keysApi.rotate(target.id, Number(grace));
      setGrace(String(DEFAULT_KEY_GRACE_SECONDS));
      onRotated(rotated);
    });
  };

  return (
    <FormDialog
      opened={target !== undefined}
      title={target ? `Rotate “${target.name}”` : 'Rotate API key'}
      onClose={close}
      onSubmit={onSubmit}
      submit={submit}
      submitLabel="Rotate key"
      submitDisabled={target === undefined}
    >
      <Text size="sm">
        The key gets a new secret, shown once. Its id, nickname, expiry and scope stay the same. Give the old secret a
        grace period to update what uses it without an outage.
      </Text>
      <Select
        label="Old secret keeps working"
        data={GRACE_OPTIONS}
        value={grace}
        onChange={(value) => setGrace(value ?? String(DEFAULT_KEY_GRACE_SECONDS))}
        allowDeselect={false}
      />
    </FormDialog>
  );
}
