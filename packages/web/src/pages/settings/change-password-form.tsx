// Change your password: the current one is checked; your other signed-in sessions are ended.
import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { accountApi } from '../../api/account-api';
import { FormError } from '../../components/form-error';
import { NewPasswordFields, useNewPassword } from '../../components/new-password-fields';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';

export function ChangePasswordForm() {
  const submit = useSubmit();
  const [current, setCurrent] = useState('');
  const next = useNewPassword();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      const { endedSessions } = await accountApi.changePassword({
        currentPassword: current,
        newPassword: next.password,
      });
      setCurrent('');
      next.reset();
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
        <NewPasswordFields
          state={next}
          label="New password"
          confirmLabel="Confirm new password"
          error={submit.fieldErrors.newPassword}
        />
        <FormError message={submit.error} />
        <Button
          type="submit"
          loading={submit.busy}
          disabled={!current || !next.ready}
          style={{ alignSelf: 'flex-start' }}
        >
          Change password
        </Button>
      </Stack>
    </form>
  );
}
