// View validation: every stage's shape, unknown stages and parameters, ids, seeds, and each limit with its path.
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import type { Expression } from './expression.js';
import { formatProblem } from './problem.js';
import { STAGE_NAMES, ViewSchema, type Stage } from './stages.js';
import { validateView } from './validate-view.js';

const gt: Expression = {
  op: 'gt',
  args: [
    { op: 'field', path: 'uniqueness' },
    { op: 'lit', value: 0.5 },
  ],
};
const ID = '0123456789abcdef01234567';

const STAGE_EXAMPLES: Stage[] = [
  { stage: 'match', filter: gt },
  { stage: 'match_tags', tags: ['train', 'val'], bool: false, all: true },
  { stage: 'exists', field: 'ground_truth', bool: true },
  {
    stage: 'filter_labels',
    field: 'ground_truth.detections',
    filter: {
      op: 'eq',
      args: [
        { op: 'elem', path: 'label' },
        { op: 'lit', value: 'cat' },
      ],
    },
    only_matches: false,
  },
  { stage: 'sort_by', field: 'uniqueness', reverse: true },
  { stage: 'sort_by', expr: { op: 'length', args: [{ op: 'field', path: 'ground_truth.detections' }] } },
  { stage: 'skip', n: 10 },
  { stage: 'limit', n: 0 },
  { stage: 'take', size: 100, seed: 42 },
  { stage: 'shuffle', seed: 0 },
  { stage: 'select', sample_ids: [ID], ordered: true },
  { stage: 'exclude', sample_ids: [] },
  { stage: 'select_fields', fields: ['ground_truth', 'predictions.detections'] },
  { stage: 'exclude_fields', fields: ['uniqueness'] },
  { stage: 'to_patches', field: 'ground_truth' },
];

const problemsOf = (view: unknown, limits?: Parameters<typeof validateView>[1]): string[] => {
  const result = validateView(view, limits);
  return result.ok ? [] : result.problems.map(formatProblem);
};

describe('validateView: valid views', () => {
  it('accepts an example of every stage, returning the view', () => {
    expect(new Set(STAGE_EXAMPLES.map((s) => s.stage))).toEqual(new Set(STAGE_NAMES));
    const view = { stages: STAGE_EXAMPLES };
    expect(validateView(view)).toEqual({ ok: true, view });
    expect(validateView({ stages: [] })).toEqual({ ok: true, view: { stages: [] } });
  });

  it('agrees with the TypeBox ViewSchema on valid and structurally invalid views', () => {
    const check = Compile(ViewSchema);
    expect(check.Check({ stages: STAGE_EXAMPLES })).toBe(true);
    for (const bad of [
      { stages: [{ stage: 'nope' }] },
      { stages: [{ stage: 'take', size: 1 }] },
      { stages: [{ stage: 'skip', n: -1 }] },
      { stages: [{ stage: 'select', sample_ids: ['xyz'] }] },
      { stages: [{ stage: 'sort_by', field: 'a', expr: gt }] },
      { stages: [{ stage: 'match', filter: { op: 'foo', args: [] } }] },
      { stages: [], extra: 1 },
    ]) {
      expect(check.Check(bad), JSON.stringify(bad)).toBe(false);
      expect(validateView(bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('validateView: problems name the bad part', () => {
  it('names a bad operator deep in a stage', () => {
    const filter = { op: 'and', args: [gt, { op: 'foo', args: [] }] };
    const view = {
      stages: [
        { stage: 'limit', n: 1 },
        { stage: 'skip', n: 1 },
        { stage: 'match', filter },
      ],
    };
    expect(problemsOf(view)).toEqual(['stages[2].filter.args[1]: unknown operator "foo"']);
  });

  it('refuses non-views, bare lists and unknown top-level keys', () => {
    expect(problemsOf([])).toEqual(['expected a view object {"stages": [...]}, not a bare list']);
    expect(problemsOf(null)).toEqual(['expected a view object {"stages": [...]}']);
    expect(problemsOf({})).toEqual(['stages: expected a list of stages']);
    expect(problemsOf({ stages: [], version: 2 })).toEqual(['version: unknown key "version" in view']);
  });

  it('refuses unknown stages, unknown and missing parameters', () => {
    expect(problemsOf({ stages: [{ stage: 'group_by', field: 'a' }] })[0]).toMatch(
      /^stages\[0\]: unknown stage "group_by"; expected one of match, /,
    );
    expect(problemsOf({ stages: ['match'] })[0]).toMatch(/^stages\[0\]: expected a stage object/);
    expect(problemsOf({ stages: [{ filter: gt }] })).toEqual(['stages[0]: missing "stage"']);
    expect(problemsOf({ stages: [{ stage: 'limit', n: 1, reverse: true }] })).toEqual([
      'stages[0].reverse: unknown parameter "reverse" for stage "limit"',
    ]);
    expect(problemsOf({ stages: [{ stage: 'match' }] })).toEqual(['stages[0].filter: stage "match" needs "filter"']);
  });

  it('checks each parameter kind', () => {
    const one = (stage: unknown) => problemsOf({ stages: [stage] });
    expect(one({ stage: 'skip', n: -1 })).toEqual(['stages[0].n: expected a non-negative integer']);
    expect(one({ stage: 'limit', n: 1.5 })).toEqual(['stages[0].n: expected a non-negative integer']);
    expect(one({ stage: 'take', size: 1, seed: 2 ** 31 })).toEqual([
      'stages[0].seed: expected an integer seed from 0 to 2147483647',
    ]);
    expect(one({ stage: 'take', size: 1 })).toEqual(['stages[0].seed: stage "take" needs "seed"']);
    expect(one({ stage: 'shuffle' })).toEqual(['stages[0].seed: stage "shuffle" needs "seed"']);
    expect(one({ stage: 'exists', field: 'a', bool: 'yes' })).toEqual(['stages[0].bool: expected a boolean']);
    expect(one({ stage: 'exists', field: 'a.$b' })[0]).toMatch(/^stages\[0\]\.field: invalid field path/);
    expect(one({ stage: 'select', sample_ids: [ID, ID.toUpperCase(), 'x'] })).toEqual([
      'stages[0].sample_ids[1]: expected a sample id (24 lowercase hex characters)',
      'stages[0].sample_ids[2]: expected a sample id (24 lowercase hex characters)',
    ]);
    expect(one({ stage: 'exclude', sample_ids: ID })).toEqual(['stages[0].sample_ids: expected a list']);
    expect(one({ stage: 'match_tags', tags: [] })).toEqual(['stages[0].tags: expected at least 1 item']);
    expect(one({ stage: 'match_tags', tags: ['a', ''] })[0]).toMatch(
      /^stages\[0\]\.tags\[1\]: expected a non-empty tag/,
    );
    expect(one({ stage: 'select_fields', fields: ['ok', 'not ok'] })[0]).toMatch(
      /^stages\[0\]\.fields\[1\]: invalid field path/,
    );
  });

  it('needs exactly one of field and expr in sort_by', () => {
    const message = 'stages[0]: stage "sort_by" needs exactly one of "field" and "expr"';
    expect(problemsOf({ stages: [{ stage: 'sort_by' }] })).toEqual([message]);
    expect(problemsOf({ stages: [{ stage: 'sort_by', field: 'a', expr: gt }] })).toEqual([message]);
  });

  it('scopes elem: allowed in filter_labels filters, refused in match and sort_by', () => {
    const elem = {
      op: 'eq',
      args: [
        { op: 'elem', path: 'label' },
        { op: 'lit', value: 'cat' },
      ],
    };
    expect(problemsOf({ stages: [{ stage: 'filter_labels', field: 'gt', filter: elem }] })).toEqual([]);
    expect(problemsOf({ stages: [{ stage: 'match', filter: elem }] })[0]).toMatch(
      /^stages\[0\]\.filter\.args\[0\]: "elem" is the current list element/,
    );
    expect(problemsOf({ stages: [{ stage: 'sort_by', expr: elem }] })[0]).toMatch(/^stages\[0\]\.expr\.args\[0\]:/);
  });

  it('reports every problem, not just the first', () => {
    expect(
      problemsOf({ stages: [{ stage: 'skip', n: -1 }, { stage: 'nope' }, { stage: 'limit', n: 'x' }] }),
    ).toHaveLength(3);
  });
});

describe('validateView: limits', () => {
  it('bounds the stage count', () => {
    const stages = (n: number) => ({ stages: Array.from({ length: n }, () => ({ stage: 'skip', n: 1 })) });
    expect(problemsOf(stages(50))).toEqual([]);
    expect(problemsOf(stages(51))).toEqual(['stages: view has 51 stages; the limit is 50']);
    expect(problemsOf(stages(3), { maxStages: 2 })).toEqual(['stages: view has 3 stages; the limit is 2']);
  });

  it('counts expression nodes across all stages', () => {
    const wide = { op: 'and', args: Array.from({ length: 999 }, () => ({ op: 'lit', value: true })) }; // 1000 nodes
    const view = (n: number) => ({ stages: Array.from({ length: n }, () => ({ stage: 'match', filter: wide })) });
    expect(problemsOf(view(2))).toEqual([]);
    expect(problemsOf(view(3))).toEqual(['stages[2].filter: view has more than 2000 expression nodes']);
  });

  it('bounds depth, list literals, regex length, tags, fields and sample ids, naming the spot', () => {
    let deep: Expression = { op: 'lit', value: true };
    for (let i = 0; i < 4; i++) deep = { op: 'not', args: [deep] };
    expect(problemsOf({ stages: [{ stage: 'match', filter: deep }] }, { maxDepth: 4 })).toEqual([
      'stages[0].filter.args[0].args[0].args[0].args[0]: expression is nested deeper than 4 levels',
    ]);
    const inList = {
      op: 'in',
      args: [
        { op: 'field', path: 'a' },
        { op: 'lit', value: [1, 2, 3] },
      ],
    };
    expect(problemsOf({ stages: [{ stage: 'match', filter: inList }] }, { maxInListLength: 2 })).toEqual([
      'stages[0].filter.args[1].value: list literal has 3 items; the limit is 2',
    ]);
    const regex = {
      op: 'matches',
      args: [
        { op: 'field', path: 'a' },
        { op: 'lit', value: 'abcdef' },
      ],
    };
    expect(
      problemsOf(
        {
          stages: [
            { stage: 'skip', n: 0 },
            { stage: 'match', filter: regex },
          ],
        },
        { maxRegexLength: 5 },
      ),
    ).toEqual(['stages[1].filter.args[1].value: regex is 6 characters; the limit is 5']);
    expect(problemsOf({ stages: [{ stage: 'match_tags', tags: ['a', 'b', 'c'] }] }, { maxInListLength: 2 })).toEqual([
      'stages[0].tags: list has 3 items; the limit is 2',
    ]);
    expect(
      problemsOf({ stages: [{ stage: 'exclude_fields', fields: ['a', 'b', 'c'] }] }, { maxInListLength: 2 }),
    ).toEqual(['stages[0].fields: list has 3 items; the limit is 2']);
    expect(problemsOf({ stages: [{ stage: 'select', sample_ids: [ID, ID] }] }, { maxSampleIds: 1 })).toEqual([
      'stages[0].sample_ids: list has 2 items; the limit is 1',
    ]);
  });
});
