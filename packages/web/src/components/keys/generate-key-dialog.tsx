// "Generate API key": a required nickname, an optional expiry and an optional scope; the key comes back once, to the caller.
import { Checkbox, Fieldset, MultiSelect, Select, Text, TextInput } from '@mantine/core';
import type { CreatedApiKey, KeyScopePermission, User } from '@teamset/contract';
import { useState } from 'react';
import { datasetsApi } from '../../api/datasets-api';
import { keysApi } from '../../api/keys-api';
import { useApi } from '../../hooks/use-api';
import { useSubmit } from '../../hooks/use-submit';
import { KEY_NAME_MAX_LENGTH, MAX_KEY_SCOPE_DATASETS, MAX_PAGE_SIZE } from '@teamset/contract/constants';
import { FormDialog } from '../form-dialog';

const DAY = 24 * 3600;
const EXPIRY_OPTIONS = [
  { value: 'never', label: 'Never' },
  { value: String(7 * DAY), label: 'In 7 days' },
  { value: String(30 * DAY), label: 'In 30 days' },
  { value: String(90 * DAY), label: 'In 90 days' },
  { value: String(365 * DAY), label: 'In 1 year' },
];

const PERMISSION_OPTIONS = [
  { value: 'all', label: 'Same as the user (no limit)' },
  { value: 'VIEW', label: 'View: read samples and labels' },
  { value: 'TAG', label: 'Tag: view, and add or remove tags' },
  { value: 'EDIT', label: 'Edit: tag, and change samples, fields and views' },
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
  const [maxPermission, setMaxPermission] = useState('all');
  const [datasets, setDatasets] = useState<string[]>([]);
  const [readOnly, setReadOnly] = useState(false);
  // The datasets the caller can see, read when the dialog opens (a key can be limited only to those).
  const visible = useApi(
    () => (opened ? datasetsApi.list({ pageSize: MAX_PAGE_SIZE }) : Promise.resolve(undefined)),
    [opened],
  );

  const reset = () => {
    setName('');
    setExpiry('never');
    setMaxPermission('all');
    setDatasets([]);
    setReadOnly(false);
  };

  const close = () => {
    reset();
    submit.clear();
    onClose();
  };

  const onSubmit = () => {
    void submit.run(async () => {
      const created = await keysApi.generate({
        name: name.trim(),
        ...(forUser ? { user: forUser.id } : {}),
        ...(expiry !== 'never' ? { expiresInSeconds: Number(expiry) } : {}),
        ...(maxPermission !== 'all' ? { maxPermission: maxPermission as KeyScopePermission } : {}),
        ...(datasets.length > 0 ? { datasets } : {}),
        ...(readOnly ? { readOnlyManagement: true } : {}),
      });
      reset();
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
      <Fieldset legend="Scope (optional)" variant="filled">
        <Text size="xs" c="dimmed" mb="xs">
          Limit what the key can do, e.g. for a CI job. The key never does more than its user either.
        </Text>
        <Select
          label="Highest dataset permission"
          data={PERMISSION_OPTIONS}
          value={maxPermission}
          onChange={(value) => setMaxPermission(value ?? 'all')}
          allowDeselect={false}
          error={submit.fieldErrors.maxPermission}
        />
        <MultiSelect
          mt="sm"
          label="Datasets"
          description="Leave empty for every dataset the user can see; others will look missing to the key"
          placeholder={datasets.length === 0 ? 'All datasets' : undefined}
          data={(visible.data?.datasets ?? []).map((d) => d.name)}
          value={datasets}
          onChange={setDatasets}
          searchable
          clearable
          maxValues={MAX_KEY_SCOPE_DATASETS}
          nothingFoundMessage="No dataset with that name"
          error={submit.fieldErrors.datasets}
        />
        <Checkbox
          mt="sm"
          label="Read-only management"
          description="The key may not generate or delete keys, nor change users, groups, permissions or settings"
          checked={readOnly}
          onChange={(e) => setReadOnly(e.currentTarget.checked)}
        />
      </Fieldset>
    </FormDialog>
  );
}
