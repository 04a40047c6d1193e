// SessionProvider: finds out on load whether setup is needed and who is signed in; returns to sign-in when a session ends.
import type { User } from '@teamset/contract';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { authApi } from '../api/auth-api';
import { setUnauthenticatedHandler } from '../api/http';
import { SessionContext, type Session, type SessionStatus } from './session-context';

async function discover(): Promise<{ status: SessionStatus; user?: User }> {
  try {
    // Both at once: a set-up server (the usual case) needs the whoami answer anyway.
    const whoami = authApi.whoamiQuietly();
    whoami.catch(() => {}); // awaited below unless setup is needed
    if ((await authApi.setupStatus()).needsSetup) return { status: 'needs-setup' };
    return { status: 'signed-in', user: (await whoami).user };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return { status: 'signed-out' };
    return { status: 'unreachable' };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUserState] = useState<User | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const [signedOutByUser, setSignedOutByUser] = useState(false);
  // Read by the 401 handler, which is installed once: it must see the status now, not the one at install time.
  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);

  useEffect(() => {
    let current = true;
    void discover().then((found) => {
      if (!current) return;
      setUserState(found.user);
      setStatus(found.status);
    });
    return () => {
      current = false;
    };
  }, [generation]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (statusRef.current === 'signed-in')
        notifications.show({
          color: 'yellow',
          title: 'Signed out',
          message: 'Your session has ended; sign in again to go on.',
        });
      setSignedOutByUser(false);
      setUserState(undefined);
      setStatus('signed-out');
    });
    return () => setUnauthenticatedHandler(undefined);
  }, []);

  const setUser = useCallback((next: User) => {
    setUserState(next);
    setSignedOutByUser(false);
    setStatus('signed-in');
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setSignedOutByUser(true);
      setUserState(undefined);
      setStatus('signed-out');
    }
  }, []);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  const session = useMemo<Session>(
    () => ({ status, user, signedOutByUser, setUser, signOut, refresh }),
    [status, user, signedOutByUser, setUser, signOut, refresh],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
