// Accepting an invitation: the link (a one-time token) is checked on load and names who joins with which role; the
// invitee picks a name and password and is signed in.
import { Alert, Button, Center, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, messageOf } from '../../api/api-error';
import { authApi } from '../../api/auth-api';
import { AuthCard } from '../../components/auth-card';
import { FormError } from '../../components/form-error';
import { NewPasswordFields, useNewPassword } from '../../components/new-password-fields';
import { useApi } from '../../hooks/use-api';
import { useSubmit } from '../../hooks/use-submit';
import { ROLE_LABELS } from '../../lib/roles';
import { useSession } from '../../session/session-context';

export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { user, setUser } = useSession();
  const navigate = useNavigate();
  const submit = useSubmit();
  const [name, setName] = useState('');
  const password = useNewPassword();
  const invitation = useApi(() => (token ? authApi.lookUpInvitation(token) : Promise.resolve(undefined)), [token]);

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

  if (invitation.error) {
    const unusable = invitation.error instanceof ApiError && invitation.error.status === 404;
    return (
      <AuthCard title={unusable ? 'This invitation link no longer works' : 'Could not check this invitation'}>
        <Alert color="red" role="alert">
          {unusable
            ? 'It may have expired (links last 7 days), been replaced by a newer invitation, been revoked, or been used already. Ask the admin who invited you for a new link.'
            : messageOf(invitation.error)}
        </Alert>
      </AuthCard>
    );
  }

  if (!invitation.data) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Checking the invitation link" />
      </Center>
    );
  }
  const joining = invitation.data;

  return (
    <AuthCard
      title="Join your team on Teamset"
      description="You were invited to Teamset. Choose your name and a password to create your account."
    >
      <Text size="sm" data-testid="joining-as">
        Joining as <strong>{joining.email}</strong>, role <strong>{ROLE_LABELS[joining.role]}</strong>
      </Text>
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
