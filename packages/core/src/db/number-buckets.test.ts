// The number counters' bucket: the SQL of both databases equals the JS, buckets keep the order of values, and a
// bucket's bounds hold every value put in it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../test-support/test-databases.js';
import { openDatabase, type Database } from './database.js';
import { LAST_NUMBER_BUCKET, numberBucketBounds, numberBucketOf, numberBucketSql } from './number-buckets.js';

/** Values at and around every tier edge and octave, integers, the extremes and random reals of many magnitudes. */
function values(): number[] {
  const out = [0, -0, 1, -1, 0.5, 0.1, 0.3, 1e-300, 5e-324, 1e300, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 64];
  for (let e = -70; e <= 70; e++) {
    const p = 2 ** e;
    out.push(p, -p, p * (1 - 2 ** -52), p * (1 + 2 ** -52), p * 1.5, p * 1.0625, p * (1.0625 - 2 ** -52));
  }
  let seed = 12345;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 600; i++) {
    const magnitude = 10 ** Math.floor(random() * 40 - 20);
    out.push((random() - 0.3) * magnitude, Math.floor(random() * 1000) - 500, Math.floor(random() * 2 ** 60));
  }
  return out;
}

describe('number buckets (JS)', () => {
  it('keep the order of values and hold each value within their bounds', () => {
    const sorted = values().sort((a, b) => a - b);
    let previous = -Infinity;
    for (const v of sorted) {
      const bucket = numberBucketOf(v);
      expect(bucket, String(v)).toBeGreaterThanOrEqual(previous);
      previous = bucket;
      const [a, z] = numberBucketBounds(bucket) ?? [NaN, NaN];
      expect(a <= v && v <= z, `${v} in bucket ${bucket} [${a}, ${z}]`).toBe(true);
    }
    expect(numberBucketOf(Number.MAX_VALUE)).toBe(LAST_NUMBER_BUCKET);
    expect(numberBucketBounds(LAST_NUMBER_BUCKET + 1)).toBeUndefined();
    expect(numberBucketBounds(0.5)).toBeUndefined();
  });

  it('spread uniform values of [0, 1) and [0, 100) over a few thousand buckets', () => {
    const distinct = (scale: number): number =>
      new Set(Array.from({ length: 100_000 }, (_, i) => numberBucketOf((i / 100_000) * scale))).size;
    expect(distinct(1)).toBeGreaterThan(3_000);
    expect(distinct(1)).toBeLessThan(6_000);
    expect(distinct(100)).toBeGreaterThan(2_000);
    expect(distinct(100)).toBeLessThan(8_000);
  });
});

describe.each(await testDialects())('number buckets on %s', (dialect) => {
  let tdb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    database = openDatabase(tdb.uri);
  });
  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it('computes the same bucket in SQL as in JS, for reals and (SQLite) integers', async () => {
    const all = values();
    const sqlBuckets = async (type: string, of: number[]): Promise<number[]> => {
      const rows = of.map((v) => sql`select cast(${String(v)} as ${sql.raw(type)}) as v`);
      const out: number[] = [];
      for (let i = 0; i < rows.length; i += 200) {
        const part = sql.join(rows.slice(i, i + 200), sql.raw(' union all '));
        const result = await sql<{
          b: unknown;
        }>`select ${sql.raw(numberBucketSql(dialect, 'x.v'))} as b from (${part}) as x`.execute(database.db);
        out.push(...result.rows.map((row) => Number(row.b)));
      }
      return out;
    };
    const reals = await sqlBuckets(dialect === 'postgres' ? 'float8' : 'real', all);
    expect(reals).toEqual(all.map(numberBucketOf));
    if (dialect === 'sqlite') {
      const integers = all.filter((v) => Number.isSafeInteger(v));
      expect(await sqlBuckets('integer', integers)).toEqual(integers.map(numberBucketOf));
    }
  });
});
