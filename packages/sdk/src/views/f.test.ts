// F(...) builder: the JSON of every operator, the field/element scoping rule, literal handling and immutability.
import { validateExpression, validateView, type Expression } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { F, and_, lit, not_, or_ } from './f.js';

const u: Expression = { op: 'field', path: 'uniqueness' };
const L = (value: unknown) => ({ op: 'lit', value });

describe('F: operator JSON shapes', () => {
  it('field references and literals', () => {
    expect(F('ground_truth.label').toJSON()).toEqual({ op: 'field', path: 'ground_truth.label' });
    expect(F('$uniqueness').toJSON()).toEqual(u);
    expect(lit([1, 'a', null]).toJSON()).toEqual(L([1, 'a', null]));
    expect(F.lit(true).toJSON()).toEqual(L(true));
  });

  it('comparisons, with literal or expression operands', () => {
    for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const) {
      expect(F('uniqueness')[op](0.5).toJSON(), op).toEqual({ op, args: [u, L(0.5)] });
    }
    expect(F('a').eq(F('b')).toJSON()).toEqual({
      op: 'eq',
      args: [
        { op: 'field', path: 'a' },
        { op: 'field', path: 'b' },
      ],
    });
    expect(F('a').eq(null).toJSON()).toEqual({ op: 'eq', args: [{ op: 'field', path: 'a' }, L(null)] });
  });

  it('membership, exists and logic', () => {
    const label = { op: 'field', path: 'label' };
    expect(F('label').isIn(['cat', 'dog']).toJSON()).toEqual({ op: 'in', args: [label, L(['cat', 'dog'])] });
    expect(F('label').notIn([1]).toJSON()).toEqual({ op: 'nin', args: [label, L([1])] });
    expect(F('label').exists().toJSON()).toEqual({ op: 'exists', args: [label] });
    expect(F('label').exists(false).toJSON()).toEqual({ op: 'not', args: [{ op: 'exists', args: [label] }] });
    const a = F('a').gt(1);
    const b = F('b').lt(2);
    const c = F('c').eq(3);
    expect(a.and(b).toJSON()).toEqual({ op: 'and', args: [a.toJSON(), b.toJSON()] });
    expect(a.or(b, c).toJSON()).toEqual({ op: 'or', args: [a.toJSON(), b.toJSON(), c.toJSON()] });
    expect(a.not().toJSON()).toEqual({ op: 'not', args: [a.toJSON()] });
    expect(not_(a).toJSON()).toEqual(a.not().toJSON());
    expect(and_(a, b, c).toJSON()).toEqual(F.and(a, b, c).toJSON());
    expect(or_(a).toJSON()).toEqual({ op: 'or', args: [a.toJSON()] });
  });

  it('flattens chained and/or so long chains stay shallow', () => {
    const chain = Array.from({ length: 40 }, (_, i) => F(`f${i}`).gt(i)).reduce((acc, e) => acc.and(e));
    const json = chain.toJSON() as { op: string; args: unknown[] };
    expect(json.op).toBe('and');
    expect(json.args).toHaveLength(40);
    expect(validateExpression(json)).toEqual([]);
    expect(and_(a(), or_(a(), a())).toJSON()).toMatchObject({ op: 'and', args: [{}, { op: 'or' }] });
    function a() {
      return F('x').eq(1);
    }
  });

  it('arithmetic', () => {
    for (const op of ['add', 'sub', 'mul', 'div', 'mod'] as const) {
      expect(F('uniqueness')[op](2).toJSON(), op).toEqual({ op, args: [u, L(2)] });
    }
    expect(F('uniqueness').abs().toJSON()).toEqual({ op: 'abs', args: [u] });
    expect(F('uniqueness').round().toJSON()).toEqual({ op: 'round', args: [u] });
    expect(F('uniqueness').round(2).toJSON()).toEqual({ op: 'round', args: [u, L(2)] });
    expect(() => F('uniqueness').round(1.5)).toThrow(TypeError);
  });

  it('strings', () => {
    const p = { op: 'field', path: 'filepath' };
    expect(F('filepath').startsWith('/data').toJSON()).toEqual({ op: 'starts_with', args: [p, L('/data')] });
    expect(F('filepath').endsWith('.jpg').toJSON()).toEqual({ op: 'ends_with', args: [p, L('.jpg')] });
    expect(F('filepath').contains('img').toJSON()).toEqual({ op: 'contains', args: [p, L('img')] });
    expect(F('filepath').matches('^/a').toJSON()).toEqual({ op: 'matches', args: [p, L('^/a')] });
    expect(F('filepath').matches('^/a', { ignoreCase: true }).toJSON()).toEqual({
      op: 'matches',
      args: [p, L('^/a')],
      ignore_case: true,
    });
    expect(F('filepath').matches(/^\/a/i).toJSON()).toEqual({
      op: 'matches',
      args: [p, L('^\\/a')],
      ignore_case: true,
    });
    expect(() => F('filepath').matches(/a/g)).toThrow(/only the "i" flag/);
    for (const op of ['lower', 'upper', 'strlen'] as const)
      expect(F('filepath')[op]().toJSON()).toEqual({ op, args: [p] });
  });

  it('arrays and if_else', () => {
    const d = { op: 'field', path: 'gt.detections' };
    const conf = F('confidence').gt(0.9);
    const elemConf = { op: 'gt', args: [{ op: 'elem', path: 'confidence' }, L(0.9)] };
    expect(F('gt.detections').length().toJSON()).toEqual({ op: 'length', args: [d] });
    expect(F('tags').contains('train').toJSON()).toEqual({
      op: 'contains',
      args: [{ op: 'field', path: 'tags' }, L('train')],
    });
    expect(F('gt.detections').filter(conf).toJSON()).toEqual({ op: 'filter', args: [d, elemConf] });
    expect(F('gt.detections').any(conf).toJSON()).toEqual({ op: 'any', args: [d, elemConf] });
    expect(F('gt.detections').all(conf).toJSON()).toEqual({ op: 'all', args: [d, elemConf] });
    expect(F('flag').ifElse(1, F('b')).toJSON()).toEqual({
      op: 'if_else',
      args: [{ op: 'field', path: 'flag' }, L(1), { op: 'field', path: 'b' }],
    });
  });
});

describe('F: scoping inside per-element predicates', () => {
  it('F() is the element, F("x") its field, F("$x") the sample field', () => {
    const expr = F('scores').filter(F().gt(F('$threshold')).and(F('weight').lt(1)));
    expect(expr.toJSON()).toEqual({
      op: 'filter',
      args: [
        { op: 'field', path: 'scores' },
        {
          op: 'and',
          args: [
            { op: 'gt', args: [{ op: 'elem' }, { op: 'field', path: 'threshold' }] },
            { op: 'lt', args: [{ op: 'elem', path: 'weight' }, L(1)] },
          ],
        },
      ],
    });
    expect(validateExpression(expr.toJSON())).toEqual([]);
  });

  it('nested predicates bind to the innermost list', () => {
    const expr = F('frames').any(F('detections').any(F('label').eq('cat')));
    expect(expr.toJSON()).toEqual({
      op: 'any',
      args: [
        { op: 'field', path: 'frames' },
        {
          op: 'any',
          args: [
            { op: 'elem', path: 'detections' },
            { op: 'eq', args: [{ op: 'elem', path: 'label' }, L('cat')] },
          ],
        },
      ],
    });
  });

  it('toElementJSON reads the whole expression in element scope (for filterLabels)', () => {
    expect(F('label').eq('cat').toElementJSON()).toEqual({ op: 'eq', args: [{ op: 'elem', path: 'label' }, L('cat')] });
  });

  it('F() at sample scope is an error, reported when the JSON is made', () => {
    const bare = F().gt(1);
    expect(() => bare.toJSON()).toThrow(/F\(\) with no path is the current list element/);
  });
});

describe('F: literals and immutability', () => {
  it('refuses values that are not literals', () => {
    expect(() => F('a').eq({} as never)).toThrow(TypeError);
    expect(() => F('a').eq(Number.NaN)).toThrow(TypeError);
    expect(() => F('a').isIn([undefined as never])).toThrow(TypeError);
    expect(() => F('a').isIn('abc' as never)).toThrow(/expected a list/);
    expect(() => F('a').filter(true as never)).toThrow(/predicate must be an expression/);
    expect(() => and_()).toThrow(/at least one/);
    expect(() => F(7 as never)).toThrow(TypeError);
  });

  it('copies lists when built, so later changes to the caller array do not leak', () => {
    const labels = ['cat'];
    const expr = F('label').isIn(labels);
    labels.push('dog');
    expect(expr.toJSON()).toEqual({ op: 'in', args: [{ op: 'field', path: 'label' }, L(['cat'])] });
  });

  it('never changes a builder: every method returns a new one, and each toJSON is a fresh object', () => {
    const base = F('uniqueness');
    const before = JSON.stringify(base.toJSON());
    const gt = base.gt(0.5);
    base.lt(0.1).and(base.exists());
    expect(JSON.stringify(base.toJSON())).toBe(before);
    expect(gt).not.toBe(base);
    expect(Object.isFrozen(base)).toBe(true);
    const list = lit([1, 2]);
    (list.toJSON() as { value: number[] }).value.push(3);
    expect(list.toJSON()).toEqual(L([1, 2]));
  });

  it('serializes through JSON.stringify and validates inside a view', () => {
    const expr = F('uniqueness').gt(0.5).and(F('tags').contains('train'));
    const view = JSON.parse(JSON.stringify({ stages: [{ stage: 'match', filter: expr }] }));
    expect(validateView(view).ok).toBe(true);
  });
});
