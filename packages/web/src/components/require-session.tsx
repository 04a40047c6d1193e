// Lets signed-in people through; sends everyone else to first-run setup or sign-in, remembering where they were going.
import { Alert, Button, Center, Stack } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../session/session-context';
import { FullPageLoader } from './full-page-loader';

export function RequireSession() {
  const { status, signedOutByUser, refresh } = useSession();
  const location = useLocation();
  if (status === 'loading') return <FullPageLoader />;
  if (status === 'needs-setup') return <Navigate to="/setup" replace />;
  if (status === 'unreachable') {
    return (
      <Center h="100vh">
        <Stack maw={420}>
          <Alert color="red" title="Cannot reach the Teamset server">
            The page loaded, but the server did not answer. It may be restarting.
          </Alert>
          <Button onClick={refresh}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return (
      <Navigate
        to={next === '/' || signedOutByUser ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`}
        replace
      />
    );
  }
  return <Outlet />;
}
