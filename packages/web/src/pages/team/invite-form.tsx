// Invite an email with a role; the role starts at the organization's default for new users.
import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import type { CreatedInvitation, Role } from '@teamset/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { invitationsApi } from '../../api/invitations-api';
import { organizationApi } from '../../api/organization-api';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLE_OPTIONS } from '../../lib/roles';

export function InviteForm({ onInvited }: { onInvited: (created: CreatedInvitation) => void }) {
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('GUEST');

  useEffect(() => {
    let current = true;
    organizationApi.get().then(
      (settings) => current && setRole(settings.defaultUserRole),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      const created = await invitationsApi.create({ email: email.trim(), role });
      setEmail('');
      notifySuccess(`Invitation for ${created.invitation.email} created`);
      onInvited(created);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-end">
        <TextInput
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          w={300}
          autoComplete="off"
        />
        <Select
          label="Role"
          data={ROLE_OPTIONS}
          value={role}
          onChange={(v) => v && setRole(v as Role)}
          allowDeselect={false}
          w={200}
        />
        <Button type="submit" loading={submit.busy} disabled={!email.trim()}>
          Invite
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role]}.
      </Text>
      <FormError message={submit.error ?? submit.fieldErrors.email} />
    </form>
  );
}
