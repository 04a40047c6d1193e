// The query-time budget on SQLite and PostgreSQL: a heavy view read past its budget ends in QUERY_TIMEOUT, and nothing lingers.
import type { FieldSchema } from '@teamset/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { expectAppError } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
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
import type { ViewTarget } from './view-target.js';
import { ViewQueries } from './view-queries.js';

const BULK_ID = 'b0b0b0b0b0b0000000000001';
const LONG_ID = 'b0b0b0b0b0b0000000000002';
const GAP_ID = 'b0b0b0b0b0b0000000000003';
const LISTS_ID = 'b0b0b0b0b0b0000000000004';
/** A few samples with long label lists: each one costs far more than a 1 ms budget. */
const LIST_ROWS = 3;
const LIST_LENGTH = 20_000;
/** No element qualifies, so every element of every list is read. */
const EVERY_ELEMENT = view(match(op('any', F('ground_truth.detections'), op('gt', E('confidence'), L(2)))));
/** No regex (each match checks the deadline itself): only the scan guard can stop this view. */
const PLAIN_HEAVY = view(match(op('any', F('ground_truth.detections'), op('gt', E('confidence'), L(0.2)))), {
  stage: 'sort_by',
  expr: op('mul', F('uniqueness'), L(3)),
});
/** Far fewer rows than the scan guard's 1024, each a long text a costly (still linear) regex must read whole. */
const LONG_ROWS = 24;
const LONG_TEXT = 20_000;
const SLOW_REGEX = view(match(matches(F('note'), '(?:[ab]*a[ab]{30}c){30}')));
const BULK_SCHEMA: FieldSchema = { uniqueness: 'float', ground_truth: 'Detections' };
/** Every sample, every label: a regex per label and a sort over 50k samples. */
const HEAVY = view(match(op('any', F('ground_truth.detections'), matches(E('label'), 'l.*[0-6]$'))), {
  stage: 'sort_by',
  expr: op('mul', F('uniqueness'), L(3)),
});

describe.each(await testDialects())('view query budget on %s', (dialect) => {
  let tdb: ViewTestDatabase;
  let database: Database;
  let fx: SeededFixture;
  const bulk: ViewTarget = { datasetId: BULK_ID, schema: BULK_SCHEMA };

  beforeAll(async () => {
    tdb = await openViewTestDatabase(dialect);
    database = tdb.database;
    fx = await seedViewFixture(database);
    await seedBulkDataset(database, BULK_ID, 50_000);
    await seedBulkDataset(database, LONG_ID, LONG_ROWS);
    // seq is global: a dataset can lack every seq at a multiple of 1024, e.g. after those samples were deleted
    // or when imports interleaved, so a guard keyed on such seqs would never run.
    await seedBulkDataset(database, GAP_ID, 20_000);
    await sql`delete from samples where dataset_id = ${GAP_ID} and seq % 1024 = 0`.execute(database.db);
    await seedBulkDataset(database, LISTS_ID, LIST_ROWS);
    const detections = Array.from({ length: LIST_LENGTH }, (_, j) => ({
      _cls: 'Detection',
      id: `d${j}`,
      label: `label${j % 7}`,
      confidence: (j % 100) / 100,
      tags: [],
    }));
    const fields = JSON.stringify({ uniqueness: 0.5, ground_truth: { _cls: 'Detections', detections } });
    await sql`update samples set fields = ${database.dialect === 'sqlite' ? sql`jsonb(${fields})` : sql`cast(${fields} as jsonb)`} where dataset_id = ${LISTS_ID}`.execute(
      database.db,
    );
    let seed = 7;
    const letter = () => 'ababababababababababcd'[(seed = (seed * 48271) % 2147483647) % 22];
    for (let i = 0; i < LONG_ROWS; i++) {
      const text = Array.from({ length: LONG_TEXT }, letter).join('');
      const note =
        database.dialect === 'sqlite'
          ? sql`jsonb_set(fields, '$.note', ${text})`
          : sql`jsonb_set(fields, '{note}', to_jsonb(cast(${text} as text)))`;
      await sql`update samples set fields = ${note} where dataset_id = ${LONG_ID} and seq = (select min(seq) from samples where dataset_id = ${LONG_ID} and fields ->> 'note' is null)`.execute(
        database.db,
      );
    }
  });
  afterAll(async () => {
    await tdb?.close();
  });

  it('the bulk dataset answers within a normal budget', async () => {
    const reader = new ViewQueries(database, { queryTimeoutMs: 60_000 });
    expect(await reader.count(bulk, HEAVY)).toBe(50_000);
  });

  it('a read past a 1 ms budget is cancelled with QUERY_TIMEOUT, for every kind of read', async () => {
    // The document scan of every read: from the label index, a label-tag count over untagged labels reads no rows.
    // Index reads over long lists are stopped in the test below.
    const tight = new ViewQueries(database, { queryTimeoutMs: 1, labelIndex: false });
    const reads: Array<() => Promise<unknown>> = [
      () => tight.count(bulk, HEAVY),
      () => tight.page(bulk, HEAVY, { limit: 10 }),
      () => tight.sampleIds(bulk, HEAVY),
      () => tight.values(bulk, HEAVY, 'uniqueness'),
      () => tight.aggregate(bulk, HEAVY, [{ type: 'count_values', path: 'ground_truth.detections.label' }]),
      () => tight.countSampleTags(bulk, HEAVY),
      () => tight.countLabelTags(bulk, HEAVY, ['ground_truth']),
      () => tight.visibleLabels(bulk, HEAVY, ['ground_truth']),
    ];
    for (const read of reads) {
      const error = await expectAppError(read(), 'QUERY_TIMEOUT', /ran longer than its 1 ms budget and was cancelled/);
      expect(error.details).toEqual({ budgetMs: 1 });
    }
  });

  it('a costly regex over a few long texts stops at the budget: every match checks the deadline, not every 1024th row', async () => {
    const long: ViewTarget = { datasetId: LONG_ID, schema: { note: 'string' } };
    const tight = new ViewQueries(database, { queryTimeoutMs: 1 });
    await expectAppError(tight.count(long, SLOW_REGEX), 'QUERY_TIMEOUT');
  });

  it('the scan guard stops a dataset whatever its seqs', async () => {
    const gaps: ViewTarget = { datasetId: GAP_ID, schema: BULK_SCHEMA };
    const tight = new ViewQueries(database, { queryTimeoutMs: 1 });
    await expectAppError(tight.count(gaps, PLAIN_HEAVY), 'QUERY_TIMEOUT');
  });

  it('a few samples with long lists stop at the budget: the elements of a list are guarded too', async () => {
    const lists: ViewTarget = { datasetId: LISTS_ID, schema: BULK_SCHEMA };
    const tight = new ViewQueries(database, { queryTimeoutMs: 1 });
    await expectAppError(tight.count(lists, EVERY_ELEMENT), 'QUERY_TIMEOUT');
    // Not count_values: the whole dataset's class counts come from counters; distinct reads every index row.
    await expectAppError(
      tight.aggregate(lists, view(), [{ type: 'distinct', path: 'ground_truth.detections.label' }]),
      'QUERY_TIMEOUT',
    );
    await expectAppError(
      tight.page(
        lists,
        view({ stage: 'filter_labels', field: 'ground_truth', filter: op('gt', E('confidence'), L(2)) }),
        { limit: 10 },
      ),
      'QUERY_TIMEOUT',
    );
  });

  it('after a timeout the database and other readers work normally', async () => {
    const tight = new ViewQueries(database, { queryTimeoutMs: 1 });
    await expectAppError(tight.count(bulk, HEAVY), 'QUERY_TIMEOUT');
    const normal = new ViewQueries(database, { queryTimeoutMs: 60_000 });
    expect(await normal.count(fx.target, view({ stage: 'match_tags', tags: ['train'] }))).toBe(5);
    expect(await normal.count(bulk, view({ stage: 'match_tags', tags: ['train'] }))).toBe(25_000);
  });

  it('a budget of 0 means no budget', async () => {
    const unbounded = new ViewQueries(database, { queryTimeoutMs: 0 });
    expect(await unbounded.count(bulk, HEAVY)).toBe(50_000);
  });

  it('runs inside a caller transaction, which keeps its own timeout setting', async () => {
    const reader = new ViewQueries(database, { queryTimeoutMs: 30_000 });
    const inside = await database.db.transaction().execute(async (trx) => {
      const count = await reader.count(fx.target, view({ stage: 'match_tags', tags: ['val'] }), trx);
      const setting =
        dialect === 'postgres'
          ? (await sql<{ v: string }>`select current_setting('statement_timeout') as v`.execute(trx)).rows[0]?.v
          : undefined;
      return { count, setting };
    });
    expect(inside.count).toBe(3);
    if (dialect === 'postgres') expect(inside.setting).toBe('0');
  });

  it('a timeout inside a caller transaction is QUERY_TIMEOUT too', async () => {
    const tight = new ViewQueries(database, { queryTimeoutMs: 1 });
    await expectAppError(
      database.db.transaction().execute((trx) => tight.count(bulk, HEAVY, trx)),
      'QUERY_TIMEOUT',
    );
  });
});
