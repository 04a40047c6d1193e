// A user's role as a select: raising it applies at once, lowering it asks first (it takes access away).
import { Select, Text } from '@mantine/core';
import { DisabledReason } from '../../components/disabled-reason';
import type { Role, User } from '@teamset/contract';
import { useState } from 'react';
import { usersApi } from '../../api/users-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { notifyError, notifySuccess } from '../../lib/notify';
import { canUseApiKeys, roleRank } from '@teamset/contract/constants';
import { ROLE_LABELS, ROLE_OPTIONS } from '../../lib/roles';

function downgradeConsequences(from: Role, to: Role): string {
  if (canUseApiKeys(from) && !canUseApiKeys(to))
    return 'Their API keys will stop working until they are promoted again, and they will only be able to view datasets shared with them.';
  if (from === 'ADMIN') return 'They will no longer manage the team, settings, or datasets not shared with them.';
  if (from === 'MEMBER') return 'They will lose the default access to datasets and can no longer create datasets.';
  return 'Their dataset access will be capped at their new role.';
}

export function RoleSelect({
  user,
  disabledReason,
  onChanged,
}: {
  user: User;
  disabledReason: string | undefined;
  onChanged: () => void;
}) {
  const [pending, setPending] = useState<Role | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const apply = async (role: Role) => {
    await usersApi.setRole(user.id, role);
    notifySuccess(
      `${user.name} is now ${ROLE_LABELS[role].toLowerCase() === 'admin' ? 'an admin' : `a ${ROLE_LABELS[role].toLowerCase()}`}`,
    );
    onChanged();
  };

  const onChange = (value: string | null) => {
    const role = value as Role | null;
    if (!role || role === user.role) return;
    if (roleRank(role) < roleRank(user.role)) {
      setPending(role);
      return;
    }
    setBusy(true);
    apply(role)
      .catch((error: unknown) => notifyError(error))
      .finally(() => setBusy(false));
  };

  return (
    <>
      <DisabledReason reason={disabledReason}>
        <Select
          aria-label={`Role of ${user.name}`}
          data={ROLE_OPTIONS}
          value={user.role}
          onChange={onChange}
          disabled={busy || Boolean(disabledReason)}
          allowDeselect={false}
          w={160}
          size="xs"
        />
      </DisabledReason>
      <ConfirmDialog
        opened={pending !== undefined}
        title={`Lower ${user.name}’s role?`}
        confirmLabel={`Make ${pending ? ROLE_LABELS[pending].toLowerCase() : ''}`}
        danger
        onConfirm={() => (pending ? apply(pending) : Promise.resolve())}
        onClose={() => setPending(undefined)}
      >
        <Text size="sm">
          {user.name} goes from {ROLE_LABELS[user.role]} to {pending ? ROLE_LABELS[pending] : ''}.{' '}
          {pending ? downgradeConsequences(user.role, pending) : ''}
        </Text>
      </ConfirmDialog>
    </>
  );
}
