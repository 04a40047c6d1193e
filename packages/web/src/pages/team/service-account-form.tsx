// Create a service account: a name for the job and a role up to Member (no email, password or invitation).
import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import type { ServiceAccount, ServiceAccountRole } from '@teamset/contract';
import { SERVICE_ACCOUNT_NAME_MAX_LENGTH, SERVICE_ACCOUNT_ROLES } from '@teamset/contract/constants';
import { useState, type FormEvent } from 'react';
import { serviceAccountsApi } from '../../api/service-accounts-api';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../lib/roles';

const ROLE_CHOICES = SERVICE_ACCOUNT_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function ServiceAccountForm({ onCreated }: { onCreated: (account: ServiceAccount) => void }) {
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [role, setRole] = useState<ServiceAccountRole>('MEMBER');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      const account = await serviceAccountsApi.create({ name: name.trim().toLowerCase(), role });
      setName('');
      notifySuccess(`Service account ${account.name} created`);
      onCreated(account);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-end">
        <TextInput
          label="Name"
          placeholder="nightly-import"
          required
          value={name}
          maxLength={SERVICE_ACCOUNT_NAME_MAX_LENGTH}
          onChange={(e) => setName(e.currentTarget.value)}
          w={300}
          autoComplete="off"
        />
        <Select
          label="Role"
          data={ROLE_CHOICES}
          value={role}
          onChange={(v) => v && setRole(v as ServiceAccountRole)}
          allowDeselect={false}
          w={200}
        />
        <Button type="submit" loading={submit.busy} disabled={!name.trim()}>
          Create
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        Lower-case letters, digits, “.”, “_” and “-”. {ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role]}.
      </Text>
      <FormError message={submit.error ?? submit.fieldErrors.name ?? submit.fieldErrors.role} />
    </form>
  );
}
