// Email + password sign-in, cookie sessions (only the token's digest is stored) and their CSRF tokens.
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type User } from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { nowIso, toIso } from '../db/database.js';
import { badRequest, unauthenticated } from '../errors/app-error.js';
import { newId } from '../ids.js';
import { newToken, sha256Hex } from '../secrets.js';
import { requireSignedIn } from '../users/signed-in-user.js';
import { normalizeEmail, toUser, type UserStore } from '../users/user-store.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { SessionStore } from './session-store.js';
import { requireManagementWrite } from '../permissions/key-scope.js';

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
export const INVALID_LOGIN_MESSAGE = 'Invalid email or password';
/** A 400 on the currentPassword field, not a 401: the caller is signed in, only the form is wrong. */
export const WRONG_CURRENT_PASSWORD_MESSAGE = 'The current password is not correct';

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
  private readonly store: SessionStore;

  constructor(
    private readonly database: Database,
    private readonly users: UserStore,
    private readonly audit: AuditLog,
  ) {
    this.store = new SessionStore(database);
  }

  async signIn(input: {
    email: string;
    password: string;
    ip: string | null;
    userAgent: string | null;
  }): Promise<NewSession> {
    const email = normalizeEmail(input.email);
    const user = await this.users.findByEmail(email);
    const stored = user && (await this.users.findPasswordHash(user.id));
    const ok = stored ? await verifyPassword(stored, input.password) : (await burnPasswordCheck(input.password), false);
    if (!user || !ok) {
      await this.audit.record({
        action: 'auth.sign_in_failed',
        actor: null,
        actorId: user?.id ?? null,
        targetType: 'user',
        targetId: user?.id ?? null,
        ip: input.ip,
        details: { email },
      });
      throw unauthenticated(INVALID_LOGIN_MESSAGE);
    }
    const session = await this.create(user, input.ip, input.userAgent);
    await this.audit.record({
      action: 'auth.sign_in',
      actor: null,
      actorId: user.id,
      targetType: 'user',
      targetId: user.id,
      ip: input.ip,
      details: {},
    });
    return session;
  }

  /** Starts a session for a user who just proved who they are (sign-in, setup, invitation acceptance). */
  async create(user: User, ip: string | null, userAgent: string | null): Promise<NewSession> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS).toISOString();
    await this.store.insert({
      id: newId(),
      token_hash: sha256Hex(token),
      user_id: user.id,
      created_at: nowIso(),
      expires_at: expiresAt,
      ip,
      user_agent: userAgent?.slice(0, 500) ?? null,
    });
    return { user, token, csrfToken: csrfTokenFor(token), expiresAt };
  }

  /** The user behind a session cookie, with their role as it is now; undefined when unknown or expired. */
  async resolve(token: string): Promise<ResolvedSession | undefined> {
    if (token.length < 20 || token.length > 200) return undefined;
    const row = await this.store.findWithUser(sha256Hex(token));
    if (!row || Date.parse(toIso(row.expires_at)) <= Date.now()) return undefined;
    return { sessionId: row.session_id, user: toUser(row), csrfToken: csrfTokenFor(token) };
  }

  async signOut(token: string, ip: string | null): Promise<void> {
    const session = await this.resolve(token);
    await this.store.deleteByTokenHash(sha256Hex(token));
    if (session)
      await this.audit.record({
        action: 'auth.sign_out',
        actor: null,
        actorId: session.user.id,
        targetType: 'user',
        targetId: session.user.id,
        ip,
        details: {},
      });
  }

  /**
   * Changes the signed-in user's password after checking the current one, and ends their other sessions
   * (a password change is what someone does after a leak). `keepSessionToken` is the session making the
   * change, which stays signed in; over an API key every session ends. Keys are not touched.
   */
  async changePassword(
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
    keepSessionToken?: string,
  ): Promise<{ endedSessions: number }> {
    const self = requireSignedIn(actor, 'change a password');
    requireManagementWrite(actor);
    if (input.newPassword.length < PASSWORD_MIN_LENGTH || input.newPassword.length > PASSWORD_MAX_LENGTH) {
      throw badRequest(`The new password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`, {
        field: 'newPassword',
      });
    }
    const stored = await this.users.findPasswordHash(self.id);
    const ok = stored
      ? await verifyPassword(stored, input.currentPassword)
      : (await burnPasswordCheck(input.currentPassword), false);
    if (!ok) throw badRequest(WRONG_CURRENT_PASSWORD_MESSAGE, { field: 'currentPassword' });
    if (input.newPassword === input.currentPassword)
      throw badRequest('The new password must differ from the current one', { field: 'newPassword' });
    const hash = await hashPassword(input.newPassword);
    return this.database.db.transaction().execute(async (trx) => {
      const at = nowIso();
      await this.users.setPasswordHash(trx, self.id, hash, at);
      const keep = keepSessionToken === undefined ? undefined : sha256Hex(keepSessionToken);
      const endedSessions = await this.store.deleteUserSessions(trx, self.id, keep);
      await this.audit.record(
        { action: 'auth.password_change', actor, targetType: 'user', targetId: self.id, details: { endedSessions } },
        trx,
      );
      return { endedSessions };
    });
  }

  async pruneExpired(): Promise<void> {
    await this.store.deleteExpired(nowIso());
  }
}
