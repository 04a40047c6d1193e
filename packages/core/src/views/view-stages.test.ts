// Each view stage on SQLite and PostgreSQL against answers read off the fixture table (test-support/view-fixtures.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { expectAppError } from '../test-support/identity-fixtures.js';
import { seededHash } from './seeded-hash.js';

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** Fixture numbers ordered by the documented seeded hash (ties by seq = number on a fresh database). */
const seeded = (numbers: number[], seed: number): number[] =>
  [...numbers].sort((a, b) => seededHash(a, seed) - seededHash(b, seed) || a - b);

describe.each(await testDialects())('view stages on %s', (dialect) => {
  let ctx: ViewFixture;
  beforeAll(async () => {
    ctx = await openViewFixture(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const numbers = (v: unknown) => ctx.numbers(v);
  const rows = async (v: unknown) =>
    (await ctx.reader.page(ctx.fx.target, ctx.reader.parse(ctx.fx.target, v), { limit: 100 })).rows;

  it('the empty view is the whole dataset in insertion order', async () => {
    expect(await numbers(view())).toEqual(ALL);
    expect(await numbers(undefined)).toEqual(ALL);
    expect(await ctx.reader.count(ctx.fx.target, view())).toBe(12);
  });

  describe('match_tags', () => {
    it('any of the tags, all of them, and inverted', async () => {
      expect(await numbers(view({ stage: 'match_tags', tags: ['train'] }))).toEqual([1, 2, 6, 8, 11]);
      expect(await numbers(view({ stage: 'match_tags', tags: ['train', 'val'] }))).toEqual([1, 2, 3, 6, 7, 8, 11, 12]);
      expect(await numbers(view({ stage: 'match_tags', tags: ['train', 'hard'], all: true }))).toEqual([2]);
      expect(await numbers(view({ stage: 'match_tags', tags: ['train'], bool: false }))).toEqual([
        3, 4, 5, 7, 9, 10, 12,
      ]);
      expect(await numbers(view({ stage: 'match_tags', tags: ['hard', 'val'], all: true, bool: false }))).toEqual([
        1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12,
      ]);
      expect(await numbers(view({ stage: 'match_tags', tags: ['nope'] }))).toEqual([]);
    });
  });

  describe('exists', () => {
    it('present and not null; bool false gives the rest', async () => {
      expect(await numbers(view({ stage: 'exists', field: 'uniqueness' }))).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 12]);
      expect(await numbers(view({ stage: 'exists', field: 'uniqueness', bool: false }))).toEqual([4, 11]);
      expect(await numbers(view({ stage: 'exists', field: 'predictions' }))).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11, 12]);
      // Sample 4 has an empty detections list: the field is there.
      expect(await numbers(view({ stage: 'exists', field: 'ground_truth' }))).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
      expect(await numbers(view({ stage: 'exists', field: 'scene', bool: false }))).toEqual([7]);
    });

    it('built-in and metadata fields, and a label attribute through the list (on any label)', async () => {
      expect(await numbers(view({ stage: 'exists', field: 'metadata' }))).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11, 12]);
      expect(await numbers(view({ stage: 'exists', field: 'metadata.mime_type' }))).toEqual([1]);
      expect(await numbers(view({ stage: 'exists', field: 'filepath' }))).toEqual(ALL);
      expect(await numbers(view({ stage: 'exists', field: 'ground_truth.detections.iscrowd' }))).toEqual([
        1, 2, 3, 6, 7, 8, 9, 10, 11,
      ]);
    });
  });

  describe('filter_labels', () => {
    const confident = {
      stage: 'filter_labels',
      field: 'ground_truth',
      filter: op('gt', E('confidence'), L(0.5)),
    } as const;

    it('keeps the matching items of a label list and drops samples left without labels', async () => {
      expect(await numbers(view(confident))).toEqual([1, 2, 3, 6, 7, 9, 10]);
      const labels = (await rows(view(confident))).map((row) => [
        row.id.slice(-2),
        ((row.fields['ground_truth'] as { detections: { id: string }[] }).detections ?? []).map((d) => d.id),
      ]);
      expect(labels).toEqual([
        ['01', [detectionId(1, 1)]],
        ['02', [detectionId(2, 1), detectionId(2, 3)]],
        ['03', [detectionId(3, 1)]],
        ['06', [detectionId(6, 1), detectionId(6, 2)]],
        ['07', [detectionId(7, 1), detectionId(7, 3)]],
        ['09', [detectionId(9, 1)]],
        ['0a', [detectionId(10, 1), detectionId(10, 2)]],
      ]);
    });

    it('with only_matches false keeps every sample, lists emptied, missing and null fields as they were', async () => {
      const all = await rows(view({ ...confident, only_matches: false }));
      expect(all.map((row) => row.seq)).toEqual(ALL);
      const gt = (n: number) => all[n - 1]?.fields['ground_truth'];
      expect(gt(8)).toEqual({ _cls: 'Detections', detections: [] });
      expect(gt(11)).toEqual({ _cls: 'Detections', detections: [] });
      expect(gt(4)).toEqual({ _cls: 'Detections', detections: [] });
      expect(all[4]?.fields).not.toHaveProperty('ground_truth');
      expect(gt(12)).toBeNull();
      // The kept labels are whole documents, in their original order.
      expect(gt(7)).toEqual({
        _cls: 'Detections',
        detections: [
          {
            _cls: 'Detection',
            id: detectionId(7, 1),
            label: 'dog',
            bounding_box: [0.1, 0.1, 0.2, 0.3],
            confidence: 0.91,
            iscrowd: 0,
            tags: [],
          },
          {
            _cls: 'Detection',
            id: detectionId(7, 3),
            label: 'bird',
            bounding_box: [0.30000000000000004, 0.1, 0.2, 0.3],
            confidence: 0.6,
            tags: [],
          },
        ],
      });
    });

    it('on a single label sets non-matching labels to null', async () => {
      const cats = { stage: 'filter_labels', field: 'predictions', filter: op('eq', E('label'), L('cat')) } as const;
      expect(await numbers(view(cats))).toEqual([1, 12]);
      const all = await rows(view({ ...cats, only_matches: false }));
      expect(all.map((row) => row.seq)).toEqual(ALL);
      expect(
        all.map(
          (row) => (row.fields['predictions'] as { id?: string } | null | undefined)?.id ?? row.fields['predictions'],
        ),
      ).toEqual([
        classificationId(1),
        null,
        null,
        undefined,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        classificationId(12),
      ]);
    });

    it('filters on custom attributes, label tags, membership and sample fields', async () => {
      expect(
        await numbers(view({ stage: 'filter_labels', field: 'ground_truth', filter: op('eq', E('iscrowd'), L(1)) })),
      ).toEqual([2, 6]);
      expect(
        await numbers(
          view({ stage: 'filter_labels', field: 'ground_truth', filter: op('in', E('label'), L(['cat', 'dog'])) }),
        ),
      ).toEqual([1, 3, 6, 7]);
      const occluded = op('any', E('tags'), op('eq', E(), L('occluded')));
      expect(await numbers(view({ stage: 'filter_labels', field: 'ground_truth', filter: occluded }))).toEqual([2, 7]);
      // A label agrees with the sample's prediction: F() inside a label filter reads the sample.
      const agrees = view({
        stage: 'filter_labels',
        field: 'ground_truth',
        filter: op('eq', E('label'), F('predictions.label')),
      });
      expect(await numbers(agrees)).toEqual([1, 2, 3, 6, 7, 9, 10, 11]);
      expect(
        await ctx.reader.aggregate(ctx.fx.target, agrees, [{ type: 'count', path: 'ground_truth.detections' }]),
      ).toEqual([{ type: 'count', count: 10 }]);
    });

    it('later stages see the filtered labels', async () => {
      const people = {
        stage: 'filter_labels',
        field: 'ground_truth',
        filter: op('eq', E('label'), L('person')),
        only_matches: false,
      } as const;
      expect(await numbers(view(people, match(op('gte', op('length', F('ground_truth.detections')), L(2)))))).toEqual([
        6,
      ]);
      // Two filters in a row: persons, then confident ones among them.
      expect(
        await numbers(
          view(people, { stage: 'filter_labels', field: 'ground_truth', filter: op('gt', E('confidence'), L(0.6)) }),
        ),
      ).toEqual([2, 6]);
    });
  });

  describe('sort_by', () => {
    it('ascending puts null and missing first, ties by insertion order', async () => {
      expect(await numbers(view({ stage: 'sort_by', field: 'uniqueness' }))).toEqual([
        4, 11, 6, 12, 8, 2, 7, 9, 3, 5, 10, 1,
      ]);
      expect(await numbers(view({ stage: 'sort_by', field: 'rank' }))).toEqual([5, 2, 4, 12, 1, 8, 7, 9, 3, 10, 11, 6]);
    });

    it('reverse puts null and missing last, ties still by insertion order', async () => {
      expect(await numbers(view({ stage: 'sort_by', field: 'uniqueness', reverse: true }))).toEqual([
        1, 10, 5, 3, 7, 9, 2, 8, 12, 6, 4, 11,
      ]);
    });

    it('strings by code point, booleans false before true, built-in columns', async () => {
      expect(await numbers(view({ stage: 'sort_by', field: 'scene' }))).toEqual([
        7, 4, 12, 6, 11, 1, 3, 9, 2, 5, 8, 10,
      ]);
      expect(await numbers(view({ stage: 'sort_by', field: 'reviewed' }))).toEqual([
        4, 8, 2, 5, 7, 10, 12, 1, 3, 6, 9, 11,
      ]);
      expect(await numbers(view({ stage: 'sort_by', field: 'filepath', reverse: true }))).toEqual([
        6, 12, 11, 10, 9, 8, 7, 5, 4, 3, 2, 1,
      ]);
      expect(await numbers(view({ stage: 'sort_by', field: 'created_at', reverse: true }))).toEqual([...ALL].reverse());
      expect(await numbers(view({ stage: 'sort_by', field: 'last_modified_at' }))).toEqual([...ALL].reverse());
      expect(await numbers(view({ stage: 'sort_by', field: 'predictions.confidence', reverse: true }))).toEqual([
        7, 5, 1, 11, 9, 2, 3, 6, 10, 12, 4, 8,
      ]);
    });

    it('by an expression', async () => {
      const count = op('length', F('ground_truth.detections'));
      expect(await numbers(view({ stage: 'sort_by', expr: count, reverse: true }))).toEqual([
        2, 6, 7, 1, 10, 3, 8, 9, 11, 4, 5, 12,
      ]);
    });

    it('a later filter keeps the order; a later sort replaces it', async () => {
      expect(
        await numbers(
          view({ stage: 'sort_by', field: 'uniqueness', reverse: true }, { stage: 'match_tags', tags: ['train'] }),
        ),
      ).toEqual([1, 2, 8, 6, 11]);
      expect(
        await numbers(
          view({ stage: 'sort_by', field: 'uniqueness' }, { stage: 'sort_by', field: 'rank', reverse: true }),
        ),
      ).toEqual([6, 11, 10, 3, 9, 7, 8, 1, 4, 12, 2, 5]);
    });
  });

  describe('skip and limit', () => {
    it('cut the current order', async () => {
      expect(await numbers(view({ stage: 'skip', n: 3 }, { stage: 'limit', n: 4 }))).toEqual([4, 5, 6, 7]);
      expect(await numbers(view({ stage: 'skip', n: 10 }))).toEqual([11, 12]);
      expect(await numbers(view({ stage: 'skip', n: 20 }))).toEqual([]);
      expect(await numbers(view({ stage: 'limit', n: 0 }))).toEqual([]);
      expect(
        await numbers(
          view(
            { stage: 'sort_by', field: 'uniqueness', reverse: true },
            { stage: 'skip', n: 2 },
            { stage: 'limit', n: 3 },
          ),
        ),
      ).toEqual([5, 3, 7]);
    });

    it('apply in stage order: limit then match filters only the first n', async () => {
      const unique = match(op('gt', F('uniqueness'), L(0.5)));
      expect(await numbers(view({ stage: 'limit', n: 5 }, unique))).toEqual([1, 3, 5]);
      expect(await numbers(view(unique, { stage: 'limit', n: 2 }))).toEqual([1, 3]);
      expect(
        await numbers(view({ stage: 'limit', n: 4 }, { stage: 'sort_by', field: 'uniqueness', reverse: true })),
      ).toEqual([1, 3, 2, 4]);
      expect(await numbers(view({ stage: 'limit', n: 3 }, { stage: 'skip', n: 2 }))).toEqual([3]);
      expect(await ctx.reader.count(ctx.fx.target, view({ stage: 'limit', n: 5 }, unique))).toBe(3);
    });
  });

  describe('take and shuffle', () => {
    it('take picks `size` samples in the seeded order, and replays for the same seed', async () => {
      const taken = await numbers(view({ stage: 'take', size: 5, seed: 42 }));
      expect(taken).toEqual(seeded(ALL, 42).slice(0, 5));
      expect(await numbers(view({ stage: 'take', size: 5, seed: 42 }))).toEqual(taken);
      expect(await numbers(view({ stage: 'take', size: 5, seed: 43 }))).not.toEqual(taken);
      expect(await numbers(view({ stage: 'take', size: 20, seed: 1 }))).toHaveLength(12);
      expect(await numbers(view({ stage: 'take', size: 0, seed: 1 }))).toEqual([]);
    });

    it('take applies to the rows before it; later stages to what it took', async () => {
      const train = [1, 2, 6, 8, 11];
      expect(
        await numbers(view({ stage: 'match_tags', tags: ['train'] }, { stage: 'take', size: 2, seed: 9 })),
      ).toEqual(seeded(train, 9).slice(0, 2));
      const took = seeded(ALL, 3).slice(0, 6);
      expect(
        await numbers(view({ stage: 'take', size: 6, seed: 3 }, { stage: 'match_tags', tags: ['train'] })),
      ).toEqual(took.filter((n) => train.includes(n)));
    });

    it('shuffle reorders every sample the same way for the same seed', async () => {
      const shuffled = await numbers(view({ stage: 'shuffle', seed: 7 }));
      expect(shuffled).toEqual(seeded(ALL, 7));
      expect([...shuffled].sort((a, b) => a - b)).toEqual(ALL);
      expect(shuffled).not.toEqual(ALL);
      expect(await numbers(view({ stage: 'shuffle', seed: 8 }))).not.toEqual(shuffled);
      expect(await numbers(view({ stage: 'shuffle', seed: 7 }, { stage: 'limit', n: 3 }))).toEqual(
        shuffled.slice(0, 3),
      );
    });
  });

  describe('select and exclude', () => {
    it('select keeps the current order unless ordered', async () => {
      const ids = ctx.fx.ids(3, 1, 7);
      expect(await numbers(view({ stage: 'select', sample_ids: ids }))).toEqual([1, 3, 7]);
      expect(await numbers(view({ stage: 'select', sample_ids: ids, ordered: true }))).toEqual([3, 1, 7]);
      expect(await numbers(view({ stage: 'select', sample_ids: ctx.fx.ids(3, 1, 3), ordered: true }))).toEqual([3, 1]);
      expect(
        await numbers(view({ stage: 'select', sample_ids: ids, ordered: true }, { stage: 'sort_by', field: 'rank' })),
      ).toEqual([1, 7, 3]);
      expect(
        await numbers(view({ stage: 'select', sample_ids: ['ffffffffffffffffffffffff', ...ctx.fx.ids(2)] })),
      ).toEqual([2]);
      expect(await numbers(view({ stage: 'select', sample_ids: [] }))).toEqual([]);
    });

    it('exclude drops the ids', async () => {
      expect(await numbers(view({ stage: 'exclude', sample_ids: ctx.fx.ids(1, 2) }))).toEqual([
        3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
      ]);
      expect(await numbers(view({ stage: 'exclude', sample_ids: [] }))).toEqual(ALL);
    });

    it('long id lists travel as one parameter', async () => {
      const many = [
        ...Array.from({ length: 500 }, (_, i) => `ab${i.toString(16).padStart(22, '0')}`),
        ...ctx.fx.ids(9, 4),
      ];
      expect(await numbers(view({ stage: 'select', sample_ids: many, ordered: true }))).toEqual([9, 4]);
      expect(await numbers(view({ stage: 'exclude', sample_ids: many }))).toEqual([1, 2, 3, 5, 6, 7, 8, 10, 11, 12]);
    });
  });

  describe('select_fields and exclude_fields', () => {
    it('select_fields keeps the built-ins and the listed custom fields', async () => {
      const [first] = await rows(view({ stage: 'select_fields', fields: ['uniqueness', 'predictions', 'filepath'] }));
      expect(first?.fields).toEqual({
        uniqueness: 0.91,
        predictions: { _cls: 'Classification', id: classificationId(1), label: 'cat', confidence: 0.88, tags: [] },
      });
      expect(first).toMatchObject({
        id: ctx.fx.id(1),
        filepath: '/images/001.jpg',
        tags: ['train'],
        metadata: { width: 640, height: 480, mime_type: 'image/jpeg' },
      });
    });

    it('exclude_fields drops the listed ones; later stages cannot name them', async () => {
      const [first] = await rows(view({ stage: 'exclude_fields', fields: ['ground_truth', 'extra', 'keywords'] }));
      expect(Object.keys(first?.fields ?? {}).sort()).toEqual([
        'predictions',
        'rank',
        'reviewed',
        'scene',
        'uniqueness',
      ]);
      await expectAppError(
        numbers(view({ stage: 'exclude_fields', fields: ['rank'] }, match(op('gt', F('rank'), L(1))))),
        'BAD_REQUEST',
        /stages\[1\]\.filter\.args\[0\]/,
      );
      await expectAppError(
        ctx.reader.values(ctx.fx.target, view({ stage: 'select_fields', fields: ['uniqueness'] }), 'rank'),
        'BAD_REQUEST',
      );
    });

    it('filtering still works on fields selected before', async () => {
      expect(
        await numbers(view({ stage: 'select_fields', fields: ['rank'] }, match(op('lt', F('rank'), L(3))))),
      ).toEqual([2, 4, 12]);
    });
  });
});
