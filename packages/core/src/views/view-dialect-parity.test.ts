// SQLite and PostgreSQL give identical answers for the same views over the same data (seeded take/shuffle included).
import type { Aggregation, AggregationResult, View } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../test-support/test-databases.js';
import { E, F, L, match, matches, op, openViewFixture, view, type ViewFixture } from '../test-support/view-fixtures.js';
import { seededHash } from './seeded-hash.js';

const VIEWS: View[] = [
  view(),
  view(match(op('and', op('gt', F('uniqueness'), L(0.3)), op('not', matches(F('scene'), '^S', true))))),
  view({ stage: 'match_tags', tags: ['train', 'val'] }, { stage: 'sort_by', field: 'scene', reverse: true }),
  view({
    stage: 'filter_labels',
    field: 'ground_truth',
    filter: op('or', op('lt', E('confidence'), L(0.4)), op('contains', E('tags'), L('verified'))),
    only_matches: false,
  }),
  view(
    { stage: 'filter_labels', field: 'predictions', filter: op('gt', E('confidence'), L(0.5)) },
    { stage: 'sort_by', field: 'predictions.confidence' },
  ),
  view({ stage: 'shuffle', seed: 2024 }),
  view({ stage: 'take', size: 6, seed: 99 }, { stage: 'sort_by', field: 'rank', reverse: true }),
  view(
    { stage: 'sort_by', expr: op('round', op('div', F('rank'), L(3)), L(1)) },
    { stage: 'skip', n: 2 },
    { stage: 'limit', n: 6 },
  ),
  view({
    stage: 'select',
    sample_ids: ['5ca1ab1e000000000000000b', '5ca1ab1e0000000000000002', '5ca1ab1e0000000000000007'],
    ordered: true,
  }),
  view({ stage: 'exclude_fields', fields: ['extra', 'keywords'] }, match(op('lt', op('mod', F('rank'), L(4)), L(2)))),
  view(
    match(
      op(
        'gt',
        op(
          'length',
          op('filter', F('ground_truth.detections'), op('gte', op('abs', op('sub', E('confidence'), L(0.5))), L(0.3))),
        ),
        L(0),
      ),
    ),
  ),
];

const AGGREGATIONS: Aggregation[] = [
  { type: 'count' },
  { type: 'count', path: 'ground_truth.detections' },
  { type: 'distinct', path: 'scene' },
  { type: 'count_values', path: 'ground_truth.detections.label' },
  { type: 'count_values', path: 'reviewed' },
  { type: 'bounds', path: 'ground_truth.detections.confidence' },
  { type: 'mean', path: 'uniqueness' },
  { type: 'sum', path: 'rank' },
  { type: 'histogram_values', path: 'ground_truth.detections.confidence', bins: 7 },
];

/** Float sums may differ in the last bits between the engines' summation algorithms; everything else must match exactly. */
function comparable(results: AggregationResult[]): unknown[] {
  return results.map((r) =>
    r.type === 'mean'
      ? { ...r, mean: r.mean === null ? null : Number(r.mean.toPrecision(12)) }
      : r.type === 'sum'
        ? { ...r, sum: Number(r.sum.toPrecision(12)) }
        : r,
  );
}

async function answers(ctx: ViewFixture, v: View): Promise<unknown> {
  const { reader, fx } = ctx;
  const t = fx.target;
  return {
    rows: (await reader.page(t, v, { limit: 100 })).rows,
    count: await reader.count(t, v),
    ids: await reader.sampleIds(t, v),
    values: [
      await reader.values(t, v, 'uniqueness'),
      await reader.values(t, v, 'ground_truth.detections.label', { unwind: true }),
      await reader.values(t, v, 'created_at'),
      await reader.values(t, v, 'metadata'),
    ],
    aggregations: comparable(await reader.aggregate(t, v, AGGREGATIONS)),
    sampleTags: await reader.countSampleTags(t, v),
    labelTags: await reader.countLabelTags(t, v, ['ground_truth', 'predictions']),
    labels: await reader.visibleLabels(t, v, ['ground_truth', 'predictions']),
  };
}

describe.runIf(await postgresAvailable())('view answers on SQLite and PostgreSQL', () => {
  let sqlite: ViewFixture;
  let postgres: ViewFixture;
  beforeAll(async () => {
    sqlite = await openViewFixture('sqlite');
    postgres = await openViewFixture('postgres');
  });
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it.each(VIEWS.map((v, i) => [i, v] as const))(
    'view %i gives identical rows, values, aggregations and tags',
    async (_i, v) => {
      expect(await answers(postgres, v)).toEqual(await answers(sqlite, v));
    },
  );

  it('take and shuffle follow the documented hash on both', async () => {
    const expected = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].sort(
      (a, b) => seededHash(a, 31337) - seededHash(b, 31337) || a - b,
    );
    const shuffled = view({ stage: 'shuffle', seed: 31337 });
    expect(await sqlite.numbers(shuffled)).toEqual(expected);
    expect(await postgres.numbers(shuffled)).toEqual(expected);
  });
});
