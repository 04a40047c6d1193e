// The signed-in user, shared by every page: who they are, and how to update or end the session.
import type { User } from '@teamset/contract';
import { createContext, useContext } from 'react';

export type SessionStatus = 'loading' | 'needs-setup' | 'signed-out' | 'signed-in' | 'unreachable';

export interface Session {
  status: SessionStatus;
  user: User | undefined;
  /** True after the user signed out themselves: the sign-in page then starts fresh instead of returning to the last page. */
  signedOutByUser: boolean;
  /** After sign-in, setup, invitation acceptance or an account change. */
  setUser(user: User): void;
  signOut(): Promise<void>;
  /** Asks the server again (e.g. after "setup is needed" turned out to be stale). */
  refresh(): void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** For pages inside the signed-in layout, where a user is guaranteed. */
export function useCurrentUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser outside the signed-in app');
  return user;
}
