// The seeded hash evaluates to the same integers in SQL on both dialects as in JS, without overflow at extreme seqs and seeds.
import { MAX_SEED } from '@teamset/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openViewTestDatabase, type ViewTestDatabase } from '../test-support/view-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { PostgresSql } from './postgres-sql.js';
import { seededHash, seededHashSql } from './seeded-hash.js';
import { SqliteSql } from './sqlite-sql.js';

const SEQS = [1, 2, 3, 1000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 7, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER];
const SEEDS = [0, 1, 2, 42, MAX_SEED];

describe('seededHash (the formula)', () => {
  it('stays below 2^31 and differs between seeds', () => {
    for (const seq of SEQS) for (const seed of SEEDS) expect(seededHash(seq, seed)).toBeLessThan(2 ** 31);
    const order = (seed: number) =>
      Array.from({ length: 50 }, (_, i) => i + 1).sort((a, b) => seededHash(a, seed) - seededHash(b, seed) || a - b);
    expect(order(1)).not.toEqual(order(2));
    // Not the identity, nor a rotation of it: consecutive seqs rarely stay neighbours.
    const shuffled = order(1);
    const neighbours = shuffled.filter((n, i) => i > 0 && Math.abs(n - (shuffled[i - 1] as number)) === 1).length;
    expect(neighbours).toBeLessThan(10);
  });
});

describe.each(await testDialects())('seededHashSql on %s', (dialect) => {
  let tdb: ViewTestDatabase;
  beforeAll(async () => {
    tdb = await openViewTestDatabase(dialect);
  });
  afterAll(async () => {
    await tdb?.close();
  });

  it('computes exactly the JS formula, also for seqs past 2^32 and the largest seed', async () => {
    const d = dialect === 'postgres' ? new PostgresSql() : new SqliteSql();
    for (const seed of SEEDS) {
      const columns = SEQS.map((seq, i) => sql`${seededHashSql(d.param(seq, 'int'), seed)} as ${sql.ref(`h${i}`)}`);
      const result = await sql<Record<string, unknown>>`select ${sql.join(columns)}`.execute(tdb.database.db);
      const row = result.rows[0] as Record<string, unknown>;
      expect(SEQS.map((_, i) => Number(row[`h${i}`]))).toEqual(SEQS.map((seq) => seededHash(seq, seed)));
    }
  });
});
