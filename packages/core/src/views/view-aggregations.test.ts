// Aggregations, values, tag counts and visible labels over views, on SQLite and PostgreSQL, against the fixture table.
import type { Aggregation, View } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import {
  E,
  F,
  L,
  classificationId,
  detectionId,
  match,
  op,
  openViewFixture,
  view,
  type ViewFixture,
} from '../test-support/view-fixtures.js';

const confident = { stage: 'filter_labels', field: 'ground_truth', filter: op('gt', E('confidence'), L(0.5)) } as const;

describe.each(await testDialects())('view aggregations on %s', (dialect) => {
  let ctx: ViewFixture;
  beforeAll(async () => {
    ctx = await openViewFixture(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const aggregate = async (v: View, ...aggregations: Aggregation[]) =>
    ctx.reader.aggregate(ctx.fx.target, v, aggregations);
  const one = async (v: View, aggregation: Aggregation) => (await aggregate(v, aggregation))[0];

  describe('count', () => {
    it('samples, and non-null values with lists unwound', async () => {
      expect(await one(view(), { type: 'count' })).toEqual({ type: 'count', count: 12 });
      expect(await one(view(), { type: 'count', path: 'uniqueness' })).toEqual({ type: 'count', count: 10 });
      expect(await one(view(), { type: 'count', path: 'ground_truth' })).toEqual({ type: 'count', count: 10 });
      expect(await one(view(), { type: 'count', path: 'predictions' })).toEqual({ type: 'count', count: 10 });
      expect(await one(view(), { type: 'count', path: 'ground_truth.detections' })).toEqual({
        type: 'count',
        count: 17,
      });
      expect(await one(view(), { type: 'count', path: 'ground_truth.detections.iscrowd' })).toEqual({
        type: 'count',
        count: 16,
      });
      expect(await one(view(), { type: 'count', path: 'tags' })).toEqual({ type: 'count', count: 12 });
      expect(await one(view(), { type: 'count', path: 'keywords' })).toEqual({ type: 'count', count: 12 });
      expect(await one(view(), { type: 'count', path: 'filepath' })).toEqual({ type: 'count', count: 12 });
    });
  });

  describe('distinct and count_values', () => {
    it('distinct values, sorted by code point', async () => {
      expect(await one(view(), { type: 'distinct', path: 'tags' })).toEqual({
        type: 'distinct',
        values: ['hard', 'test', 'train', 'val'],
      });
      expect(await one(view(), { type: 'distinct', path: 'ground_truth.detections.label' })).toEqual({
        type: 'distinct',
        values: ['bird', 'car', 'cat', 'dog', 'person'],
      });
      expect(await one(view(), { type: 'distinct', path: 'scene' })).toEqual({
        type: 'distinct',
        values: ['Beach', 'beach', 'indoor', 'park', 'street'],
      });
      expect(await one(view(), { type: 'distinct', path: 'rank' })).toEqual({
        type: 'distinct',
        values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      });
      expect(await one(view(), { type: 'distinct', path: 'reviewed' })).toEqual({
        type: 'distinct',
        values: [false, true],
      });
      expect(await one(view(), { type: 'distinct', path: 'keywords' })).toEqual({
        type: 'distinct',
        values: ['Cat', 'car', 'dog', 'grass', 'person', 'sand', 'sea', 'street'],
      });
    });

    it('count_values: count descending, then value, null first among ties', async () => {
      expect(await one(view(), { type: 'count_values', path: 'ground_truth.detections.label' })).toEqual({
        type: 'count_values',
        values: [
          { value: 'person', count: 5 },
          { value: 'car', count: 4 },
          { value: 'cat', count: 3 },
          { value: 'dog', count: 3 },
          { value: 'bird', count: 2 },
        ],
      });
      expect(await one(view(), { type: 'count_values', path: 'scene' })).toEqual({
        type: 'count_values',
        values: [
          { value: 'street', count: 4 },
          { value: 'park', count: 3 },
          { value: 'indoor', count: 2 },
          { value: null, count: 1 },
          { value: 'Beach', count: 1 },
          { value: 'beach', count: 1 },
        ],
      });
      expect(await one(view(), { type: 'count_values', path: 'reviewed' })).toEqual({
        type: 'count_values',
        values: [
          { value: false, count: 5 },
          { value: true, count: 5 },
          { value: null, count: 2 },
        ],
      });
      expect(await one(view(), { type: 'count_values', path: 'ground_truth.detections.tags' })).toEqual({
        type: 'count_values',
        values: [
          { value: 'occluded', count: 2 },
          { value: 'verified', count: 2 },
        ],
      });
    });
    it('count_values with a limit: the top values, the number of distinct values and the total count', async () => {
      expect(await one(view(), { type: 'count_values', path: 'ground_truth.detections.label', limit: 2 })).toEqual({
        type: 'count_values',
        values: [
          { value: 'person', count: 5 },
          { value: 'car', count: 4 },
        ],
        distinct: 5,
        total: 17,
      });
      // The null group (4th of the scenes) is counted in total but is not a distinct value.
      const scenes = await one(view(), { type: 'count_values', path: 'scene' });
      if (scenes?.type !== 'count_values') throw new Error('expected count_values');
      expect(await one(view(), { type: 'count_values', path: 'scene', limit: 4 })).toEqual({
        type: 'count_values',
        values: scenes.values.slice(0, 4),
        distinct: 5,
        total: 12,
      });
      expect(scenes.values[3]).toEqual({ value: null, count: 1 });
      expect(await one(view(), { type: 'count_values', path: 'reviewed', limit: 200 })).toEqual({
        type: 'count_values',
        values: [
          { value: false, count: 5 },
          { value: true, count: 5 },
          { value: null, count: 2 },
        ],
        distinct: 2,
        total: 12,
      });
      // Over a filtered view, limited answers agree with the unlimited ones.
      const [all, top, distinct, labels] = await aggregate(
        view(confident),
        { type: 'count_values', path: 'ground_truth.detections.label' },
        { type: 'count_values', path: 'ground_truth.detections.label', limit: 1 },
        { type: 'distinct', path: 'ground_truth.detections.label' },
        { type: 'count', path: 'ground_truth.detections' },
      );
      if (all?.type !== 'count_values' || distinct?.type !== 'distinct' || labels?.type !== 'count') throw new Error();
      expect(top).toEqual({
        type: 'count_values',
        values: all.values.slice(0, 1),
        distinct: distinct.values.length,
        total: labels.count,
      });
      expect(
        await one(view(match(op('eq', F('scene'), L('nowhere')))), { type: 'count_values', path: 'scene', limit: 3 }),
      ).toEqual({
        type: 'count_values',
        values: [],
        distinct: 0,
        total: 0,
      });
    });
  });

  describe('bounds, mean, sum', () => {
    it('over scalars, metadata and label attributes', async () => {
      expect(await one(view(), { type: 'bounds', path: 'uniqueness' })).toEqual({
        type: 'bounds',
        bounds: [0.05, 0.91],
      });
      expect(await one(view(), { type: 'bounds', path: 'rank' })).toEqual({ type: 'bounds', bounds: [1, 10] });
      expect(await one(view(), { type: 'bounds', path: 'ground_truth.detections.confidence' })).toEqual({
        type: 'bounds',
        bounds: [0.12, 0.99],
      });
      expect(await one(view(), { type: 'bounds', path: 'metadata.width' })).toEqual({
        type: 'bounds',
        bounds: [640, 1920],
      });
      expect(await one(view(), { type: 'sum', path: 'rank' })).toEqual({ type: 'sum', sum: 57 });
      expect(await one(view(), { type: 'sum', path: 'ground_truth.detections.iscrowd' })).toEqual({
        type: 'sum',
        sum: 2,
      });
      const rankMean = await one(view(), { type: 'mean', path: 'rank' });
      expect(rankMean?.type === 'mean' ? rankMean.mean : undefined).toBeCloseTo(57 / 11, 12);
      const uniqueMean = await one(view(), { type: 'mean', path: 'uniqueness' });
      expect(uniqueMean?.type === 'mean' ? uniqueMean.mean : undefined).toBeCloseTo(0.496, 12);
    });

    it('with nothing to aggregate', async () => {
      const none = view({ stage: 'match_tags', tags: ['nope'] });
      expect(
        await aggregate(
          none,
          { type: 'bounds', path: 'rank' },
          { type: 'mean', path: 'rank' },
          { type: 'sum', path: 'rank' },
          { type: 'distinct', path: 'scene' },
          { type: 'count_values', path: 'scene' },
          { type: 'count' },
        ),
      ).toEqual([
        { type: 'bounds', bounds: [null, null] },
        { type: 'mean', mean: null },
        { type: 'sum', sum: 0 },
        { type: 'distinct', values: [] },
        { type: 'count_values', values: [] },
        { type: 'count', count: 0 },
      ]);
    });
  });

  describe('histogram_values', () => {
    it('bounds and a histogram of several paths in one request', async () => {
      expect(
        await aggregate(
          view(),
          { type: 'histogram_values', path: 'rank', bins: 3 },
          { type: 'bounds', path: 'uniqueness' },
          { type: 'bounds', path: 'rank' },
          { type: 'histogram_values', path: 'uniqueness', bins: 1 },
        ),
      ).toEqual([
        { type: 'histogram_values', counts: [4, 3, 4], edges: [1, 4, 7, 10], other: 0 },
        { type: 'bounds', bounds: [0.05, 0.91] },
        { type: 'bounds', bounds: [1, 10] },
        { type: 'histogram_values', counts: [10], edges: [0.05, 0.91], other: 0 },
      ]);
    });

    it('default range is the data bounds; the last bin includes its upper edge', async () => {
      expect(await one(view(), { type: 'histogram_values', path: 'rank', bins: 3 })).toEqual({
        type: 'histogram_values',
        counts: [4, 3, 4],
        edges: [1, 4, 7, 10],
        other: 0,
      });
    });

    it('values outside a given range count as other', async () => {
      expect(await one(view(), { type: 'histogram_values', path: 'rank', bins: 2, range: [2, 8] })).toEqual({
        type: 'histogram_values',
        counts: [4, 4],
        edges: [2, 5, 8],
        other: 3,
      });
    });

    it('one distinct value, and no values at all', async () => {
      const only2 = view({ stage: 'select', sample_ids: [ctx.fx.id(2)] });
      expect(await one(only2, { type: 'histogram_values', path: 'rank', bins: 2 })).toEqual({
        type: 'histogram_values',
        counts: [0, 1],
        edges: [0.5, 1, 1.5],
        other: 0,
      });
      const none = view({ stage: 'match_tags', tags: ['nope'] });
      expect(await one(none, { type: 'histogram_values', path: 'rank', bins: 2 })).toEqual({
        type: 'histogram_values',
        counts: [0, 0],
        edges: [0, 0.5, 1],
        other: 0,
      });
    });

    it('defaults to 10 bins', async () => {
      const result = await one(view(), { type: 'histogram_values', path: 'ground_truth.detections.confidence' });
      expect(
        result?.type === 'histogram_values'
          ? [result.counts.length, result.counts.reduce((a, b) => a + b, 0), result.other]
          : undefined,
      ).toEqual([10, 17, 0]);
    });
  });

  describe('over views', () => {
    it('several aggregations in one call over a filtered view', async () => {
      const train = view({ stage: 'match_tags', tags: ['train'] });
      const [count, tags, mean] = await aggregate(
        train,
        { type: 'count' },
        { type: 'count_values', path: 'tags' },
        { type: 'mean', path: 'uniqueness' },
      );
      expect(count).toEqual({ type: 'count', count: 5 });
      expect(tags).toEqual({
        type: 'count_values',
        values: [
          { value: 'train', count: 5 },
          { value: 'hard', count: 1 },
        ],
      });
      expect(mean?.type === 'mean' ? mean.mean : undefined).toBeCloseTo(1.59 / 4, 12);
    });

    it('filter_labels changes which labels are aggregated', async () => {
      expect(await one(view(confident), { type: 'count_values', path: 'ground_truth.detections.label' })).toEqual({
        type: 'count_values',
        values: [
          { value: 'person', count: 4 },
          { value: 'bird', count: 2 },
          { value: 'car', count: 2 },
          { value: 'dog', count: 2 },
          { value: 'cat', count: 1 },
        ],
      });
      expect(await one(view(confident), { type: 'count', path: 'ground_truth.detections' })).toEqual({
        type: 'count',
        count: 11,
      });
    });

    it('skip / limit / take / select(ordered) views aggregate exactly their rows', async () => {
      expect(
        await one(view({ stage: 'sort_by', field: 'rank', reverse: true }, { stage: 'limit', n: 3 }), {
          type: 'sum',
          path: 'rank',
        }),
      ).toEqual({ type: 'sum', sum: 27 });
      expect(
        await one(view({ stage: 'select', sample_ids: ctx.fx.ids(6, 3), ordered: true }), {
          type: 'count',
          path: 'ground_truth.detections',
        }),
      ).toEqual({ type: 'count', count: 4 });
      expect(await one(view({ stage: 'take', size: 4, seed: 5 }), { type: 'count' })).toEqual({
        type: 'count',
        count: 4,
      });
    });
  });

  describe('values', () => {
    it('one entry per sample in view order, null when missing', async () => {
      expect(await ctx.reader.values(ctx.fx.target, view(), 'uniqueness')).toEqual([
        0.91,
        0.35,
        0.62,
        null,
        0.77,
        0.05,
        0.5,
        0.28,
        0.5,
        0.83,
        null,
        0.15,
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view(), 'metadata.width')).toEqual([
        640,
        1280,
        640,
        null,
        800,
        1920,
        640,
        null,
        1280,
        640,
        800,
        1920,
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view(), 'predictions.label')).toEqual([
        'cat',
        'car',
        'dog',
        null,
        'person',
        'person',
        'dog',
        null,
        'bird',
        'car',
        'person',
        'cat',
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view({ stage: 'sort_by', field: 'rank' }), 'rank')).toEqual([
        null,
        1,
        2,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view({ stage: 'limit', n: 3 }), 'reviewed')).toEqual([
        true,
        false,
        true,
      ]);
    });

    it('built-in fields', async () => {
      expect(await ctx.reader.values(ctx.fx.target, view({ stage: 'limit', n: 2 }), 'id')).toEqual(ctx.fx.ids(1, 2));
      expect(await ctx.reader.values(ctx.fx.target, view({ stage: 'limit', n: 2 }), 'filepath')).toEqual([
        '/images/001.jpg',
        '/images/002.jpg',
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view({ stage: 'limit', n: 2 }), 'created_at')).toEqual([
        '2024-01-01T00:00:01.000Z',
        '2024-01-01T00:00:02.000Z',
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view({ stage: 'limit', n: 4 }), 'tags')).toEqual([
        ['train'],
        ['train', 'hard'],
        ['val'],
        [],
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view(), 'tags', { unwind: true })).toEqual([
        'train',
        'train',
        'hard',
        'val',
        'test',
        'train',
        'val',
        'hard',
        'train',
        'test',
        'train',
        'val',
      ]);
      expect((await ctx.reader.values(ctx.fx.target, view(), 'metadata'))[3]).toBeNull();
    });

    it('through a label list: a list per sample, flattened with unwind', async () => {
      expect(await ctx.reader.values(ctx.fx.target, view(), 'ground_truth.detections.label')).toEqual([
        ['cat', 'dog'],
        ['car', 'car', 'person'],
        ['dog'],
        [],
        null,
        ['person', 'person', 'cat'],
        ['dog', 'cat', 'bird'],
        ['car'],
        ['bird'],
        ['person', 'car'],
        ['person'],
        null,
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view(), 'ground_truth.detections.label', { unwind: true })).toEqual(
        [
          'cat',
          'dog',
          'car',
          'car',
          'person',
          'dog',
          'person',
          'person',
          'cat',
          'dog',
          'cat',
          'bird',
          'car',
          'bird',
          'person',
          'car',
          'person',
        ],
      );
      expect((await ctx.reader.values(ctx.fx.target, view(), 'ground_truth.detections.iscrowd'))[6]).toEqual([
        0,
        0,
        null,
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view(), 'ground_truth.detections.tags', { unwind: true })).toEqual([
        'occluded',
        'verified',
        'occluded',
        'verified',
      ]);
      expect(await ctx.reader.values(ctx.fx.target, view(), 'keywords', { unwind: true })).toEqual([
        'dog',
        'grass',
        'car',
        'sand',
        'sea',
        'Cat',
        'dog',
        'car',
        'street',
        'grass',
        'person',
        'sea',
      ]);
    });

    it('respects filter_labels', async () => {
      expect(await ctx.reader.values(ctx.fx.target, view(confident), 'ground_truth.detections.id')).toEqual([
        [detectionId(1, 1)],
        [detectionId(2, 1), detectionId(2, 3)],
        [detectionId(3, 1)],
        [detectionId(6, 1), detectionId(6, 2)],
        [detectionId(7, 1), detectionId(7, 3)],
        [detectionId(9, 1)],
        [detectionId(10, 1), detectionId(10, 2)],
      ]);
    });
  });

  describe('tags and visible labels', () => {
    it('sample tag counts over the view', async () => {
      expect(await ctx.reader.countSampleTags(ctx.fx.target, view())).toEqual({ hard: 2, test: 2, train: 5, val: 3 });
      expect(await ctx.reader.countSampleTags(ctx.fx.target, view(match(op('gt', F('uniqueness'), L(0.5)))))).toEqual({
        test: 2,
        train: 1,
        val: 1,
      });
    });

    it('label tag counts over the labels the view shows', async () => {
      expect(await ctx.reader.countLabelTags(ctx.fx.target, view(), ['ground_truth', 'predictions'])).toEqual({
        occluded: 2,
        verified: 4,
      });
      expect(await ctx.reader.countLabelTags(ctx.fx.target, view(confident), ['ground_truth'])).toEqual({
        verified: 2,
      });
      expect(
        await ctx.reader.countLabelTags(ctx.fx.target, view({ ...confident, only_matches: false }), [
          'ground_truth',
          'predictions',
        ]),
      ).toEqual({ verified: 4 });
    });

    it('visible labels after filter_labels, on list and single labels', async () => {
      expect(
        await ctx.reader.visibleLabels(ctx.fx.target, view(confident, { stage: 'limit', n: 3 }), ['ground_truth']),
      ).toEqual([
        { sampleId: ctx.fx.id(1), field: 'ground_truth', labelIds: [detectionId(1, 1)] },
        { sampleId: ctx.fx.id(2), field: 'ground_truth', labelIds: [detectionId(2, 1), detectionId(2, 3)] },
        { sampleId: ctx.fx.id(3), field: 'ground_truth', labelIds: [detectionId(3, 1)] },
      ]);
      const cats = view({
        stage: 'filter_labels',
        field: 'predictions',
        filter: op('eq', E('label'), L('cat')),
        only_matches: false,
      });
      expect(await ctx.reader.visibleLabels(ctx.fx.target, cats, ['predictions'])).toEqual([
        { sampleId: ctx.fx.id(1), field: 'predictions', labelIds: [classificationId(1)] },
        { sampleId: ctx.fx.id(12), field: 'predictions', labelIds: [classificationId(12)] },
      ]);
      const both = await ctx.reader.visibleLabels(
        ctx.fx.target,
        view({ stage: 'select', sample_ids: ctx.fx.ids(8, 3), ordered: true }),
        ['predictions', 'ground_truth'],
      );
      expect(both).toEqual([
        { sampleId: ctx.fx.id(8), field: 'ground_truth', labelIds: [detectionId(8, 1)] },
        { sampleId: ctx.fx.id(3), field: 'predictions', labelIds: [classificationId(3)] },
        { sampleId: ctx.fx.id(3), field: 'ground_truth', labelIds: [detectionId(3, 1)] },
      ]);
    });
  });

  describe('bad requests', () => {
    it('names the bad aggregation', async () => {
      const problems = async (aggregations: unknown[]) =>
        (
          await expectAppError(
            ctx.reader.aggregate(ctx.fx.target, view(), aggregations as Aggregation[]),
            'BAD_REQUEST',
          )
        ).details?.['problems'];
      expect(await problems([{ type: 'count' }, { type: 'distinct', path: 'ground_truth' }])).toEqual([
        { path: 'aggregations[1].path', message: expect.stringMatching(/numbers, strings or booleans/) },
      ]);
      expect(await problems([{ type: 'mean', path: 'scene' }])).toEqual([
        { path: 'aggregations[0].path', message: expect.stringMatching(/numeric/) },
      ]);
      expect(await problems([{ type: 'sum', path: 'nope' }])).toEqual([
        { path: 'aggregations[0].path', message: expect.stringMatching(/no field "nope"/) },
      ]);
      expect(await problems([{ type: 'histogram_values', path: 'rank', range: [3, 1] }])).toEqual([
        { path: 'aggregations[0].range', message: expect.any(String) },
      ]);
      expect(await problems([{ type: 'histogram_values', path: 'rank', bins: 0 }])).toEqual([
        { path: 'aggregations[0].bins', message: expect.any(String) },
      ]);
      expect(await problems([{ type: 'count_values', path: 'scene', limit: 0 }])).toEqual([
        { path: 'aggregations[0].limit', message: expect.any(String) },
      ]);
      expect(await problems([{ type: 'median', path: 'rank' }])).toEqual([
        { path: 'aggregations[0].type', message: expect.any(String) },
      ]);
      expect(await problems([])).toEqual([{ path: 'aggregations', message: expect.any(String) }]);
    });

    it('names a bad values path or label field', async () => {
      const valuesError = await expectAppError(
        ctx.reader.values(ctx.fx.target, view(), 'ground_truth.detections.nope'),
        'BAD_REQUEST',
      );
      expect(valuesError.details?.['problems']).toEqual([
        { path: 'path', message: expect.stringMatching(/no attribute "nope"/) },
      ]);
      const labelsError = await expectAppError(
        ctx.reader.visibleLabels(ctx.fx.target, view(), ['ground_truth', 'scene']),
        'BAD_REQUEST',
      );
      expect(labelsError.details?.['problems']).toEqual([
        { path: 'labelFields[1]', message: expect.stringMatching(/not a label field/) },
      ]);
      await expectAppError(
        ctx.reader.countLabelTags(ctx.fx.target, view({ stage: 'exclude_fields', fields: ['predictions'] }), [
          'predictions',
        ]),
        'BAD_REQUEST',
      );
    });
  });
});
