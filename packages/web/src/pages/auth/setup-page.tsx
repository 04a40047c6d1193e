// First-run setup: only while the server has no users; the setup token proves you run the server (its start banner shows it).
import { Button, Code, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { authApi } from '../../api/auth-api';
import { AuthCard } from '../../components/auth-card';
import { FormError } from '../../components/form-error';
import { FullPageLoader } from '../../components/full-page-loader';
import { useSubmit } from '../../hooks/use-submit';
import { emailProblem } from '../../lib/email-check';
import { PASSWORD_MIN_LENGTH } from '@teamset/contract/constants';
import { useSession } from '../../session/session-context';

export function SetupPage() {
  const { status, setUser, refresh } = useSession();
  const navigate = useNavigate();
  const submit = useSubmit();
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (status === 'loading') return <FullPageLoader />;
  if (status !== 'needs-setup') return <Navigate to="/" replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = emailProblem(email);
    if (problem) return submit.reject(problem, 'email');
    void submit.run(async () => {
      try {
        const session = await authApi.setup({ token: token.trim(), name: name.trim(), email: email.trim(), password });
        setUser(session.user);
        void navigate('/datasets', { replace: true });
      } catch (error) {
        // Someone else finished setup meanwhile: the page is stale, so ask the server again.
        if (error instanceof Error && /already/i.test(error.message)) refresh();
        throw error;
      }
    });
  };

  return (
    <AuthCard
      title="Set up Teamset"
      pageTitle="Setup"
      description="Create the first admin account. Only the person running the server can do this: it needs the setup token the server printed when it started."
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput
            label="Setup token"
            description={
              <Text span size="xs">
                Printed by <Code>teamset serve</Code> on start-up, on its own line under “No admin yet”
              </Text>
            }
            required
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
            autoComplete="off"
            error={submit.fieldErrors.token}
          />
          <TextInput
            label="Your name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            autoComplete="name"
            error={submit.fieldErrors.name}
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            autoComplete="email"
            error={submit.fieldErrors.email}
          />
          <PasswordInput
            label="Password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters`}
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="new-password"
            error={submit.fieldErrors.password}
          />
          <FormError message={submit.error} />
          <Button
            type="submit"
            loading={submit.busy}
            disabled={!token.trim() || !name.trim() || !email.trim() || password.length < PASSWORD_MIN_LENGTH}
          >
            Create admin account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
