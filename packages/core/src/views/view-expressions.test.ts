// Each expression operator, through match, on SQLite and PostgreSQL against answers read off the fixture table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/test-databases.js';
import { E, F, L, match, matches, op, openViewFixture, view, type ViewFixture } from '../test-support/view-fixtures.js';
import type { Expression } from '@teamset/contract';

describe.each(await testDialects())('view expressions on %s', (dialect) => {
  let ctx: ViewFixture;
  beforeAll(async () => {
    ctx = await openViewFixture(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  const where = (filter: Expression) => ctx.numbers(view(match(filter)));

  describe('comparisons and null', () => {
    it('eq / ne with values and with null (missing and null alike)', async () => {
      expect(await where(op('eq', F('scene'), L('park')))).toEqual([1, 3, 9]);
      expect(await where(op('ne', F('scene'), L('park')))).toEqual([2, 4, 5, 6, 7, 8, 10, 11, 12]);
      expect(await where(op('eq', F('scene'), L(null)))).toEqual([7]);
      expect(await where(op('ne', F('scene'), L(null)))).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
      expect(await where(op('eq', F('uniqueness'), L(null)))).toEqual([4, 11]);
      expect(await where(op('eq', L(null), F('predictions')))).toEqual([4, 8]);
      expect(await where(op('eq', F('reviewed'), L(false)))).toEqual([2, 5, 7, 10, 12]);
    });

    it('gt / gte / lt / lte are false for a null or missing operand, and not() of them true', async () => {
      expect(await where(op('gt', F('uniqueness'), L(0.5)))).toEqual([1, 3, 5, 10]);
      expect(await where(op('gte', F('uniqueness'), L(0.5)))).toEqual([1, 3, 5, 7, 9, 10]);
      expect(await where(op('lt', F('uniqueness'), L(0.3)))).toEqual([6, 8, 12]);
      expect(await where(op('lte', F('uniqueness'), L(0.28)))).toEqual([6, 8, 12]);
      expect(await where(op('not', op('gt', F('uniqueness'), L(0.5))))).toEqual([2, 4, 6, 7, 8, 9, 11, 12]);
      expect(await where(op('gt', F('rank'), L(5)))).toEqual([3, 6, 9, 10, 11]);
      expect(await where(op('gt', F('uniqueness'), L(null)))).toEqual([]);
    });

    it('strings compare by code point (uppercase before lowercase)', async () => {
      expect(await where(op('gt', F('scene'), L('park')))).toEqual([2, 5, 8, 10]);
      expect(await where(op('lt', F('scene'), L('b')))).toEqual([4]);
    });

    it('compare two fields', async () => {
      expect(await where(op('gt', F('rank'), op('mul', F('uniqueness'), L(10))))).toEqual([3, 6, 8, 9, 12]);
    });
  });

  describe('membership and logic', () => {
    it('in / nin, with null in the list', async () => {
      expect(await where(op('in', F('scene'), L(['park', 'beach'])))).toEqual([1, 3, 9, 12]);
      expect(await where(op('in', F('scene'), L(['park', null])))).toEqual([1, 3, 7, 9]);
      expect(await where(op('nin', F('scene'), L(['park', 'street'])))).toEqual([4, 6, 7, 11, 12]);
      expect(await where(op('in', F('rank'), L([1, 2])))).toEqual([2, 4, 12]);
      expect(await where(op('in', F('rank'), L([])))).toEqual([]);
      expect(await where(op('nin', F('rank'), L([])))).toHaveLength(12);
      const many = Array.from({ length: 200 }, (_, i) => `scene-${i}`);
      expect(await where(op('in', F('scene'), L([...many, 'indoor'])))).toEqual([6, 11]);
    });

    it('and / or / not, and a boolean field as a condition', async () => {
      expect(await where(op('and', op('gt', F('uniqueness'), L(0.3)), op('eq', F('reviewed'), L(true))))).toEqual([
        1, 3, 9,
      ]);
      expect(await where(op('or', op('eq', F('scene'), L('indoor')), op('lt', F('rank'), L(2))))).toEqual([2, 6, 11]);
      expect(await where(F('reviewed'))).toEqual([1, 3, 6, 9, 11]);
      expect(await where(op('not', F('reviewed')))).toEqual([2, 4, 5, 7, 8, 10, 12]);
      expect(await where(L(true))).toHaveLength(12);
      expect(await where(L(false))).toEqual([]);
    });

    it('exists', async () => {
      expect(await where(op('exists', F('uniqueness')))).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 12]);
      expect(await where(op('exists', F('predictions')))).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11, 12]);
      expect(await where(op('not', op('exists', F('metadata'))))).toEqual([4, 8]);
      expect(await where(op('exists', F('extra.score')))).toEqual([1, 2, 5]);
    });
  });

  describe('arithmetic', () => {
    it('add / sub / mul / div (real division) / abs', async () => {
      expect(await where(op('gt', op('mul', F('uniqueness'), L(10)), L(8)))).toEqual([1, 10]);
      expect(await where(op('eq', op('add', F('rank'), L(1)), L(3)))).toEqual([4, 12]);
      expect(await where(op('eq', op('sub', F('rank'), L(1)), L(0)))).toEqual([2]);
      expect(await where(op('eq', op('div', F('rank'), L(4)), L(0.5)))).toEqual([4, 12]);
      expect(await where(op('eq', op('abs', op('sub', F('rank'), L(5))), L(1)))).toEqual([8, 9]);
    });

    it('null in, null out; division by zero is null', async () => {
      expect(await where(op('eq', op('add', F('rank'), L(1)), L(null)))).toEqual([5]);
      expect(await where(op('gt', op('div', F('rank'), L(0)), L(0)))).toEqual([]);
      expect(await where(op('eq', op('div', F('rank'), L(0)), L(null)))).toHaveLength(12);
    });

    it('mod keeps the sign of the dividend, also for fractions', async () => {
      expect(await where(op('eq', op('mod', F('rank'), L(3)), L(1)))).toEqual([2, 3, 6, 8]);
      expect(await where(op('eq', op('mod', op('sub', L(0), F('rank')), L(3)), L(-1)))).toEqual([2, 3, 6, 8]);
      expect(await where(op('lt', op('mod', F('rank'), L(2.5)), L(1)))).toEqual([1, 6, 7, 10]);
    });

    it('round: half away from zero, to decimal places or tens', async () => {
      expect(await where(op('eq', op('round', F('uniqueness'), L(1)), L(0.5)))).toEqual([7, 9]);
      expect(await where(op('eq', op('round', F('uniqueness'), L(1)), L(0.2)))).toEqual([12]);
      expect(await where(op('eq', op('round', F('uniqueness')), L(1)))).toEqual([1, 3, 5, 7, 9, 10]);
      expect(await where(op('eq', op('round', op('mul', F('rank'), L(10)), L(-2)), L(100)))).toEqual([
        3, 6, 7, 9, 10, 11,
      ]);
      expect(await where(op('eq', op('round', op('sub', L(0), F('uniqueness')), L(0)), L(-1)))).toEqual([
        1, 3, 5, 7, 9, 10,
      ]);
    });
  });

  describe('strings', () => {
    it('starts_with / ends_with / contains (substring)', async () => {
      expect(await where(op('starts_with', F('filepath'), L('/other')))).toEqual([6]);
      expect(await where(op('ends_with', F('filepath'), L('.png')))).toEqual([3]);
      expect(await where(op('ends_with', F('scene'), L('a-very-long-suffix')))).toEqual([]);
      expect(await where(op('contains', F('scene'), L('ee')))).toEqual([2, 5, 8, 10]);
      expect(await where(op('contains', F('filepath'), L('01')))).toEqual([1, 10, 11, 12]);
      // % and _ are not wildcards.
      expect(await where(op('contains', F('filepath'), L('_')))).toEqual([]);
    });

    it('matches, with and without ignore_case', async () => {
      expect(await where(matches(F('scene'), '^b'))).toEqual([12]);
      expect(await where(matches(F('scene'), '^b', true))).toEqual([4, 12]);
      expect(await where(matches(F('filepath'), '0(0[1-3]|12)\\.'))).toEqual([1, 2, 3, 12]);
      expect(await where(op('not', matches(F('scene'), 'e')))).toEqual([1, 3, 6, 7, 9, 11]);
    });

    it('lower / upper / strlen', async () => {
      expect(await where(op('eq', op('lower', F('scene')), L('beach')))).toEqual([4, 12]);
      expect(await where(op('eq', op('upper', F('scene')), L('PARK')))).toEqual([1, 3, 9]);
      expect(await where(op('eq', op('strlen', F('scene')), L(6)))).toEqual([2, 5, 6, 8, 10, 11]);
    });
  });

  describe('arrays', () => {
    it('length of lists, tags and label lists', async () => {
      expect(await where(op('eq', op('length', F('keywords')), L(0)))).toEqual([3, 10]);
      expect(await where(op('gte', op('length', F('keywords')), L(2)))).toEqual([1, 4, 8]);
      expect(await where(op('eq', op('length', F('tags')), L(2)))).toEqual([2, 7]);
      expect(await where(op('eq', op('length', F('ground_truth.detections')), L(null)))).toEqual([5, 12]);
    });

    it('contains (membership) in lists, tags and through a label list', async () => {
      expect(await where(op('contains', F('tags'), L('hard')))).toEqual([2, 7]);
      expect(await where(op('contains', F('keywords'), L('dog')))).toEqual([1, 7]);
      expect(await where(op('contains', F('keywords'), L('Cat')))).toEqual([6]);
      expect(await where(op('contains', F('ground_truth.detections.label'), L('bird')))).toEqual([7, 9]);
      expect(await where(op('contains', L(['park', 'beach']), F('scene')))).toEqual([1, 3, 9, 12]);
    });

    it('filter / any / all with elem', async () => {
      const confident = op('filter', F('ground_truth.detections'), op('gt', E('confidence'), L(0.5)));
      expect(await where(op('gte', op('length', confident), L(2)))).toEqual([2, 6, 7, 10]);
      expect(await where(op('any', F('ground_truth.detections'), op('eq', E('label'), L('cat'))))).toEqual([1, 6, 7]);
      // all: vacuously true for an empty or missing list (4, 5, 12).
      expect(await where(op('all', F('ground_truth.detections'), op('gt', E('confidence'), L(0.5))))).toEqual([
        3, 4, 5, 9, 10, 12,
      ]);
      expect(await where(op('any', F('keywords'), op('starts_with', E(), L('s'))))).toEqual([4, 8, 12]);
      expect(await where(op('any', F('ground_truth.detections'), op('eq', E('iscrowd'), L(1))))).toEqual([2, 6]);
      expect(await where(op('any', F('ground_truth.detections'), op('eq', E('iscrowd'), L(null))))).toEqual([7]);
      expect(await where(op('any', F('ground_truth.detections.confidence'), op('gt', E(), L(0.9))))).toEqual([1, 6, 7]);
      expect(await where(op('any', F('ground_truth.detections'), op('in', E('label'), L(['bird']))))).toEqual([7, 9]);
    });

    it('nested predicates see the innermost element', async () => {
      const verified = op('any', F('ground_truth.detections'), op('any', E('tags'), op('eq', E(), L('verified'))));
      expect(await where(verified)).toEqual([3, 9]);
      const twoCars = op(
        'eq',
        op(
          'length',
          op(
            'filter',
            op('filter', F('ground_truth.detections'), op('eq', E('label'), L('car'))),
            op('lt', E('confidence'), L(0.5)),
          ),
        ),
        L(1),
      );
      expect(await where(twoCars)).toEqual([2, 8]);
    });
  });

  describe('if_else, untyped values and built-in columns', () => {
    it('if_else picks a branch per sample', async () => {
      expect(
        await where(op('gt', op('if_else', op('exists', F('uniqueness')), F('uniqueness'), L(1)), L(0.8))),
      ).toEqual([1, 4, 10, 11]);
      expect(await where(op('eq', op('if_else', op('gt', F('rank'), L(5)), L('high'), L('low')), L('high')))).toEqual([
        3, 6, 9, 10, 11,
      ]);
    });

    it('dict values are compared by the type of the other side; other types never match', async () => {
      expect(await where(op('eq', F('extra.source'), L('cam1')))).toEqual([1, 5]);
      expect(await where(op('gt', F('extra.score'), L(2)))).toEqual([1, 5]);
      expect(await where(op('eq', F('extra.score'), L('high')))).toEqual([2]);
    });

    it('metadata, label attributes and built-in columns', async () => {
      expect(await where(op('gt', F('metadata.width'), L(1000)))).toEqual([2, 6, 9, 12]);
      expect(await where(op('eq', F('metadata.width'), L(null)))).toEqual([4, 8]);
      expect(await where(op('gt', F('predictions.confidence'), L(0.8)))).toEqual([1, 5, 7, 11]);
      expect(await where(op('eq', F('id'), L(ctx.fx.id(5))))).toEqual([5]);
      expect(await where(op('in', F('filepath'), L(['/images/002.jpg', '/other/006.jpg'])))).toEqual([2, 6]);
      expect(await where(op('gt', F('created_at'), L('2024-01-01T00:00:10.000Z')))).toEqual([11, 12]);
    });
  });
});
