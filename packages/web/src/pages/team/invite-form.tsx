// Invite an email with a role. An email with a pending invitation takes that invitation's role and asks before replacing it.
import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import type { CreatedInvitation, Invitation, PendingInvitationDetails, Role } from '@teamset/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { invitationsApi } from '../../api/invitations-api';
import { organizationApi } from '../../api/organization-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { emailProblem } from '../../lib/email-check';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLE_OPTIONS } from '../../lib/roles';

/** The invitation an invite would replace: from the pending list, or from the server's 409 when the list was stale. */
interface Replacing {
  email: string;
  pending: Pick<PendingInvitationDetails, 'role' | 'createdAt'>;
}

export function InviteForm({
  pending,
  onInvited,
}: {
  /** The pending invitations, to notice a re-invite before sending. */
  pending: readonly Invitation[] | undefined;
  onInvited: (created: CreatedInvitation) => void;
}) {
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [replacing, setReplacing] = useState<Replacing | undefined>(undefined);
  const [defaultRole, setDefaultRole] = useState<Role | undefined>(undefined);
  const waiting = pending?.find((i) => i.email === email.trim().toLowerCase());

  useEffect(() => {
    let current = true;
    organizationApi.get().then(
      (settings) => current && setDefaultRole(settings.defaultUserRole),
      () => current && setDefaultRole('GUEST'),
    );
    return () => {
      current = false;
    };
  }, []);

  const onEmailChange = (next: string) => {
    setEmail(next);
    submit.clear();
    // Re-inviting keeps the role they were invited with unless the admin picks another.
    const match = pending?.find((i) => i.email === next.trim().toLowerCase());
    if (match) setRole(match.role);
  };

  const chosenRole = role ?? defaultRole;

  const send = async (replace: boolean) => {
    const created = await invitationsApi.create({
      email: email.trim(),
      ...(chosenRole ? { role: chosenRole } : {}),
      replace,
    });
    setEmail('');
    setRole(undefined);
    notifySuccess(
      replace
        ? `Invitation for ${created.invitation.email} replaced: the earlier link no longer works`
        : `Invitation for ${created.invitation.email} created`,
    );
    onInvited(created);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = emailProblem(email);
    if (problem) return submit.reject(problem, 'email');
    if (waiting) return setReplacing({ email: waiting.email, pending: waiting });
    void submit.run(async () => {
      try {
        await send(false);
      } catch (error) {
        // Someone else invited them since the list loaded: ask, as above.
        const named = error instanceof ApiError ? error.pendingInvitation : undefined;
        if (!named) throw error;
        setRole((current) => current ?? named.role);
        setReplacing({ email: email.trim().toLowerCase(), pending: named });
      }
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-start">
        <TextInput
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => onEmailChange(e.currentTarget.value)}
          error={submit.fieldErrors.email}
          w={300}
          autoComplete="off"
        />
        <Select
          label="Role"
          data={ROLE_OPTIONS}
          value={chosenRole ?? null}
          placeholder="Loading…"
          onChange={(v) => v && setRole(v as Role)}
          allowDeselect={false}
          w={200}
        />
        <Button type="submit" loading={submit.busy} disabled={!email.trim() || !chosenRole} mt={25}>
          {waiting ? 'Invite again' : 'Invite'}
        </Button>
      </Group>
      {waiting ? (
        <Text size="sm" mt={6} role="status">
          {waiting.email} already has a pending {ROLE_LABELS[waiting.role]} invitation, sent{' '}
          {formatDateTime(waiting.createdAt)}. Inviting again replaces it.
        </Text>
      ) : null}
      {chosenRole ? (
        <Text size="xs" c="dimmed" mt={6}>
          {ROLE_LABELS[chosenRole]}: {ROLE_DESCRIPTIONS[chosenRole]}.
        </Text>
      ) : null}
      <FormError message={submit.error} />
      <ConfirmDialog
        opened={replacing !== undefined}
        title="Replace the pending invitation?"
        confirmLabel="Replace invitation"
        onClose={() => setReplacing(undefined)}
        onConfirm={() => send(true)}
      >
        {replacing ? (
          <Text size="sm">
            {replacing.email} already has a pending <strong>{ROLE_LABELS[replacing.pending.role]}</strong> invitation,
            sent {formatDateTime(replacing.pending.createdAt)}. A new invitation as{' '}
            <strong>{chosenRole ? ROLE_LABELS[chosenRole] : ''}</strong> replaces it: the link already sent stops
            working, and you send them the new one.
          </Text>
        ) : null}
      </ConfirmDialog>
    </form>
  );
}
