// Share the dataset with a person: admins pick from a search of users (or invite an email with no account yet); other
// managers type the email of someone with an account. Only a checked email or a picked user's id reaches the URL.
import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import type { Dataset, DatasetPermission } from '@teamset/contract';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { isInvitation, permissionsApi } from '../../api/permissions-api';
import { CopyField } from '../../components/copy-field';
import { FormError } from '../../components/form-error';
import { exactMatch, UserPicker, useUserSearch } from '../../components/user-picker';
import { useSubmit } from '../../hooks/use-submit';
import { emailProblem } from '../../lib/email-check';
import { notifySuccess } from '../../lib/notify';
import { PERMISSION_LABELS, permissionOptions } from '../../lib/permissions';
import { useCurrentUser } from '../../session/session-context';

const NO_SUCH_USER = 'No user with that email. Ask an admin to invite them first.';

export function AddPersonForm({ dataset, onAdded }: { dataset: Dataset; onAdded: () => void }) {
  const me = useCurrentUser();
  const submit = useSubmit();
  const [who, setWho] = useState('');
  const [permission, setPermission] = useState<DatasetPermission>('VIEW');
  const [inviteUrl, setInviteUrl] = useState<string | undefined>(undefined);
  const isAdmin = me.role === 'ADMIN';
  // Only admins may search users; the picker's answers also tell which typed text is a known person.
  const search = useUserSearch(isAdmin ? who : '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setInviteUrl(undefined);
    const picked = isAdmin ? exactMatch(search.users, who) : undefined;
    const problem = picked ? undefined : emailProblem(who);
    if (problem) return submit.reject(isAdmin ? `${problem} Or pick someone from the list.` : problem, 'user');
    void submit.run(async () => {
      const email = who.trim();
      const result = await permissionsApi
        .setUser(dataset.name, picked?.id ?? email, permission, isAdmin)
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.code === 'NOT_FOUND' && error.message.startsWith('No user'))
            throw new ApiError(404, 'NOT_FOUND', NO_SUCH_USER, { field: 'user' });
          throw error;
        });
      setWho('');
      if (isInvitation(result)) {
        if (result.url) setInviteUrl(result.url);
        notifySuccess(
          `${email} has no account yet: they were invited and get ${PERMISSION_LABELS[permission].toLowerCase()} access when they join`,
        );
      } else {
        notifySuccess(`${result.user.name} now has ${PERMISSION_LABELS[result.activePermission].toLowerCase()} access`);
      }
      onAdded();
    });
  };

  const change = (next: string) => {
    setWho(next);
    submit.clear();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-start">
        {isAdmin ? (
          <UserPicker
            label="Add a person"
            value={who}
            onChange={change}
            noMatchHint="Add invites them; they get the access when they join."
            search={search}
            error={submit.fieldErrors.user}
          />
        ) : (
          <TextInput
            label="Add a person"
            placeholder="name@example.com"
            type="email"
            required
            value={who}
            onChange={(e) => change(e.currentTarget.value)}
            error={submit.fieldErrors.user}
            w={340}
            autoComplete="off"
          />
        )}
        <Select
          label="Permission"
          data={permissionOptions('MANAGE', { includeNoAccess: false })}
          value={permission}
          onChange={(v) => v && setPermission(v as DatasetPermission)}
          allowDeselect={false}
          w={160}
        />
        <Button type="submit" loading={submit.busy} disabled={!who.trim()} mt={25}>
          Add
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {isAdmin
          ? 'Search by name or email. Someone without an account is invited by email and gets the access when they join.'
          : 'The email address of someone with an account.'}{' '}
        Access is capped by their role.
      </Text>
      <FormError
        message={submit.error ?? Object.entries(submit.fieldErrors).find(([field]) => field !== 'user')?.[1]}
      />
      {inviteUrl ? (
        <div style={{ marginTop: 12 }}>
          <CopyField label="Invitation link (shown once)" value={inviteUrl} />
        </div>
      ) : null}
    </form>
  );
}
