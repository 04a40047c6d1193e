// SetupService on SQLite and PostgreSQL: first admin only while no user exists, only with this process's one-time token.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import { createTestServices, expectAppError, type TestServices } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

const PASSWORD = 'first admin password';

describe.each(await testDialects())('SetupService on %s', (dialect) => {
  let ctx: TestServices;
  let services: Services;

  beforeAll(async () => {
    ctx = await createTestServices(dialect, { background: false });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  /** Empties the database and starts a fresh "server" on it: setup is about the very first user. */
  async function freshServer(): Promise<Services> {
    await ctx.services.database.db.deleteFrom('users').execute();
    await ctx.services.database.db.deleteFrom('audit_events').execute();
    return ctx.openAnother({ background: false });
  }

  beforeEach(async () => {
    services = await freshServer();
  });

  /** Races are timing-dependent (argon2 finishes at slightly different times), so each is run a few rounds. */
  const RACE_ROUNDS = 4;

  const complete = (s: Services, token: string, email = 'root@example.com') =>
    s.setup.complete({ token, email, name: 'Root', password: PASSWORD, ip: '192.0.2.9' });

  it('needs setup only while no user exists', async () => {
    expect(await services.setup.needsSetup()).toBe(true);
    await services.users.create(SYSTEM_ACTOR, { email: 'someone@example.com', name: 'Someone', role: 'MEMBER' });
    expect(await services.setup.needsSetup()).toBe(false);
    expect(await services.setup.issueToken()).toBeUndefined();
  });

  it('creates the first admin with the token, who can then sign in; the token is single-use', async () => {
    const token = await services.setup.issueToken();
    expect(token).toBeDefined();
    const admin = await complete(services, token ?? '', 'Root@Example.com');
    expect(admin).toMatchObject({ email: 'root@example.com', name: 'Root', role: 'ADMIN' });
    expect(await services.setup.needsSetup()).toBe(false);
    const session = await services.sessions.signIn({
      email: 'root@example.com',
      password: PASSWORD,
      ip: null,
      userAgent: null,
    });
    expect(session.user.id).toBe(admin.id);

    const [event] = await services.audit.list(SYSTEM_ACTOR, { action: 'auth.setup' });
    expect(event).toMatchObject({ actorId: admin.id, targetId: admin.id, ip: '192.0.2.9' });
    expect(JSON.stringify(event)).not.toContain(token);

    await expectAppError(complete(services, token ?? '', 'again@example.com'), 'CONFLICT');
    expect((await services.users.list(SYSTEM_ACTOR, {})).total).toBe(1);
  });

  it('rejects a missing or wrong token with UNAUTHENTICATED while setup is needed', async () => {
    await expectAppError(complete(services, 'no-token-was-issued'), 'UNAUTHENTICATED');
    const token = await services.setup.issueToken();
    await expectAppError(complete(services, `${token}x`), 'UNAUTHENTICATED');
    await expectAppError(complete(services, ''), 'UNAUTHENTICATED');
    expect(await services.setup.needsSetup()).toBe(true);
    // The right token still works after failed attempts.
    expect((await complete(services, token ?? '')).role).toBe('ADMIN');
  });

  it('answers CONFLICT once a user exists, whatever the token', async () => {
    const token = await services.setup.issueToken();
    await services.users.create(SYSTEM_ACTOR, { email: 'cli-admin@example.com', name: 'CLI', role: 'ADMIN' });
    await expectAppError(complete(services, token ?? ''), 'CONFLICT');
    await expectAppError(complete(services, 'wrong'), 'CONFLICT');
    expect((await services.users.list(SYSTEM_ACTOR, {})).total).toBe(1);
  });

  it('keeps the token usable after invalid input', async () => {
    const token = await services.setup.issueToken();
    await expectAppError(
      services.setup.complete({ token: token ?? '', email: 'bad', name: 'Root', password: PASSWORD, ip: null }),
      'BAD_REQUEST',
    );
    await expectAppError(
      services.setup.complete({
        token: token ?? '',
        email: 'root@example.com',
        name: 'Root',
        password: 'short',
        ip: null,
      }),
      'BAD_REQUEST',
    );
    expect((await complete(services, token ?? '')).role).toBe('ADMIN');
  });

  it('creates one admin when the same token is used twice at once', async () => {
    for (let round = 0; round < RACE_ROUNDS; round++) {
      const server = round === 0 ? services : await freshServer();
      const token = await server.setup.issueToken();
      const results = await Promise.allSettled([
        complete(server, token ?? '', 'first@example.com'),
        complete(server, token ?? '', 'second@example.com'),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await server.users.list(SYSTEM_ACTOR, {})).total).toBe(1);
    }
  });

  // Several servers share one database on PostgreSQL (docs/design.md §6). Two better-sqlite3 connections in one
  // process would block each other's event loop on the file lock, which is not the production shape.
  it.runIf(dialect === 'postgres')(
    'creates one admin when two servers complete setup at once, each with its own token',
    async () => {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const one = round === 0 ? services : await freshServer();
        const other = await ctx.openAnother({ background: false });
        const [tokenA, tokenB] = [await one.setup.issueToken(), await other.setup.issueToken()];
        const results = await Promise.allSettled([
          complete(one, tokenA ?? '', 'a@example.com'),
          complete(other, tokenB ?? '', 'b@example.com'),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.find((r) => r.status === 'rejected')?.reason).toMatchObject({ code: 'CONFLICT' });
        expect((await one.users.list(SYSTEM_ACTOR, {})).total).toBe(1);
      }
    },
  );
});
