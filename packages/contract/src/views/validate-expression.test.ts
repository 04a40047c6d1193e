// Expression validation: every operator's shape, arity, elem scoping, literals, the special literal args and the limits.
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { ExpressionSchema, type Expression } from './expression.js';
import { DEFAULT_VIEW_LIMITS, resolveViewLimits } from './limits.js';
import { OPERATOR_ARITY, OPERATOR_NAMES } from './operators.js';
import { validateExpression } from './validate-expression.js';

const f = (path: string): Expression => ({ op: 'field', path });
const lit = (value: unknown) => ({ op: 'lit', value }) as Expression;
const num = lit(1);

/** A valid example of each operator, so a new operator without a case here fails the coverage test. */
const OPERATOR_EXAMPLES: Record<(typeof OPERATOR_NAMES)[number], Expression> = {
  eq: { op: 'eq', args: [f('label'), lit('cat')] },
  ne: { op: 'ne', args: [f('a'), f('b')] },
  gt: { op: 'gt', args: [f('uniqueness'), lit(0.5)] },
  gte: { op: 'gte', args: [f('uniqueness'), num] },
  lt: { op: 'lt', args: [f('uniqueness'), num] },
  lte: { op: 'lte', args: [f('uniqueness'), num] },
  in: { op: 'in', args: [f('label'), lit(['cat', 'dog'])] },
  nin: { op: 'nin', args: [f('label'), lit([1, null, true])] },
  and: { op: 'and', args: [lit(true), lit(false), lit(true)] },
  or: { op: 'or', args: [lit(true)] },
  not: { op: 'not', args: [lit(true)] },
  exists: { op: 'exists', args: [f('ground_truth')] },
  add: { op: 'add', args: [f('a'), num] },
  sub: { op: 'sub', args: [f('a'), num] },
  mul: { op: 'mul', args: [f('a'), num] },
  div: { op: 'div', args: [f('a'), num] },
  mod: { op: 'mod', args: [f('a'), num] },
  abs: { op: 'abs', args: [f('a')] },
  round: { op: 'round', args: [f('a'), lit(-2)] },
  starts_with: { op: 'starts_with', args: [f('filepath'), lit('/data/')] },
  ends_with: { op: 'ends_with', args: [f('filepath'), lit('.jpg')] },
  contains: { op: 'contains', args: [f('tags'), lit('train')] },
  matches: { op: 'matches', args: [f('filepath'), { op: 'lit', value: '^/data/[a-z]+\\.jpg$' }], ignore_case: true },
  lower: { op: 'lower', args: [f('label')] },
  upper: { op: 'upper', args: [f('label')] },
  strlen: { op: 'strlen', args: [f('label')] },
  length: { op: 'length', args: [f('ground_truth.detections')] },
  filter: {
    op: 'filter',
    args: [f('ground_truth.detections'), { op: 'gt', args: [{ op: 'elem', path: 'confidence' }, lit(0.9)] }],
  },
  any: { op: 'any', args: [f('tags'), { op: 'eq', args: [{ op: 'elem' }, lit('x')] }] },
  all: { op: 'all', args: [f('scores'), { op: 'gte', args: [{ op: 'elem' }, lit(0)] }] },
  if_else: { op: 'if_else', args: [f('flag'), lit(1), lit(0)] },
};

describe('validateExpression: valid shapes', () => {
  it('has an example for every operator, and each is valid', () => {
    expect(Object.keys(OPERATOR_EXAMPLES).sort()).toEqual([...OPERATOR_NAMES].sort());
    for (const [op, expr] of Object.entries(OPERATOR_EXAMPLES)) expect(validateExpression(expr), op).toEqual([]);
  });

  it('accepts leaves: field, lit of every scalar kind and lists, elem in element scope', () => {
    expect(validateExpression(f('ground_truth.detections.label'))).toEqual([]);
    for (const value of ['s', 0, -1.5, true, null, [], ['a', 1, null, false]])
      expect(validateExpression(lit(value))).toEqual([]);
    expect(validateExpression({ op: 'elem', path: 'confidence' }, DEFAULT_VIEW_LIMITS, { elementScope: true })).toEqual(
      [],
    );
  });

  it('allows round without places', () => {
    expect(validateExpression({ op: 'round', args: [f('a')] })).toEqual([]);
  });
});

describe('validateExpression: errors name the bad part', () => {
  it('reports an unknown operator at the node', () => {
    const expr = { op: 'and', args: [lit(true), { op: 'foo', args: [] }] };
    expect(validateExpression(expr, DEFAULT_VIEW_LIMITS, { path: 'stages[2].filter' })).toEqual([
      { path: 'stages[2].filter.args[1]', message: 'unknown operator "foo"' },
    ]);
  });

  it('reports wrong arity for every fixed-arity operator', () => {
    for (const op of OPERATOR_NAMES) {
      const { min } = OPERATOR_ARITY[op];
      const problems = validateExpression({ op, args: Array.from({ length: min - 1 }, () => lit(1)) });
      expect(problems[0]?.path, op).toBe('args');
      expect(problems[0]?.message, op).toMatch(new RegExp(`operator "${op}" takes .* got ${min - 1}`));
    }
    expect(validateExpression({ op: 'not', args: [lit(1), lit(2)] })).toEqual([
      { path: 'args', message: 'operator "not" takes 1 argument, got 2' },
    ]);
    expect(validateExpression({ op: 'round', args: [lit(1), lit(2), lit(3)] })[0]?.message).toBe(
      'operator "round" takes 1 to 2 arguments, got 3',
    );
    expect(validateExpression({ op: 'and', args: [] })[0]?.message).toBe(
      'operator "and" takes at least 1 argument, got 0',
    );
  });

  it('reports missing or non-array args, missing op, non-objects and unknown keys', () => {
    expect(validateExpression({ op: 'gt' })).toEqual([
      { path: 'args', message: 'operator "gt" needs an "args" array' },
    ]);
    expect(validateExpression({ path: 'a' })).toEqual([{ path: '', message: 'missing "op"' }]);
    expect(validateExpression(0.5)[0]?.message).toMatch(/literals are \{"op": "lit"/);
    expect(validateExpression([f('a')])[0]?.path).toBe('');
    expect(validateExpression({ op: 'gt', args: [f('a'), 3] })[0]?.path).toBe('args[1]');
    expect(validateExpression({ op: 'field', path: 'a', extra: 1 })).toEqual([
      { path: 'extra', message: 'unknown key "extra" for operator "field"' },
    ]);
    expect(validateExpression({ op: 'gt', args: [f('a'), num], ignore_case: true })[0]?.path).toBe('ignore_case');
    expect(validateExpression({ ...OPERATOR_EXAMPLES.matches, ignore_case: 'yes' })).toEqual([
      { path: 'ignore_case', message: 'expected a boolean' },
    ]);
  });

  it('checks field paths', () => {
    for (const bad of ['', 'a..b', '$a', 'a.0', 'a b', 'a-b', 7, 'x'.repeat(257)]) {
      const problems = validateExpression({ op: 'field', path: bad });
      expect(problems[0]?.path, String(bad)).toBe('path');
    }
    expect(validateExpression({ op: 'field' })[0]?.path).toBe('path');
    expect(validateExpression({ op: 'elem', path: 'a..b' }, DEFAULT_VIEW_LIMITS, { elementScope: true })[0]?.path).toBe(
      'path',
    );
  });

  it('refuses elem outside a per-element predicate, and allows it inside filter/any/all args[1] only', () => {
    expect(validateExpression({ op: 'elem' })[0]?.message).toMatch(/only valid inside filter\/any\/all/);
    for (const op of ['filter', 'any', 'all'] as const) {
      expect(validateExpression({ op, args: [{ op: 'elem' }, lit(true)] })[0]?.path, op).toBe('args[0]');
      expect(validateExpression({ op, args: [f('list'), { op: 'elem' }] }), op).toEqual([]);
    }
  });

  it('checks literal values', () => {
    expect(validateExpression({ op: 'lit' })).toEqual([{ path: 'value', message: 'missing "value"' }]);
    expect(validateExpression(lit({ a: 1 }))[0]?.path).toBe('value');
    expect(validateExpression(lit([1, [2]]))).toEqual([
      { path: 'value[1]', message: 'nested lists are not allowed in literals' },
    ]);
    expect(validateExpression(lit([1, { a: 1 }]))[0]?.path).toBe('value[1]');
    expect(validateExpression(lit(Infinity))[0]?.message).toBe('numbers must be finite');
    const limits = resolveViewLimits({ maxStringLength: 5 });
    expect(validateExpression(lit('123456'), limits)[0]?.message).toBe('string literal is longer than 5 characters');
  });

  it('needs a list literal for in/nin, a string literal for matches and integer places for round', () => {
    expect(validateExpression({ op: 'in', args: [f('a'), lit('x')] })[0]?.path).toBe('args[1]');
    expect(validateExpression({ op: 'nin', args: [f('a'), f('b')] })[0]?.message).toMatch(/needs a list literal/);
    expect(validateExpression({ op: 'matches', args: [f('a'), f('b')] })[0]?.message).toBe(
      '"matches" needs a string literal regex here',
    );
    expect(validateExpression({ op: 'round', args: [f('a'), lit(1.5)] })[0]?.path).toBe('args[1]');
    expect(validateExpression({ op: 'round', args: [f('a'), lit(21)] })[0]?.path).toBe('args[1]');
    expect(validateExpression({ op: 'round', args: [f('a'), f('b')] })[0]?.path).toBe('args[1]');
  });

  it('guards regexes: syntax outside the shared subset, over-long patterns and syntax errors, at the literal value', () => {
    const matches = (pattern: string) => ({ op: 'matches', args: [f('a'), lit(pattern)] });
    expect(validateExpression(matches('(a)\\1'))[0]).toMatchObject({
      path: 'args[1].value',
      message: expect.stringMatching(/backreferences/),
    });
    expect(validateExpression(matches('(a+)+$'))).toEqual([]);
    expect(validateExpression(matches('a'.repeat(201)))[0]?.message).toBe('regex is 201 characters; the limit is 200');
    expect(validateExpression(matches('('))[0]?.message).toMatch(/invalid regex/);
  });
});

describe('ExpressionSchema (TypeBox) agrees with the validator on structure', () => {
  const check = Compile(ExpressionSchema);

  it('accepts every operator example', () => {
    for (const [op, expr] of Object.entries(OPERATOR_EXAMPLES)) expect(check.Check(expr), op).toBe(true);
    expect(check.Check({ op: 'elem' })).toBe(true);
  });

  it('rejects unknown operators, wrong arity, bad paths, unknown keys and nested list literals', () => {
    expect(check.Check({ op: 'foo', args: [] })).toBe(false);
    expect(check.Check({ op: 'not', args: [] })).toBe(false);
    expect(check.Check({ op: 'and', args: [{ op: 'not', args: [{ op: 'field', path: 'a..b' }] }] })).toBe(false);
    expect(check.Check({ op: 'field', path: 'a', extra: 1 })).toBe(false);
    expect(check.Check({ op: 'lit', value: [[1]] })).toBe(false);
    expect(check.Check({ op: 'gt', args: [{ op: 'field', path: 'a' }, 3] })).toBe(false);
  });
});

describe('validateExpression: limits', () => {
  const nest = (levels: number): Expression => {
    let expr: Expression = lit(true);
    for (let i = 1; i < levels; i++) expr = { op: 'not', args: [expr] };
    return expr;
  };

  it('allows exactly maxDepth levels and names the first node beyond it', () => {
    expect(validateExpression(nest(32))).toEqual([]);
    const problems = validateExpression(nest(33));
    expect(problems).toEqual([
      { path: `${'args[0].'.repeat(31)}args[0]`, message: 'expression is nested deeper than 32 levels' },
    ]);
  });

  it('counts nodes and reports the first node over the limit once', () => {
    const wide = (n: number): Expression => ({ op: 'and', args: Array.from({ length: n - 1 }, () => lit(true)) });
    expect(validateExpression(wide(2000))).toEqual([]);
    expect(validateExpression(wide(2001))).toEqual([
      { path: 'args[1999]', message: 'view has more than 2000 expression nodes' },
    ]);
    expect(validateExpression(wide(5000))).toHaveLength(1);
  });

  it('bounds list literals', () => {
    const list = (n: number) => ({ op: 'in', args: [f('a'), lit(Array.from({ length: n }, (_, i) => i))] });
    expect(validateExpression(list(10_000))).toEqual([]);
    expect(validateExpression(list(10_001))).toEqual([
      { path: 'args[1].value', message: 'list literal has 10001 items; the limit is 10000' },
    ]);
    expect(validateExpression(list(3), resolveViewLimits({ maxInListLength: 2 }))[0]?.path).toBe('args[1].value');
  });

  it('survives hostile nesting far beyond the limit without walking it', () => {
    expect(validateExpression(nest(100_000))).toHaveLength(1);
  });
});
