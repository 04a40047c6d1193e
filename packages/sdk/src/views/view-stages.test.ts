// ViewBuilder: each stage method's JSON, default seeds, eager shape errors, immutability, and round-trips through validateView.
import { MAX_SEED, validateView, type View } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { F } from './f.js';
import { ViewBuilder } from './view-stages.js';

const ID1 = '0123456789abcdef01234567';
const ID2 = 'fedcba9876543210fedcba98';

describe('ViewBuilder: stage JSON', () => {
  it('emits one stage per method, with only the options given', () => {
    const v = new ViewBuilder();
    const one = (b: ViewBuilder) => b.toJSON().stages[0];
    expect(one(v.match(F('uniqueness').gt(0.5)))).toEqual({ stage: 'match', filter: F('uniqueness').gt(0.5).toJSON() });
    expect(one(v.matchTags('train'))).toEqual({ stage: 'match_tags', tags: ['train'] });
    expect(one(v.matchTags(['a', 'b'], false, true))).toEqual({
      stage: 'match_tags',
      tags: ['a', 'b'],
      bool: false,
      all: true,
    });
    expect(one(v.exists('gt'))).toEqual({ stage: 'exists', field: 'gt' });
    expect(one(v.exists('gt', false))).toEqual({ stage: 'exists', field: 'gt', bool: false });
    expect(one(v.filterLabels('gt', F('confidence').gt(0.9), { onlyMatches: false }))).toEqual({
      stage: 'filter_labels',
      field: 'gt',
      filter: {
        op: 'gt',
        args: [
          { op: 'elem', path: 'confidence' },
          { op: 'lit', value: 0.9 },
        ],
      },
      only_matches: false,
    });
    expect(one(v.sortBy('uniqueness'))).toEqual({ stage: 'sort_by', field: 'uniqueness' });
    expect(one(v.sortBy(F('gt.detections').length(), { reverse: true }))).toEqual({
      stage: 'sort_by',
      expr: { op: 'length', args: [{ op: 'field', path: 'gt.detections' }] },
      reverse: true,
    });
    expect(one(v.skip(5))).toEqual({ stage: 'skip', n: 5 });
    expect(one(v.limit(0))).toEqual({ stage: 'limit', n: 0 });
    expect(one(v.take(10, { seed: 7 }))).toEqual({ stage: 'take', size: 10, seed: 7 });
    expect(one(v.shuffle({ seed: 0 }))).toEqual({ stage: 'shuffle', seed: 0 });
    expect(one(v.select([ID1, ID2], { ordered: true }))).toEqual({
      stage: 'select',
      sample_ids: [ID1, ID2],
      ordered: true,
    });
    expect(one(v.select(ID1))).toEqual({ stage: 'select', sample_ids: [ID1] });
    expect(one(v.exclude(ID2))).toEqual({ stage: 'exclude', sample_ids: [ID2] });
    expect(one(v.selectFields(['gt', 'predictions']))).toEqual({
      stage: 'select_fields',
      fields: ['gt', 'predictions'],
    });
    expect(one(v.selectFields())).toEqual({ stage: 'select_fields', fields: [] });
    expect(one(v.excludeFields('uniqueness'))).toEqual({ stage: 'exclude_fields', fields: ['uniqueness'] });
    expect(one(v.toPatches('gt'))).toEqual({ stage: 'to_patches', field: 'gt' });
  });

  it('round-trips a full chain through JSON and validateView', () => {
    const view = new ViewBuilder()
      .match(
        F('uniqueness')
          .gt(0.5)
          .and(F('filepath').matches('\\.jpg$', { ignoreCase: true })),
      )
      .matchTags(['train'])
      .exists('ground_truth')
      .filterLabels(
        'ground_truth.detections',
        F('label')
          .isIn(['cat', 'dog'])
          .and(F('confidence').gte(F('$threshold'))),
      )
      .sortBy('uniqueness', { reverse: true })
      .skip(1)
      .limit(100)
      .take(50)
      .shuffle()
      .select([ID1])
      .exclude([ID2])
      .selectFields(['ground_truth'])
      .excludeFields(['uniqueness']);
    const wire = JSON.parse(JSON.stringify(view)) as View;
    expect(wire.stages).toHaveLength(13);
    expect(validateView(wire)).toEqual({ ok: true, view: wire });
    expect(ViewBuilder.fromJSON(wire).toJSON()).toEqual(wire);
  });
});

describe('ViewBuilder: seeds', () => {
  it('picks a random integer seed for take and shuffle when none is given, and keeps it', () => {
    const seeds = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const view = new ViewBuilder().take(5).shuffle();
      const [take, shuffle] = view.toJSON().stages as unknown as [{ seed: number }, { seed: number }];
      for (const seed of [take.seed, shuffle.seed]) {
        expect(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED).toBe(true);
        seeds.add(seed);
      }
      expect(view.toJSON()).toEqual(view.toJSON()); // the same builder always replays the same seed
    }
    expect(seeds.size).toBeGreaterThan(30);
  });
});

describe('ViewBuilder: errors at the call that made them', () => {
  it('refuses malformed stage arguments', () => {
    const v = new ViewBuilder();
    expect(() => v.skip(-1)).toThrow('skip: n: expected a non-negative integer');
    expect(() => v.limit(1.5)).toThrow(TypeError);
    expect(() => v.take(1, { seed: -1 })).toThrow(/seed/);
    expect(() => v.select(['nope'])).toThrow(
      'select: sample_ids[0]: expected a sample id (24 lowercase hex characters)',
    );
    expect(() => v.exists('a b')).toThrow(/invalid field path/);
    expect(() => v.matchTags([])).toThrow(/at least 1/);
    expect(() => v.match(F('a').matches('\\bword'))).toThrow(/word boundaries/);
    expect(() => v.match(F().gt(1))).toThrow(/F\(\) with no path/);
    expect(() => v.match({ op: 'lit', value: true } as never)).toThrow(/expected an expression built with F/);
    expect(() => ViewBuilder.fromJSON({ stages: [{ stage: 'nope' }] })).toThrow(
      /invalid view: stages\[0\]: unknown stage "nope"/,
    );
  });

  it('leaves resource limits to the server', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => i);
    expect(() => new ViewBuilder().match(F('n').isIn(many))).not.toThrow();
    let v = new ViewBuilder();
    for (let i = 0; i < 60; i++) v = v.skip(0);
    expect(validateView(v.toJSON()).ok).toBe(false);
  });
});

describe('ViewBuilder: immutability', () => {
  it('returns a new builder per stage and never changes the old one', () => {
    const base = new ViewBuilder().limit(10);
    const longer = base.skip(5);
    expect(base.toJSON().stages).toHaveLength(1);
    expect(longer.toJSON().stages).toHaveLength(2);
    expect(Object.isFrozen(base)).toBe(true);
    expect(Object.isFrozen(base.stages)).toBe(true);
  });

  it('hands out copies: changing toJSON output or the input arrays does not reach the builder', () => {
    const ids = [ID1];
    const view = new ViewBuilder().select(ids);
    ids.push(ID2);
    const json = view.toJSON();
    (json.stages[0] as { sample_ids: string[] }).sample_ids.push('x');
    expect(view.toJSON().stages[0]).toEqual({ stage: 'select', sample_ids: [ID1] });
  });
});
