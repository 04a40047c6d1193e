// SessionService on SQLite and PostgreSQL: sign-in with one failure message, audited; expiry, sign-out and CSRF tokens.
import type { User } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { sha256Hex } from '../secrets.js';
import type { Services } from '../services.js';
import {
  createTestServices,
  expectAppError,
  uniqueEmail,
  type TestServices,
} from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { INVALID_LOGIN_MESSAGE, SESSION_TTL_MS, csrfTokenFor } from './session-service.js';

const PASSWORD = 'correct horse battery staple';

describe.each(await testDialects())('SessionService on %s', (dialect) => {
  let ctx: TestServices;
  let services: Services;
  let user: User;

  beforeAll(async () => {
    ctx = await createTestServices(dialect, { background: false });
    services = ctx.services;
    user = await services.users.create(SYSTEM_ACTOR, {
      email: uniqueEmail('Signer'),
      name: 'Signer',
      role: 'MEMBER',
      password: PASSWORD,
    });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const signIn = (email: string, password: string) =>
    services.sessions.signIn({ email, password, ip: '198.51.100.1', userAgent: 'vitest' });

  it('signs in with the right password, whatever the email’s case, and records auth.sign_in', async () => {
    const before = Date.now();
    const session = await signIn(`  ${user.email.toUpperCase()} `, PASSWORD);
    expect(session.user).toEqual(user);
    expect(session.token.length).toBeGreaterThanOrEqual(40);
    expect(Date.parse(session.expiresAt)).toBeGreaterThanOrEqual(before + SESSION_TTL_MS);
    const resolved = await services.sessions.resolve(session.token);
    expect(resolved?.user).toEqual(user);

    // Only the digest of the token is stored.
    const row = await services.database.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', resolved?.sessionId ?? '')
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(session.token));
    expect(JSON.stringify(row)).not.toContain(session.token);
    expect(row.user_agent).toBe('vitest');

    const [event] = await services.audit.list(SYSTEM_ACTOR, { action: 'auth.sign_in', limit: 1 });
    expect(event).toMatchObject({
      action: 'auth.sign_in',
      actorId: user.id,
      targetType: 'user',
      targetId: user.id,
      ip: '198.51.100.1',
    });
  });

  it('gives a wrong password and an unknown email the same UNAUTHENTICATED message, each audited', async () => {
    const wrong = await expectAppError(signIn(user.email, 'not the password'), 'UNAUTHENTICATED');
    const unknown = await expectAppError(signIn('nobody@example.com', PASSWORD), 'UNAUTHENTICATED');
    expect(wrong.message).toBe(INVALID_LOGIN_MESSAGE);
    expect(unknown.message).toBe(INVALID_LOGIN_MESSAGE);

    const failures = await services.audit.list(SYSTEM_ACTOR, { action: 'auth.sign_in_failed', limit: 2 });
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({
      actorId: null,
      targetId: null,
      ip: '198.51.100.1',
      details: { email: 'nobody@example.com' },
    });
    expect(failures[1]).toMatchObject({ actorId: user.id, targetId: user.id, details: { email: user.email } });
    expect(JSON.stringify(failures)).not.toContain('not the password');
    expect(JSON.stringify(failures)).not.toContain(PASSWORD);
  });

  it('refuses a user who has no password', async () => {
    const invited = await services.users.create(SYSTEM_ACTOR, {
      email: uniqueEmail('nopass'),
      name: 'No Pass',
      role: 'MEMBER',
    });
    await expectAppError(signIn(invited.email, ''), 'UNAUTHENTICATED', INVALID_LOGIN_MESSAGE);
    await expectAppError(signIn(invited.email, PASSWORD), 'UNAUTHENTICATED', INVALID_LOGIN_MESSAGE);
  });

  it('resolves a session with the user’s current role', async () => {
    const session = await services.sessions.create(user, null, null);
    await services.database.db.updateTable('users').set({ role: 'COLLABORATOR' }).where('id', '=', user.id).execute();
    try {
      expect((await services.sessions.resolve(session.token))?.user.role).toBe('COLLABORATOR');
    } finally {
      await services.database.db.updateTable('users').set({ role: 'MEMBER' }).where('id', '=', user.id).execute();
    }
  });

  it('resolves an expired, unknown or absurd token to undefined', async () => {
    const session = await services.sessions.create(user, null, null);
    expect(await services.sessions.resolve(session.token)).toBeDefined();
    await services.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', sha256Hex(session.token))
      .execute();
    expect(await services.sessions.resolve(session.token)).toBeUndefined();
    expect(await services.sessions.resolve(`${session.token.slice(0, -2)}xx`)).toBeUndefined();
    expect(await services.sessions.resolve('short')).toBeUndefined();
    expect(await services.sessions.resolve('x'.repeat(1000))).toBeUndefined();
  });

  it('prunes expired sessions only', async () => {
    const live = await services.sessions.create(user, null, null);
    const dead = await services.sessions.create(user, null, null);
    await services.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', sha256Hex(dead.token))
      .execute();
    await services.sessions.pruneExpired();
    const hashes = (await services.database.db.selectFrom('sessions').select('token_hash').execute()).map(
      (r) => r.token_hash,
    );
    expect(hashes).toContain(sha256Hex(live.token));
    expect(hashes).not.toContain(sha256Hex(dead.token));
  });

  it('signs out by deleting the session, and audits it', async () => {
    const session = await services.sessions.create(user, null, null);
    const other = await services.sessions.create(user, null, null);
    await services.sessions.signOut(session.token, '198.51.100.2');
    expect(await services.sessions.resolve(session.token)).toBeUndefined();
    expect(
      await services.database.db
        .selectFrom('sessions')
        .select('id')
        .where('token_hash', '=', sha256Hex(session.token))
        .execute(),
    ).toEqual([]);
    // Other sessions of the same user live on.
    expect((await services.sessions.resolve(other.token))?.user.id).toBe(user.id);
    const [event] = await services.audit.list(SYSTEM_ACTOR, { action: 'auth.sign_out', limit: 1 });
    expect(event).toMatchObject({ actorId: user.id, ip: '198.51.100.2' });
    // Signing out twice is harmless.
    await services.sessions.signOut(session.token, null);
  });

  it('derives a stable CSRF token per session, distinct from the session token', async () => {
    const a = await services.sessions.create(user, null, null);
    const b = await services.sessions.create(user, null, null);
    expect(a.csrfToken).toBe(csrfTokenFor(a.token));
    expect(a.csrfToken).not.toBe(a.token);
    expect(a.csrfToken).not.toBe(b.csrfToken);
    expect(a.csrfToken).not.toBe(sha256Hex(a.token));
    expect((await services.sessions.resolve(a.token))?.csrfToken).toBe(a.csrfToken);
    expect((await services.sessions.resolve(a.token))?.csrfToken).toBe(a.csrfToken);
    expect(csrfTokenFor(a.token)).toMatch(/^[0-9a-f]{64}$/);
  });
});
