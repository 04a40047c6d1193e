// AuthEventFeed on SQLite and PostgreSQL: committed events reach every feed sharing the database, rolled-back ones never, old ones are pruned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../services.js';
import { createTestServices, pollUntil, type TestServices } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { AuthEventFeed, type AuthEvent } from './auth-events.js';

/** A feed over the suite's database that collects what it is told. */
function collectingFeed(services: Services, pollMs = 60_000): { feed: AuthEventFeed; seen: AuthEvent[] } {
  const feed = new AuthEventFeed(services.database, pollMs);
  const seen: AuthEvent[] = [];
  feed.subscribe({ onAuthEvent: (event) => seen.push(event) });
  return { feed, seen };
}

describe.each(await testDialects())('AuthEventFeed on %s', (dialect) => {
  let ctx: TestServices;
  let services: Services;
  let counter = 0;
  const nextId = () => `key${(++counter).toString().padStart(21, '0')}`;

  beforeAll(async () => {
    ctx = await createTestServices(dialect, { background: false });
    services = ctx.services;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('delivers a committed event to another feed on its next poll', async () => {
    const writer = collectingFeed(services);
    const reader = collectingFeed(services);
    await reader.feed.start();
    await reader.feed.stop();
    const keyId = nextId();
    const userId = nextId();
    await services.database.db.transaction().execute(async (trx) => {
      await writer.feed.record(trx, { kind: 'key_revoked', keyId });
      await writer.feed.record(trx, { kind: 'user_changed', userId });
    });
    expect(reader.seen).toEqual([]);
    await reader.feed.poll();
    expect(reader.seen).toEqual(
      expect.arrayContaining([
        { kind: 'key_revoked', keyId },
        { kind: 'user_changed', userId },
      ]),
    );
    // Recording alone tells no one in this process: emitLocal does, after commit.
    expect(writer.seen).toEqual([]);
    writer.feed.emitLocal({ kind: 'key_revoked', keyId });
    expect(writer.seen).toEqual([{ kind: 'key_revoked', keyId }]);
  });

  it('never delivers an event whose transaction rolled back', async () => {
    const reader = collectingFeed(services);
    await reader.feed.start();
    await reader.feed.stop();
    const keyId = nextId();
    await expect(
      services.database.db.transaction().execute(async (trx) => {
        await reader.feed.record(trx, { kind: 'key_revoked', keyId });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await reader.feed.poll();
    expect(reader.seen.filter((e) => e.kind === 'key_revoked' && e.keyId === keyId)).toEqual([]);
  });

  it('polls on its own interval once started, and stops when told', async () => {
    const reader = collectingFeed(services, 15);
    await reader.feed.start();
    try {
      const keyId = nextId();
      await reader.feed.record(services.database.db, { kind: 'key_revoked', keyId });
      await pollUntil(async () => reader.seen.some((e) => e.kind === 'key_revoked' && e.keyId === keyId), 1000, 5);
    } finally {
      await reader.feed.stop();
    }
    const later = nextId();
    await reader.feed.record(services.database.db, { kind: 'key_revoked', keyId: later });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(reader.seen.some((e) => e.kind === 'key_revoked' && e.keyId === later)).toBe(false);
  });

  it('re-reads a trailing window, so an event committed late with a lower seq is still seen', async () => {
    const reader = collectingFeed(services);
    await reader.feed.start();
    await reader.feed.stop();
    const early = nextId();
    const late = nextId();
    // Simulates PostgreSQL handing out seq N to a slow transaction that commits after N+1 was read.
    await reader.feed.record(services.database.db, { kind: 'key_revoked', keyId: early });
    await reader.feed.record(services.database.db, { kind: 'key_revoked', keyId: late });
    const rows = await services.database.db
      .selectFrom('auth_events')
      .select(['seq', 'key_id'])
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    const earlySeq = Number(rows.find((r) => r.key_id === early)?.seq);
    await services.database.db.deleteFrom('auth_events').where('seq', '=', earlySeq).execute();
    await reader.feed.poll();
    expect(reader.seen.some((e) => e.kind === 'key_revoked' && e.keyId === late)).toBe(true);
    await services.database.db
      .insertInto('auth_events')
      .values({ seq: earlySeq, at: new Date().toISOString(), kind: 'key_revoked', key_id: early, user_id: null })
      .execute();
    await reader.feed.poll();
    expect(reader.seen.some((e) => e.kind === 'key_revoked' && e.keyId === early)).toBe(true);
  });

  it('acts on each event once, however many polls re-read it', async () => {
    const reader = collectingFeed(services);
    await reader.feed.start();
    await reader.feed.stop();
    const userId = nextId();
    await reader.feed.record(services.database.db, { kind: 'user_changed', userId });
    for (let i = 0; i < 3; i++) await reader.feed.poll();
    // Re-delivering would evict that user's live cache entries on every tick.
    expect(reader.seen.filter((e) => e.kind === 'user_changed' && e.userId === userId)).toHaveLength(1);
  });

  it('reads once more when woken during a read, so an event committed meanwhile is not left for the next tick', async () => {
    const reader = collectingFeed(services);
    await reader.feed.start();
    await reader.feed.stop();
    // Hold the first read after it has fetched its rows, as a slow query would.
    const { store } = reader.feed as unknown as { store: { readAfter(afterSeq: number): Promise<unknown[]> } };
    const readAfter = store.readAfter.bind(store);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    store.readAfter = async (afterSeq) => {
      const rows = await readAfter(afterSeq);
      if (++reads === 1) await held;
      return rows;
    };
    const first = reader.feed.poll();
    await pollUntil(async () => reads === 1, 5000, 5);
    const keyId = nextId();
    await reader.feed.record(services.database.db, { kind: 'key_revoked', keyId });
    // A NOTIFY for that commit arrives while the first read is still running.
    const woken = reader.feed.poll();
    release();
    await Promise.all([first, woken]);
    expect(reader.seen).toContainEqual({ kind: 'key_revoked', keyId });
  });

  it('listens for NOTIFY on PostgreSQL only, until stopped', async () => {
    const reader = collectingFeed(services);
    expect(reader.feed.listening).toBe(false);
    await reader.feed.start();
    expect(reader.feed.listening).toBe(dialect === 'postgres');
    await reader.feed.stop();
    expect(reader.feed.listening).toBe(false);
  });

  it('does not replay events that predate its start', async () => {
    const keyId = nextId();
    await services.database.db
      .insertInto('auth_events')
      .values({ at: new Date().toISOString(), kind: 'key_revoked', key_id: keyId, user_id: null })
      .execute();
    const reader = collectingFeed(services);
    await reader.feed.start();
    await reader.feed.stop();
    await reader.feed.poll();
    expect(reader.seen.some((e) => e.kind === 'key_revoked' && e.keyId === keyId)).toBe(false);
  });

  it('survives a failed poll', async () => {
    const other = await ctx.openAnother({ background: false });
    const feed = new AuthEventFeed(other.database, 60_000);
    await feed.start();
    await feed.stop();
    await other.close();
    await expect(feed.poll()).resolves.toBeUndefined();
  });

  it('prunes events older than an hour every thousand polls, keeping recent ones', async () => {
    const reader = collectingFeed(services);
    await reader.feed.start();
    await reader.feed.stop();
    const oldKey = nextId();
    const freshKey = nextId();
    await services.database.db
      .insertInto('auth_events')
      .values({
        at: new Date(Date.now() - 2 * 3600_000).toISOString(),
        kind: 'key_revoked',
        key_id: oldKey,
        user_id: null,
      })
      .execute();
    await reader.feed.record(services.database.db, { kind: 'key_revoked', keyId: freshKey });
    const keyIds = async () =>
      (await services.database.db.selectFrom('auth_events').select('key_id').execute()).map((r) => r.key_id);
    // Skip ahead to just before the thousandth poll (a thousand real polls take seconds on PostgreSQL).
    (reader.feed as unknown as { pollsSincePrune: number }).pollsSincePrune = 998;
    await reader.feed.poll();
    expect(await keyIds()).toContain(oldKey);
    await reader.feed.poll();
    const remaining = await keyIds();
    expect(remaining).not.toContain(oldKey);
    expect(remaining).toContain(freshKey);
  });
});
