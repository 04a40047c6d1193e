// Share the dataset with a person by email; admins can invite an email that has no account yet.
import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import type { Dataset, DatasetPermission } from '@teamset/contract';
import { useState, type FormEvent } from 'react';
import { isInvitation, permissionsApi } from '../../api/permissions-api';
import { CopyField } from '../../components/copy-field';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { PERMISSION_LABELS, permissionOptions } from '../../lib/permissions';
import { useCurrentUser } from '../../session/session-context';

export function AddPersonForm({ dataset, onAdded }: { dataset: Dataset; onAdded: () => void }) {
  const me = useCurrentUser();
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [permission, setPermission] = useState<DatasetPermission>('VIEW');
  const [inviteUrl, setInviteUrl] = useState<string | undefined>(undefined);
  const isAdmin = me.role === 'ADMIN';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setInviteUrl(undefined);
    void submit.run(async () => {
      const who = email.trim();
      const result = await permissionsApi.setUser(dataset.name, who, permission, isAdmin);
      setEmail('');
      if (isInvitation(result)) {
        if (result.url) setInviteUrl(result.url);
        notifySuccess(
          `${who} has no account yet: they were invited and get ${PERMISSION_LABELS[permission].toLowerCase()} access when they join`,
        );
      } else {
        notifySuccess(`${result.user.name} now has ${PERMISSION_LABELS[result.activePermission].toLowerCase()} access`);
      }
      onAdded();
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-end">
        <TextInput
          label="Add a person"
          placeholder="name@example.com"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          w={320}
          autoComplete="off"
        />
        <Select
          label="Permission"
          data={permissionOptions('MANAGE', { includeNoAccess: false })}
          value={permission}
          onChange={(v) => v && setPermission(v as DatasetPermission)}
          allowDeselect={false}
          w={160}
        />
        <Button type="submit" loading={submit.busy} disabled={!email.trim()}>
          Add
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {isAdmin
          ? 'Their email address. Someone without an account is invited and gets the access when they join.'
          : 'The email address of someone with an account.'}{' '}
        Access is capped by their role.
      </Text>
      <FormError message={submit.error ?? Object.values(submit.fieldErrors)[0]} />
      {inviteUrl ? (
        <div style={{ marginTop: 12 }}>
          <CopyField label="Invitation link (shown once)" value={inviteUrl} />
        </div>
      ) : null}
    </form>
  );
}
