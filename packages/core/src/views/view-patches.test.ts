// to_patches on SQLite and PostgreSQL: one row per detection, stages before and after it, paging, aggregations, refusals.
import type { Stage } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/test-databases.js';
import { expectAppError } from '../test-support/identity-fixtures.js';
import {
  F,
  L,
  detectionId,
  match,
  op,
  openViewFixture,
  view,
  type ViewFixture,
} from '../test-support/view-fixtures.js';

const PATCHES: Stage = { stage: 'to_patches', field: 'ground_truth' };

/** [sample, position] of every ground_truth detection of the fixture, in sample order (view-fixtures.ts's table). */
const ALL_DETECTIONS: Array<[number, number]> = [
  [1, 1],
  [1, 2],
  [2, 1],
  [2, 2],
  [2, 3],
  [3, 1],
  [6, 1],
  [6, 2],
  [6, 3],
  [7, 1],
  [7, 2],
  [7, 3],
  [8, 1],
  [9, 1],
  [10, 1],
  [10, 2],
  [11, 1],
];
const ids = (pairs: Array<[number, number]>): string[] => pairs.map(([n, j]) => detectionId(n, j));

describe.each(await testDialects())('to_patches on %s', (dialect) => {
  let ctx: ViewFixture;
  beforeAll(async () => {
    ctx = await openViewFixture(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const parse = (...stages: Stage[]) => ctx.reader.parse(ctx.fx.target, view(...stages));
  const page = async (stages: Stage[], limit = 100, after?: string) =>
    ctx.reader.page(ctx.fx.target, parse(...stages), { limit, ...(after !== undefined ? { after } : {}) });
  const parsed = async (...stages: Stage[]) => parse(...stages);
  const patchIds = async (...stages: Stage[]) => (await page(stages)).rows.map((row) => row.id);

  it('makes one row per detection, in sample order then list order, with the label as its document', async () => {
    expect(await patchIds(PATCHES)).toEqual(ids(ALL_DETECTIONS));
    expect(await ctx.reader.count(ctx.fx.target, parse(PATCHES))).toBe(ALL_DETECTIONS.length);
    const [first, , third, fourth] = (await page([PATCHES])).rows;
    expect(first).toMatchObject({
      id: detectionId(1, 1),
      filepath: '/images/001.jpg',
      tags: [],
      metadata: { width: 640, height: 480 },
      fields: {
        sample_id: ctx.fx.id(1),
        ground_truth: { _cls: 'Detection', id: detectionId(1, 1), label: 'cat', confidence: 0.95 },
      },
    });
    expect(Object.keys(first?.fields ?? {}).sort()).toEqual(['ground_truth', 'sample_id']);
    // A patch's tags are its label's tags, not its sample's.
    expect(fourth).toMatchObject({ id: detectionId(2, 2), tags: ['occluded'] });
    expect(third?.fields['sample_id']).toBe(ctx.fx.id(2));
  });

  it('stages before it choose samples; stages after it choose and order patches', async () => {
    expect(await patchIds({ stage: 'match_tags', tags: ['train'] }, PATCHES)).toEqual(
      ids(ALL_DETECTIONS.filter(([n]) => [1, 2, 6, 8, 11].includes(n))),
    );
    expect(await patchIds(PATCHES, match(op('eq', F('ground_truth.label'), L('car'))))).toEqual(
      ids([
        [2, 1],
        [2, 2],
        [8, 1],
        [10, 2],
      ]),
    );
    expect(
      await patchIds(PATCHES, match(op('gt', F('ground_truth.confidence'), L(0.9))), {
        stage: 'sort_by',
        field: 'ground_truth.confidence',
        reverse: true,
      }),
    ).toEqual(
      ids([
        [6, 1],
        [1, 1],
        [7, 1],
      ]),
    );
    // match_tags after to_patches reads the labels' tags.
    expect(await patchIds(PATCHES, { stage: 'match_tags', tags: ['verified'] })).toEqual(
      ids([
        [3, 1],
        [9, 1],
      ]),
    );
    // Custom label attributes move up to the patch's label.
    expect(await patchIds(PATCHES, match(op('eq', F('ground_truth.iscrowd'), L(1))))).toEqual(
      ids([
        [2, 2],
        [6, 2],
      ]),
    );
    expect(await patchIds({ stage: 'limit', n: 2 }, PATCHES, { stage: 'skip', n: 3 })).toEqual(
      ids([
        [2, 2],
        [2, 3],
      ]),
    );
  });

  it('pages through the keyset cursor, in insertion order and sorted', async () => {
    for (const stages of [
      [PATCHES],
      [PATCHES, { stage: 'sort_by', field: 'ground_truth.label' } as Stage],
      [{ stage: 'sort_by', field: 'uniqueness', reverse: true } as Stage, PATCHES],
    ]) {
      const whole = (await page(stages)).rows.map((row) => row.id);
      const paged: string[] = [];
      let after: string | undefined;
      do {
        const next = await page(stages, 4, after);
        paged.push(...next.rows.map((row) => row.id));
        after = next.nextCursor ?? undefined;
      } while (after !== undefined);
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(ALL_DETECTIONS.length);
    }
  });

  it('spliced JSON pages carry the same patches', async () => {
    const json = await ctx.reader.pageJson(ctx.fx.target, parse(PATCHES), { limit: 3 });
    const parsed = JSON.parse(`[${Buffer.from(json.samples).toString('utf8')}]`) as {
      id: string;
      ground_truth: { label: string };
    }[];
    expect(parsed.map((patch) => patch.id)).toEqual(ids(ALL_DETECTIONS.slice(0, 3)));
    expect(parsed.map((patch) => patch.ground_truth.label)).toEqual(['cat', 'dog', 'car']);
  });

  it('aggregates over patches: classes, confidence bounds, label tags', async () => {
    const [classes, bounds, tags, count] = await ctx.reader.aggregate(ctx.fx.target, parse(PATCHES), [
      { type: 'count_values', path: 'ground_truth.label' },
      { type: 'bounds', path: 'ground_truth.confidence' },
      { type: 'count_values', path: 'tags' },
      { type: 'count' },
    ]);
    expect(classes).toEqual({
      type: 'count_values',
      values: [
        { value: 'person', count: 5 },
        { value: 'car', count: 4 },
        { value: 'cat', count: 3 },
        { value: 'dog', count: 3 },
        { value: 'bird', count: 2 },
      ],
    });
    expect(bounds).toEqual({ type: 'bounds', bounds: [0.12, 0.99] });
    expect(tags).toEqual({
      type: 'count_values',
      values: [
        { value: 'occluded', count: 2 },
        { value: 'verified', count: 2 },
      ],
    });
    expect(count).toEqual({ type: 'count', count: ALL_DETECTIONS.length });
  });

  it('refuses a field without objects, a second to_patches, writes and clones through a patches view', async () => {
    await expectAppError(parsed({ stage: 'to_patches', field: 'predictions' }), 'BAD_REQUEST');
    await expectAppError(parsed({ stage: 'to_patches', field: 'nope' }), 'BAD_REQUEST');
    await expectAppError(parsed(PATCHES, PATCHES), 'BAD_REQUEST');
    // After to_patches only the patch's fields exist.
    await expectAppError(parsed(PATCHES, match(op('gt', F('uniqueness'), L(0.5)))), 'BAD_REQUEST');
    await expectAppError(ctx.reader.sampleIds(ctx.fx.target, parse(PATCHES)), 'BAD_REQUEST');
    await expectAppError(ctx.reader.visibleLabels(ctx.fx.target, parse(PATCHES), ['ground_truth']), 'BAD_REQUEST');
  });
});
