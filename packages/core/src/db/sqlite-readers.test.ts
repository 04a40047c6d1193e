// The SQLite reader pool: reads run in worker threads with the main thread's answers, see committed writes at once, and stop when timed out or cancelled.
import type { FieldSchema } from '@teamset/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../test-support/identity-fixtures.js';
import {
  E,
  F,
  L,
  match,
  matches,
  op,
  openViewTestDatabase,
  seedBulkDataset,
  seedViewFixture,
  view,
  type SeededFixture,
  type ViewTestDatabase,
} from '../test-support/view-fixtures.js';
import { DeadlineExceeded } from '../views/sqlite-functions.js';
import { ViewQueries } from '../views/view-queries.js';
import type { ViewTarget } from '../views/view-target.js';
import { openDatabase, type Database } from './database.js';
import { QueryCancelled, runWithDeadline, runWithSignal } from './query-context.js';

const BULK_ID = 'b0b0b0b0b0b0000000000011';
const BULK: ViewTarget = { datasetId: BULK_ID, schema: { uniqueness: 'float', ground_truth: 'Detections' } };
/** Every label through a regex, then a sort of every sample: seconds on 50k samples, checking the deadline all along. */
const HEAVY = view(match(op('any', F('ground_truth.detections'), matches(E('label'), 'l.*[0-6]$'))), {
  stage: 'sort_by',
  expr: op('mul', F('uniqueness'), L(3)),
});
/** A statement that never calls the deadline function: only terminating its thread stops it. */
const UNGUARDED = sql`with recursive c(x) as (select 1 union all select x + 1 from c where x < 2000000000) select count(*) as n from c`;

describe('SQLite reader threads', () => {
  let tdb: ViewTestDatabase;
  let database: Database;
  /** The same file without readers: every read on the main thread, the reference answers. */
  let mainOnly: Database;
  let fx: SeededFixture;

  beforeAll(async () => {
    tdb = await openViewTestDatabase('sqlite');
    database = tdb.database;
    fx = await seedViewFixture(database);
    // Big enough that a heavy count outlasts the 100 ms before the cancel test aborts it, even on a quiet machine.
    await seedBulkDataset(database, BULK_ID, 120_000);
    const file = database.sqlite?.name;
    if (!file) throw new Error('a file database was expected');
    mainOnly = openDatabase(`sqlite:${file}`, { readers: 0 });
  });
  afterAll(async () => {
    await mainOnly?.close();
    await tdb?.close();
  });

  it('a file database has a reader pool; :memory: and 0 readers have none', async () => {
    expect(database.reader).toBeDefined();
    expect(database.readerPool?.size).toBeGreaterThanOrEqual(2);
    expect(mainOnly.reader).toBeUndefined();
    const memory = openDatabase('sqlite::memory:');
    expect(memory.reader).toBeUndefined();
    await memory.close();
  });

  it('reads through the pool answer as reads on the main thread', async () => {
    const pooled = new ViewQueries(database, { queryTimeoutMs: 30_000 });
    const main = new ViewQueries(mainOnly, { queryTimeoutMs: 30_000 });
    const schema: FieldSchema = fx.target.schema;
    const views = [
      view(),
      view(match(op('gt', F('uniqueness'), L(0.5)))),
      view(match(op('any', F('ground_truth.detections'), matches(E('label'), '^c')))),
      view({ stage: 'sort_by', expr: F('uniqueness'), reverse: true }, { stage: 'limit', n: 5 }),
    ];
    for (const v of views) {
      const checked = pooled.parse({ ...fx.target, schema }, v);
      expect(await pooled.page(fx.target, checked, { limit: 4 })).toEqual(
        await main.page(fx.target, checked, { limit: 4 }),
      );
      expect(await pooled.count(fx.target, checked)).toBe(await main.count(fx.target, checked));
      expect(await pooled.sampleIds(fx.target, checked)).toEqual(await main.sampleIds(fx.target, checked));
      expect(await pooled.values(fx.target, checked, 'ground_truth.detections.label', { unwind: true })).toEqual(
        await main.values(fx.target, checked, 'ground_truth.detections.label', { unwind: true }),
      );
      const aggregations = [
        { type: 'count_values' as const, path: 'ground_truth.detections.label' },
        { type: 'bounds' as const, path: 'ground_truth.detections.confidence' },
        { type: 'count' as const },
      ];
      expect(await pooled.aggregate(fx.target, checked, aggregations)).toEqual(
        await main.aggregate(fx.target, checked, aggregations),
      );
      expect(await pooled.countSampleTags(fx.target, checked)).toEqual(await main.countSampleTags(fx.target, checked));
      expect(await pooled.countLabelTags(fx.target, checked, ['ground_truth'])).toEqual(
        await main.countLabelTags(fx.target, checked, ['ground_truth']),
      );
      expect(await pooled.visibleLabels(fx.target, checked, ['ground_truth'])).toEqual(
        await main.visibleLabels(fx.target, checked, ['ground_truth']),
      );
    }
    // The pooled reads really ran in reader threads.
    expect(database.readerPool?.threadsStarted).toBeGreaterThan(0);
  });

  it('a read right after a committed write sees it (read-your-writes across threads)', async () => {
    const reader = new ViewQueries(database, { queryTimeoutMs: 30_000 });
    const target: ViewTarget = { datasetId: fx.datasetId, schema: fx.target.schema };
    const before = await reader.count(target, view());
    for (let i = 1; i <= 20; i++) {
      await database.db
        .insertInto('samples')
        .values({
          id: `f00d${String(i).padStart(20, '0')}`,
          dataset_id: fx.datasetId,
          filepath: `/new/${i}.jpg`,
          tags: sql`jsonb('["new"]')`,
          metadata: null,
          fields: sql`jsonb('{}')`,
          created_at: '2024-03-01T00:00:00.000Z',
          last_modified_at: '2024-03-01T00:00:00.000Z',
        } as never)
        .execute();
      expect(await reader.count(target, view())).toBe(before + i);
      expect((await reader.countSampleTags(target, view()))['new']).toBe(i);
    }
  });

  it('a read past its budget is stopped in its thread, which goes back to the pool', async () => {
    const pool = database.readerPool;
    if (!pool) throw new Error('no pool');
    const tight = new ViewQueries(database, { queryTimeoutMs: 50 });
    const started = pool.threadsStarted;
    const timedOut = pool.stats.timedOut;
    const at = Date.now();
    await expectAppError(tight.count(BULK, HEAVY), 'QUERY_TIMEOUT');
    expect(pool.stats.timedOut).toBe(timedOut + 1);
    // Stopped by the deadline function, well before the grace after which the thread would be terminated.
    expect(Date.now() - at).toBeLessThan(1_000);
    expect(pool.threadsStarted).toBe(started);
    expect(pool.idleThreads).toBeGreaterThan(0);
    // The thread answers the next read.
    expect(await new ViewQueries(database, { queryTimeoutMs: 30_000 }).count(fx.target, view())).toBeGreaterThan(0);
    expect(pool.threadsStarted).toBe(started);
  });

  it('a statement that never checks its deadline costs its thread, terminated past the grace and replaced', async () => {
    const pool = database.readerPool;
    const reader = database.reader;
    if (!pool || !reader) throw new Error('no pool');
    const started = pool.threadsStarted;
    const terminated = pool.stats.terminated;
    await expect(runWithDeadline(Date.now() + 50, () => UNGUARDED.execute(reader))).rejects.toBeInstanceOf(
      DeadlineExceeded,
    );
    // The pool starts a fresh thread in its place, and reads go on.
    const rows = await Promise.all(
      Array.from({ length: pool.size }, () => sql<{ n: number }>`select 1 as n`.execute(reader)),
    );
    expect(rows.map((r) => r.rows[0]?.n)).toEqual(Array.from({ length: pool.size }, () => 1));
    expect(pool.threadsStarted).toBeGreaterThan(started);
    expect(pool.stats.terminated).toBe(terminated + 1);
  });

  it('a cancelled read stops at once and frees its thread', async () => {
    const pool = database.readerPool;
    if (!pool) throw new Error('no pool');
    const reader = new ViewQueries(database, { queryTimeoutMs: 60_000 });
    const controller = new AbortController();
    const started = pool.threadsStarted;
    const at = Date.now();
    const read = runWithSignal(controller.signal, () => reader.count(BULK, HEAVY));
    setTimeout(() => controller.abort(), 100);
    const cancelled = pool.stats.cancelled;
    await expectAppError(read, 'UNAVAILABLE', /client closed the connection/);
    expect(pool.stats.cancelled).toBe(cancelled + 1);
    // Stopped by the cancel flag the deadline function reads, not by terminating the thread.
    expect(Date.now() - at).toBeLessThan(1_000);
    expect(pool.threadsStarted).toBe(started);
    expect(pool.idleThreads).toBeGreaterThan(0);
  });

  it('a read cancelled while it waits for a thread never runs', async () => {
    const pool = database.readerPool;
    const reader = database.reader;
    if (!pool || !reader) throw new Error('no pool');
    const busy = new ViewQueries(database, { queryTimeoutMs: 60_000 });
    const hold = new AbortController();
    const holding = Array.from({ length: pool.size }, () =>
      runWithSignal(hold.signal, () => busy.count(BULK, HEAVY)).catch((error: unknown) => error),
    );
    const waiting = new AbortController();
    const queued = runWithSignal(waiting.signal, () => sql`select 1 as n`.execute(reader));
    waiting.abort();
    await expect(queued).rejects.toBeInstanceOf(QueryCancelled);
    hold.abort();
    await Promise.all(holding);
  });
});
