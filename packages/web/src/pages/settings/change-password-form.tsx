// Change your password: the current one is checked; your other signed-in sessions are ended.
import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { accountApi } from '../../api/account-api';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { PASSWORD_MIN_LENGTH } from '@teamset/contract/constants';
import { notifySuccess } from '../../lib/notify';

export function ChangePasswordForm() {
  const submit = useSubmit();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirm.length > 0 && confirm !== next;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      const { endedSessions } = await accountApi.changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      notifySuccess(
        endedSessions > 0
          ? `Password changed; ${endedSessions} other session${endedSessions === 1 ? ' was' : 's were'} signed out`
          : 'Password changed',
      );
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          Changing your password signs you out everywhere else. Your API keys keep working.
        </Text>
        <PasswordInput
          label="Current password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          autoComplete="current-password"
          error={submit.fieldErrors.currentPassword}
        />
        <PasswordInput
          label="New password"
          description={`At least ${PASSWORD_MIN_LENGTH} characters`}
          required
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          autoComplete="new-password"
          error={submit.fieldErrors.newPassword}
        />
        <PasswordInput
          label="Confirm new password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          autoComplete="new-password"
          error={mismatch ? 'The passwords do not match' : undefined}
        />
        <FormError message={submit.error} />
        <Button
          type="submit"
          loading={submit.busy}
          disabled={!current || next.length < PASSWORD_MIN_LENGTH || confirm !== next}
          style={{ alignSelf: 'flex-start' }}
        >
          Change password
        </Button>
      </Stack>
    </form>
  );
}
