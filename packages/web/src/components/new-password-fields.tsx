// Choosing a password: the new one (with the minimum length) and the same again, flagged as soon as they differ.
import { PasswordInput } from '@mantine/core';
import { PASSWORD_MIN_LENGTH } from '@teamset/contract/constants';
import { useState } from 'react';

export interface NewPassword {
  password: string;
  confirm: string;
  setPassword: (value: string) => void;
  setConfirm: (value: string) => void;
  /** Long enough and typed the same twice. */
  ready: boolean;
  reset: () => void;
}

export function useNewPassword(): NewPassword {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  return {
    password,
    confirm,
    setPassword,
    setConfirm,
    ready: password.length >= PASSWORD_MIN_LENGTH && confirm === password,
    reset: () => {
      setPassword('');
      setConfirm('');
    },
  };
}

export function NewPasswordFields({
  state,
  label,
  confirmLabel,
  error,
}: {
  state: NewPassword;
  label: string;
  confirmLabel: string;
  /** The server's word on the new password, if it refused it. */
  error: string | undefined;
}) {
  const mismatch = state.confirm.length > 0 && state.confirm !== state.password;
  return (
    <>
      <PasswordInput
        label={label}
        description={`At least ${PASSWORD_MIN_LENGTH} characters`}
        required
        value={state.password}
        onChange={(e) => state.setPassword(e.currentTarget.value)}
        autoComplete="new-password"
        error={error}
      />
      <PasswordInput
        label={confirmLabel}
        required
        value={state.confirm}
        onChange={(e) => state.setConfirm(e.currentTarget.value)}
        autoComplete="new-password"
        error={mismatch ? 'The passwords do not match' : undefined}
      />
    </>
  );
}
