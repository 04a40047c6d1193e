// Sign-in with email and password; returns to the page you were going to.
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { authApi } from '../../api/auth-api';
import { AuthCard } from '../../components/auth-card';
import { FormError } from '../../components/form-error';
import { FullPageLoader } from '../../components/full-page-loader';
import { useSubmit } from '../../hooks/use-submit';
import { emailProblem } from '../../lib/email-check';
import { useSession } from '../../session/session-context';

/** Only paths inside this app: a `next` pointing elsewhere would make the sign-in page an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/datasets';
}

export function SignInPage() {
  const { status, setUser } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));

  if (status === 'loading') return <FullPageLoader />;
  if (status === 'needs-setup') return <Navigate to="/setup" replace />;
  if (status === 'signed-in') return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = emailProblem(email);
    if (problem) return submit.reject(problem, 'email');
    void submit.run(async () => {
      const session = await authApi.login({ email: email.trim(), password });
      setUser(session.user);
      void navigate(next, { replace: true });
    });
  };

  return (
    <AuthCard title="Sign in" description="Use the email and password of your Teamset account.">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            autoComplete="username"
            error={submit.fieldErrors.email}
            data-autofocus
          />
          <PasswordInput
            label="Password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
          />
          <FormError message={submit.error ?? submit.fieldErrors.password} />
          <Button type="submit" loading={submit.busy} disabled={!email.trim() || !password}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
