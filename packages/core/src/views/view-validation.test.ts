// Malformed views are BAD_REQUEST whose details.problems name the bad part: structure and limits, then the schema pass.
import type { ViewProblem } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { E, F, L, match, matches, op, openViewFixture, view, type ViewFixture } from '../test-support/view-fixtures.js';
import { ViewQueries } from './view-queries.js';

describe.each(await testDialects())('view validation on %s', (dialect) => {
  let ctx: ViewFixture;
  beforeAll(async () => {
    ctx = await openViewFixture(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** The problems of a view that must be refused, by parse and by every read taking it unparsed. */
  async function problems(v: unknown, reader = ctx.reader): Promise<ViewProblem[]> {
    let caught: unknown;
    try {
      reader.parse(ctx.fx.target, v);
    } catch (error) {
      caught = error;
    }
    const parseError = await expectAppError(
      Promise.reject(caught ?? new Error('parse accepted the view')),
      'BAD_REQUEST',
      /^Invalid view: /,
    );
    // A read given the view without parse refuses it the same way, before any SQL runs.
    const countError = await expectAppError(reader.count(ctx.fx.target, v as never), 'BAD_REQUEST');
    expect(countError.details).toEqual(parseError.details);
    return parseError.details?.['problems'] as ViewProblem[];
  }

  it('undefined is the empty view', () => {
    expect(ctx.reader.parse(ctx.fx.target, undefined)).toEqual({ stages: [] });
  });

  it('an unknown field', async () => {
    expect(await problems(view(match(op('gt', F('nope'), L(1)))))).toEqual([
      { path: 'stages[0].filter.args[0]', message: 'the dataset has no field "nope"' },
    ]);
    expect(await problems(view({ stage: 'exists', field: 'ground_truth.detections.nope' }))).toEqual([
      { path: 'stages[0].field', message: expect.stringMatching(/no attribute "nope"/) },
    ]);
    expect(await problems(view({ stage: 'sort_by', field: 'nope' }))).toEqual([
      { path: 'stages[0].field', message: 'the dataset has no field "nope"' },
    ]);
  });

  it('operand types that do not fit', async () => {
    expect(await problems(view(match(op('gt', F('scene'), L(1)))))).toEqual([
      { path: 'stages[0].filter', message: expect.stringMatching(/numbers with numbers or strings with strings/) },
    ]);
    expect(await problems(view(match(op('eq', F('rank'), L('3')))))).toEqual([
      { path: 'stages[0].filter', message: 'cannot compare a number with a string' },
    ]);
    expect(await problems(view(match(op('add', F('scene'), L(1)))))).toEqual([
      { path: 'stages[0].filter.args[0]', message: '"add" needs a number here, got a string' },
      { path: 'stages[0].filter', message: 'expected a match filter (a boolean expression), got a number' },
    ]);
    // One mistake, one problem: the bad operand does not also make its parent's type wrong.
    expect(await problems(view(match(op('length', F('scene')))))).toEqual([
      { path: 'stages[0].filter.args[0]', message: expect.stringMatching(/use "strlen"/) },
    ]);
    expect(await problems(view(match(op('contains', F('tags'), L(1)))))).toEqual([
      { path: 'stages[0].filter.args[1]', message: expect.stringMatching(/looks for a string/) },
    ]);
    expect(await problems(view(match(op('contains', F('rank'), L(1)))))).toEqual([
      { path: 'stages[0].filter.args[0]', message: expect.stringMatching(/string \(substring\) or a list/) },
    ]);
    expect(await problems(view(match(op('in', F('rank'), L(['a', 'b'])))))).toEqual([
      { path: 'stages[0].filter', message: expect.stringMatching(/compares a number with a list of strings/) },
    ]);
    expect(await problems(view(match(op('any', F('scene'), op('eq', E(), L('a'))))))).toEqual([
      { path: 'stages[0].filter.args[0]', message: '"any" needs a list, got a string' },
    ]);
    expect(await problems(view(match(op('and', F('rank'), F('reviewed')))))).toEqual([
      { path: 'stages[0].filter.args[0]', message: expect.stringMatching(/expected a condition/) },
    ]);
    expect(await problems(view(match(F('uniqueness'))))).toEqual([
      { path: 'stages[0].filter', message: expect.stringMatching(/got a number/) },
    ]);
    expect(await problems(view(match(op('eq', F('extra.a'), F('extra.b')))))).toEqual([
      { path: 'stages[0].filter', message: expect.stringMatching(/two untyped values/) },
    ]);
    expect(await problems(view(match(op('eq', op('if_else', F('reviewed'), L(1), L('x')), L(1)))))).toEqual([
      { path: 'stages[0].filter.args[0].args[2]', message: expect.stringMatching(/branches differ/) },
    ]);
  });

  it('elem outside a per-element scope, or naming what the element does not have', async () => {
    expect(await problems(view(match(op('gt', E('confidence'), L(0.5)))))).toEqual([
      { path: 'stages[0].filter.args[0]', message: expect.stringMatching(/only valid inside/) },
    ]);
    expect(
      await problems(view({ stage: 'filter_labels', field: 'ground_truth', filter: op('gt', E('nope'), L(1)) })),
    ).toEqual([
      { path: 'stages[0].filter.args[0]', message: 'elements of "ground_truth.detections" have no field "nope"' },
    ]);
    expect(await problems(view(match(op('any', F('keywords'), op('eq', E('label'), L('a'))))))).toEqual([
      { path: 'stages[0].filter.args[1].args[0]', message: 'the current element is a string; it has no field "label"' },
    ]);
  });

  it('a bad regex', async () => {
    expect(await problems(view(match(matches(F('scene'), '('))))).toEqual([
      { path: 'stages[0].filter.args[1].value', message: expect.stringMatching(/invalid regex: missing \)/) },
    ]);
    expect(await problems(view(match(matches(F('rank'), 'a'))))).toEqual([
      { path: 'stages[0].filter.args[0]', message: expect.stringMatching(/needs a string/) },
    ]);
  });

  it('a regex one engine would read differently is refused on both, before any SQL runs', async () => {
    for (const [pattern, message] of [
      ['(?<first>p)ark', /named groups/],
      ['\\bpark', /word boundaries/],
      ['[[:alpha:]]', /POSIX classes/],
      ['(?=p)park', /lookahead/],
      ['\\p{L}', /Unicode property classes/],
      ['(?i)park', /inline flags/],
      ['p{256}', /over 255/],
    ] as const) {
      expect(await problems(view(match(matches(F('scene'), pattern)))), pattern).toEqual([
        { path: 'stages[0].filter.args[1].value', message: expect.stringMatching(message) },
      ]);
    }
  });

  it('stage parameters the schema refuses', async () => {
    expect(await problems(view({ stage: 'filter_labels', field: 'scene', filter: L(true) }))).toEqual([
      { path: 'stages[0].field', message: expect.stringMatching(/needs a label field/) },
    ]);
    expect(await problems(view({ stage: 'sort_by', field: 'ground_truth.detections.confidence' }))).toEqual([
      { path: 'stages[0].field', message: expect.stringMatching(/one value per sample/) },
    ]);
    expect(await problems(view({ stage: 'sort_by', field: 'keywords' }))).toEqual([
      { path: 'stages[0].field', message: expect.stringMatching(/number, string or boolean/) },
    ]);
    expect(await problems(view({ stage: 'sort_by', expr: F('keywords') }))).toEqual([
      { path: 'stages[0].expr', message: expect.stringMatching(/got a list of strings/) },
    ]);
    expect(await problems(view({ stage: 'select_fields', fields: ['nope'] }))).toEqual([
      { path: 'stages[0].fields[0]', message: 'the view has no field "nope"' },
    ]);
    expect(await problems(view({ stage: 'select_fields', fields: ['ground_truth.detections'] }))).toEqual([
      { path: 'stages[0].fields[0]', message: expect.stringMatching(/top-level/) },
    ]);
    expect(await problems(view({ stage: 'exclude_fields', fields: ['filepath'] }))).toEqual([
      { path: 'stages[0].fields[0]', message: expect.stringMatching(/built-in/) },
    ]);
    expect(
      await problems(view({ stage: 'exclude_fields', fields: ['rank'] }, { stage: 'sort_by', field: 'rank' })),
    ).toEqual([{ path: 'stages[1].field', message: 'the dataset has no field "rank"' }]);
  });

  it('structure and limits', async () => {
    expect(await problems([])).toEqual([{ path: '', message: expect.stringMatching(/not a bare list/) }]);
    expect(await problems({ stages: [{ stage: 'teleport' }] })).toEqual([
      { path: 'stages[0]', message: expect.stringMatching(/unknown stage "teleport"/) },
    ]);
    expect(await problems(view({ stage: 'limit', n: -1 }))).toEqual([
      { path: 'stages[0].n', message: expect.any(String) },
    ]);
    const strict = new ViewQueries(ctx.database, {
      queryTimeoutMs: 10_000,
      limits: { maxStages: 2, maxInListLength: 3 },
    });
    expect(
      await problems(view({ stage: 'limit', n: 1 }, { stage: 'limit', n: 1 }, { stage: 'limit', n: 1 }), strict),
    ).toEqual([{ path: 'stages', message: 'view has 3 stages; the limit is 2' }]);
    expect(await problems(view(match(op('in', F('rank'), L([1, 2, 3, 4])))), strict)).toEqual([
      { path: 'stages[0].filter.args[1].value', message: expect.stringMatching(/limit is 3/) },
    ]);
  });

  it('every problem of the view at once, the first few in the message', async () => {
    const bad = view(
      match(op('gt', F('nope'), L(1))),
      { stage: 'sort_by', field: 'alsonope' },
      match(op('gt', F('scene'), L(2))),
    );
    expect((await problems(bad)).map((p) => p.path)).toEqual([
      'stages[0].filter.args[0]',
      'stages[1].field',
      'stages[2].filter',
    ]);
    await expectAppError(
      ctx.reader.count(ctx.fx.target, bad),
      'BAD_REQUEST',
      /stages\[0\]\.filter\.args\[0\]: the dataset has no field "nope"; stages\[1\]\.field/,
    );
  });
});
