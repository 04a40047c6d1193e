// Email + password sign-in, cookie sessions (only the token's digest is stored) and their CSRF tokens.
import type { User } from '@teamset/contract';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { nowIso, toIso } from '../db/database.js';
import { unauthenticated } from '../errors/app-error.js';
import { newId } from '../ids.js';
import { newToken, sha256Hex } from '../secrets.js';
import { normalizeEmail, toUser, type UserStore } from '../users/user-store.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
export const INVALID_LOGIN_MESSAGE = 'Invalid email or password';

export interface NewSession {
  user: User;
  /** Goes into the httpOnly cookie; never stored, never logged. */
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export interface ResolvedSession {
  sessionId: string;
  user: User;
  csrfToken: string;
}

/** Derived from the session token, so nothing extra is stored and a cross-site page cannot compute it. */
export function csrfTokenFor(sessionToken: string): string {
  return sha256Hex(`csrf:${sessionToken}`);
}

export class SessionService {
  constructor(
    private readonly database: Database,
    private readonly users: UserStore,
    private readonly audit: AuditLog,
  ) {}

  async signIn(input: { email: string; password: string; ip: string | null; userAgent: string | null }): Promise<NewSession> {
    const email = normalizeEmail(input.email);
    const user = await this.users.findByEmail(email);
    const stored = user && (await this.users.findPasswordHash(user.id));
    const ok = stored ? await verifyPassword(stored, input.password) : (await burnPasswordCheck(input.password), false);
    if (!user || !ok) {
      await this.audit.record({ action: 'auth.sign_in_failed', actor: null, actorId: user?.id ?? null, targetType: 'user', targetId: user?.id ?? null, ip: input.ip, details: { email } });
      throw unauthenticated(INVALID_LOGIN_MESSAGE);
    }
    const session = await this.create(user, input.ip, input.userAgent);
    await this.audit.record({ action: 'auth.sign_in', actor: null, actorId: user.id, targetType: 'user', targetId: user.id, ip: input.ip, details: {} });
    return session;
  }

  /** Starts a session for a user who just proved who they are (sign-in, setup, invitation acceptance). */
  async create(user: User, ip: string | null, userAgent: string | null): Promise<NewSession> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS).toISOString();
    await this.database.db
      .insertInto('sessions')
      .values({ id: newId(), token_hash: sha256Hex(token), user_id: user.id, created_at: nowIso(), expires_at: expiresAt, ip, user_agent: userAgent?.slice(0, 500) ?? null })
      .execute();
    return { user, token, csrfToken: csrfTokenFor(token), expiresAt };
  }

  /** The user behind a session cookie, with their role as it is now; undefined when unknown or expired. */
  async resolve(token: string): Promise<ResolvedSession | undefined> {
    if (token.length < 20 || token.length > 200) return undefined;
    const row = await this.database.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id as session_id', 's.expires_at', 'u.id', 'u.email', 'u.name', 'u.role', 'u.created_at'])
      .where('s.token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!row || Date.parse(toIso(row.expires_at)) <= Date.now()) return undefined;
    return { sessionId: row.session_id, user: toUser(row), csrfToken: csrfTokenFor(token) };
  }

  async signOut(token: string, ip: string | null): Promise<void> {
    const session = await this.resolve(token);
    await this.database.db.deleteFrom('sessions').where('token_hash', '=', sha256Hex(token)).execute();
    if (session) await this.audit.record({ action: 'auth.sign_out', actor: null, actorId: session.user.id, targetType: 'user', targetId: session.user.id, ip, details: {} });
  }

  async pruneExpired(): Promise<void> {
    await this.database.db.deleteFrom('sessions').where('expires_at', '<', nowIso()).execute();
  }
}
