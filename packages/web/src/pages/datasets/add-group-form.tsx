// Share the dataset with a user group: its name (the groups you can see are suggested) and a permission.
import { Autocomplete, Button, Group, Select, Text } from '@mantine/core';
import type { Dataset, DatasetPermission, UserGroup } from '@teamset/contract';
import { useState, type FormEvent } from 'react';
import { permissionsApi } from '../../api/permissions-api';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { PERMISSION_LABELS, permissionOptions } from '../../lib/permissions';
import { useCurrentUser } from '../../session/session-context';

export interface AddGroupFormProps {
  dataset: Dataset;
  /** The groups the signed-in user can see (admins: all, others: their own) without a grant here yet. */
  suggestions: readonly UserGroup[];
  onAdded: () => void;
}

export function AddGroupForm({ dataset, suggestions, onAdded }: AddGroupFormProps) {
  const me = useCurrentUser();
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [permission, setPermission] = useState<DatasetPermission>('VIEW');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      const granted = await permissionsApi.setGroup(dataset.name, name.trim(), permission);
      setName('');
      notifySuccess(
        `Group ${granted.group.name} now has ${PERMISSION_LABELS[granted.permission].toLowerCase()} access`,
      );
      onAdded();
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-end">
        <Autocomplete
          label="Add a group"
          placeholder="Group name"
          value={name}
          onChange={setName}
          data={suggestions.map((g) => g.name)}
          w={320}
          autoComplete="off"
        />
        <Select
          label="Group permission"
          data={permissionOptions('MANAGE', { includeNoAccess: false })}
          value={permission}
          onChange={(v) => v && setPermission(v as DatasetPermission)}
          allowDeselect={false}
          w={160}
        />
        <Button type="submit" loading={submit.busy} disabled={!name.trim()}>
          Add group
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {me.role === 'ADMIN'
          ? 'Groups are made on Team › Groups.'
          : 'The groups you are in are suggested; type the name of any other group.'}{' '}
        Each member gets the permission, up to their role’s limit.
      </Text>
      <FormError message={submit.error ?? Object.values(submit.fieldErrors)[0]} />
    </form>
  );
}
