// LISTEN/NOTIFY on PostgreSQL: with the poll a minute apart, a revocation on one server reaches another at once, also after its listener was killed.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import {
  createTestServices,
  keyStatus,
  pollUntil,
  uniqueEmail,
  type TestServices,
} from '../test-support/identity-fixtures.js';
import { postgresAvailable } from '../test-support/test-databases.js';
import { AUTH_LISTENER_APPLICATION_NAME } from './auth-event-listener.js';
import { AuthEventFeed, type AuthEvent } from './auth-events.js';

/** Far longer than any wait below: whatever arrives in time came through NOTIFY (or a reconnect's read), not the poll. */
const SLOW_POLL_MS = 60_000;
/** "Promptly", generously: the point is that it does not wait for the minute-long poll. */
const PROMPT_MS = 5_000;

async function listenerPids(services: Services): Promise<number[]> {
  const { rows } = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where datname = current_database() and application_name = ${AUTH_LISTENER_APPLICATION_NAME}`.execute(
    services.database.db,
  );
  return rows.map((r) => r.pid);
}

async function killListeners(services: Services): Promise<number[]> {
  const pids = await listenerPids(services);
  for (const pid of pids) await sql`select pg_terminate_backend(${pid})`.execute(services.database.db);
  return pids;
}

describe.runIf(await postgresAvailable())('auth events over LISTEN/NOTIFY (PostgreSQL)', () => {
  let ctx: TestServices;
  /** Server A: where admins act. No background work, so the only listener in the database is B's. */
  let a: Services;
  /** Server B: polls once a minute, so only NOTIFY can tell it in time. */
  let b: Services;
  let member: { email: string; key: string; keyId: string };

  beforeAll(async () => {
    ctx = await createTestServices('postgres', { background: false });
    a = ctx.services;
    b = await ctx.openAnother({ authEventPollMs: SLOW_POLL_MS });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  beforeEach(async () => {
    const email = uniqueEmail('notify');
    await a.users.create(SYSTEM_ACTOR, { email, name: 'Member', role: 'MEMBER' });
    const created = await a.keys.generate(SYSTEM_ACTOR, { name: 'k', user: email });
    member = { email, key: created.key, keyId: created.apiKey.id };
    // B has verified, and so cached, the key.
    expect(await keyStatus(b, member.key)).toBe(200);
  });

  it('a key deleted on A is refused by B promptly', async () => {
    await a.keys.delete(SYSTEM_ACTOR, member.keyId);
    await pollUntil(async () => (await keyStatus(b, member.key)) === 401, PROMPT_MS);
  });

  it('a user demoted to GUEST on A has their key refused by B promptly', async () => {
    await a.users.setRole(SYSTEM_ACTOR, member.email, 'GUEST');
    await pollUntil(async () => (await keyStatus(b, member.key)) === 403, PROMPT_MS);
  });

  it('a user removed on A has their key refused by B promptly', async () => {
    await a.users.delete(SYSTEM_ACTOR, member.email);
    await pollUntil(async () => (await keyStatus(b, member.key)) === 401, PROMPT_MS);
  });

  it('a renamed user shows under the new name on B promptly', async () => {
    const user = await a.users.resolve(member.email);
    await a.users.updateOwnProfile(
      { kind: 'user', user, via: 'session', keyId: null, ip: '203.0.113.7' },
      { name: 'Renamed' },
    );
    await pollUntil(async () => (await b.keyVerifier.verify(member.key)).user.name === 'Renamed', PROMPT_MS);
  });

  it('reconnects after its connection is killed, and hears the next revocation', async () => {
    const [killed] = await killListeners(a);
    expect(killed).toBeDefined();
    await pollUntil(
      async () => b.authEvents.listening && (await listenerPids(a)).some((pid) => pid !== killed),
      PROMPT_MS,
    );
    await a.keys.delete(SYSTEM_ACTOR, member.keyId);
    await pollUntil(async () => (await keyStatus(b, member.key)) === 401, PROMPT_MS);
  });

  it('on reconnecting, reads what was committed while no connection was listening', async () => {
    // A feed of its own, so the reconnect can be held back long enough to commit in the gap.
    const feed = new AuthEventFeed(b.database, SLOW_POLL_MS, { initialMs: 2_000, maxMs: 2_000 });
    const seen: AuthEvent[] = [];
    feed.subscribe({ onAuthEvent: (event) => seen.push(event) });
    await feed.start();
    try {
      expect(feed.listening).toBe(true);
      await killListeners(a);
      await pollUntil(async () => !feed.listening, PROMPT_MS, 5);
      await a.keys.delete(SYSTEM_ACTOR, member.keyId);
      const revoked: AuthEvent = { kind: 'key_revoked', keyId: member.keyId };
      // Nobody listened when it committed, and the poll is a minute away.
      expect(feed.listening).toBe(false);
      expect(seen).not.toContainEqual(revoked);
      await pollUntil(async () => seen.some((e) => e.kind === 'key_revoked' && e.keyId === member.keyId), PROMPT_MS);
      expect(feed.listening).toBe(true);
    } finally {
      await feed.stop();
    }
  });

  it('closes its listener connection when the services close', async () => {
    const c = await ctx.openAnother({ authEventPollMs: SLOW_POLL_MS });
    await pollUntil(async () => c.authEvents.listening, PROMPT_MS);
    const before = (await listenerPids(a)).length;
    await c.close();
    await pollUntil(async () => (await listenerPids(a)).length === before - 1, PROMPT_MS);
  });
});
