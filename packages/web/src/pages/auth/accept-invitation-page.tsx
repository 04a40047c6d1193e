// Accepting an invitation: the link carries a one-time token; the invitee picks a name and password and is signed in.
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { authApi } from '../../api/auth-api';
import { AuthCard } from '../../components/auth-card';
import { FormError } from '../../components/form-error';
import { NewPasswordFields, useNewPassword } from '../../components/new-password-fields';
import { useSubmit } from '../../hooks/use-submit';
import { useSession } from '../../session/session-context';

export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { user, setUser } = useSession();
  const navigate = useNavigate();
  const submit = useSubmit();
  const [name, setName] = useState('');
  const password = useNewPassword();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      const session = await authApi.acceptInvitation({ token, name: name.trim(), password: password.password });
      setUser(session.user);
      void navigate('/datasets', { replace: true });
    });
  };

  if (!token) {
    return (
      <AuthCard title="Invitation link incomplete">
        <Alert color="red">
          This invitation link has no token. Open the full link you were sent, or ask the admin who invited you for a
          new one.
        </Alert>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Join your team on Teamset"
      description="You were invited to Teamset. Choose your name and a password to create your account."
    >
      {user ? (
        <Alert color="yellow">
          You are signed in as {user.email}. Accepting creates a new account and signs you in as it.
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput
            label="Your name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            autoComplete="name"
            error={submit.fieldErrors.name}
          />
          <NewPasswordFields
            state={password}
            label="Password"
            confirmLabel="Confirm password"
            error={submit.fieldErrors.password}
          />
          <FormError message={submit.error ?? submit.fieldErrors.token} />
          <Button type="submit" loading={submit.busy} disabled={!name.trim() || !password.ready}>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
