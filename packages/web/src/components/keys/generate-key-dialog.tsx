// "Generate API key": a required nickname and an optional expiry; the key itself comes back once, to the caller.
import { Select, TextInput } from '@mantine/core';
import type { CreatedApiKey, User } from '@teamset/contract';
import { useState } from 'react';
import { keysApi } from '../../api/keys-api';
import { useSubmit } from '../../hooks/use-submit';
import { KEY_NAME_MAX_LENGTH } from '@teamset/contract/constants';
import { FormDialog } from '../form-dialog';

const DAY = 24 * 3600;
const EXPIRY_OPTIONS = [
  { value: 'never', label: 'Never' },
  { value: String(7 * DAY), label: 'In 7 days' },
  { value: String(30 * DAY), label: 'In 30 days' },
  { value: String(90 * DAY), label: 'In 90 days' },
  { value: String(365 * DAY), label: 'In 1 year' },
];

export interface GenerateKeyDialogProps {
  opened: boolean;
  /** Set when an admin generates a key for someone else. */
  forUser?: User;
  onClose: () => void;
  onGenerated: (created: CreatedApiKey) => void;
}

export function GenerateKeyDialog({ opened, forUser, onClose, onGenerated }: GenerateKeyDialogProps) {
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('never');

  const close = () => {
    setName('');
    setExpiry('never');
    submit.clear();
    onClose();
  };

  const onSubmit = () => {
    void submit.run(async () => {
      const created = await keysApi.generate({
        name: name.trim(),
        ...(forUser ? { user: forUser.id } : {}),
        ...(expiry !== 'never' ? { expiresInSeconds: Number(expiry) } : {}),
      });
      setName('');
      setExpiry('never');
      onGenerated(created);
    });
  };

  return (
    <FormDialog
      opened={opened}
      title={forUser ? `Generate an API key for ${forUser.name}` : 'Generate API key'}
      onClose={close}
      onSubmit={onSubmit}
      submit={submit}
      submitLabel="Generate"
      submitDisabled={!name.trim()}
    >
      <TextInput
        label="Key nickname"
        description="To recognise the key later, e.g. “laptop” or “training cluster”"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maxLength={KEY_NAME_MAX_LENGTH}
        error={submit.fieldErrors.name}
        data-autofocus
      />
      <Select
        label="Expires"
        data={EXPIRY_OPTIONS}
        value={expiry}
        onChange={(value) => setExpiry(value ?? 'never')}
        allowDeselect={false}
      />
    </FormDialog>
  );
}
