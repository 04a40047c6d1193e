// Several aggregations in one request share the view's sample seqs and read a number field once: the answers equal
// each aggregation asked alone and the document scan's, on both databases.
import type { Aggregation, View } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/test-databases.js';
import { E, F, L, match, op, openViewFixture, view, type ViewFixture } from '../test-support/view-fixtures.js';
import { ViewQueries } from './view-queries.js';
import { sql } from 'kysely';
import { sampleSetView } from './label-index.js';
import { sharedSamples } from './shared-samples.js';

const filter = (field: string, expression: ReturnType<typeof op>, onlyMatches?: boolean) =>
  ({
    stage: 'filter_labels',
    field,
    filter: expression,
    ...(onlyMatches === undefined ? {} : { only_matches: onlyMatches }),
  }) as const;

const VIEWS: View[] = [
  view(filter('ground_truth', op('gte', E('confidence'), L(0.5)))),
  view(filter('ground_truth', op('eq', E('label'), L('cat')))),
  // Nothing passes: an empty sample set (count 0, bounds [null, null], numpy's [0, 1] range).
  view(filter('ground_truth', op('eq', E('label'), L('no such class')))),
  view(filter('ground_truth', op('lt', E('confidence'), L(0.4)), false), { stage: 'match_tags', tags: ['train'] }),
  view(filter('predictions', op('gt', E('confidence'), L(0.5))), match(op('gt', F('uniqueness'), L(0.3)))),
  view({ stage: 'match_tags', tags: ['train', 'val'] }, { stage: 'sort_by', field: 'rank', reverse: true }),
  view({ stage: 'take', size: 5, seed: 7 }),
  // One sample: its number is both bounds (numpy's [v − 0.5, v + 0.5] range).
  view({ stage: 'limit', n: 1 }),
];

/** What the App's sidebar asks of number fields and the sample set, plus explicit ranges. */
const AGGREGATIONS: Aggregation[] = [
  { type: 'count' },
  { type: 'count_values', path: 'tags', limit: 200 },
  { type: 'count_values', path: 'tags' },
  { type: 'count_values', path: 'ground_truth.detections.label', limit: 200 },
  { type: 'bounds', path: 'uniqueness' },
  { type: 'histogram_values', path: 'uniqueness', bins: 10 },
  { type: 'histogram_values', path: 'uniqueness', bins: 3, range: [0.3, 0.7] },
  { type: 'bounds', path: 'rank' },
  { type: 'histogram_values', path: 'rank', bins: 4 },
  { type: 'histogram_values', path: 'rank', bins: 5, range: [2, 6] },
  { type: 'mean', path: 'uniqueness' },
];

describe.each(await testDialects())('shared sample seqs on %s', (dialect) => {
  let ctx: ViewFixture;
  let scan: ViewQueries;
  beforeAll(async () => {
    ctx = await openViewFixture(dialect);
    scan = new ViewQueries(ctx.database, { queryTimeoutMs: 10_000, labelIndex: false });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it.each(VIEWS.map((v, i) => [i, v] as const))('view %i: one request equals each alone and the scan', async (_, v) => {
    const t = ctx.fx.target;
    const together = await ctx.reader.aggregate(t, v, AGGREGATIONS);
    const alone = [];
    for (const aggregation of AGGREGATIONS) alone.push(...(await ctx.reader.aggregate(t, v, [aggregation])));
    expect(together).toEqual(alone);
    expect(together).toEqual(await scan.aggregate(t, v, AGGREGATIONS));
  });

  it('reads the seqs of a view that drops samples once, when two aggregations need them', async () => {
    const t = ctx.fx.target;
    const db = ctx.database.db;
    const filtered = VIEWS[0] as View;
    const compiled = ctx.reader.compile(t, filtered);
    const shared = await sharedSamples(compiled, AGGREGATIONS, db);
    expect(shared?.seqs.length).toBe(await ctx.reader.count(t, filtered));
    expect(shared?.seqs.length).toBeGreaterThan(0);
    // One user: nothing to share. The whole dataset: counters and index ends answer instead.
    expect(await sharedSamples(compiled, [{ type: 'count' }], db)).toBeUndefined();
    expect(await sharedSamples(ctx.reader.compile(t, view()), AGGREGATIONS, db)).toBeUndefined();
  });

  it.runIf(dialect === 'sqlite')('lets one seq list drive next to a match_tags (not both as lookup keys)', () => {
    const v = view(filter('ground_truth', op('eq', E('label'), L('cat'))), { stage: 'match_tags', tags: ['train'] });
    const { relation } = sampleSetView(ctx.reader.compile(ctx.fx.target, v));
    const compiled = sql`select s.seq from ${relation.source} ${relation.whereClause()}`.compile(ctx.database.db);
    const details = (
      ctx.database.sqlite?.prepare(`explain query plan ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(details.join('\n')).toContain('sample_labels');
    // Both lists as keys of the seq lookup read "(dataset_id=? AND seq=? AND rowid=?)": every pair probed.
    expect(details.filter((d) => d.startsWith('SEARCH s ') && d.includes('rowid=?'))).toEqual([]);
  });
});
