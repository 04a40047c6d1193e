// The seeded sample hash behind take/shuffle: one integer formula that SQLite and PostgreSQL evaluate identically.
import { sql } from 'kysely';
import type { Sql } from './sql-dialect.js';

/** The Mersenne prime 2^31 - 1: residues square to below 2^62, so no step overflows a signed 64-bit integer. */
const PRIME = 2147483647;

/** A 32-bit avalanche of a seed, computed in JS and inlined, so the SQL side only adds it. */
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The three seed-dependent round constants, each below PRIME. */
export function seedConstants(seed: number): [number, number, number] {
  return [mix32(seed) % PRIME, mix32((seed + 0x9e3779b9) >>> 0) % PRIME, mix32((seed + 0x3c6ef372) >>> 0) % PRIME];
}

/**
 * hash(seq, seed) = three rounds of x → (x² + c) mod p after x = (seq + c₀) mod p, with p = 2^31 − 1 and the c from
 * the seed. Squaring is the non-linear step: SQLite has no XOR operator, and additive/multiplicative rounds alone
 * leave consecutive seqs in near-sorted order. Every intermediate stays below 2^63 (no bigint overflow on PostgreSQL,
 * no silent switch to REAL on SQLite); each round names the previous one twice, so the expression holds 8 copies
 * of the input. Collisions are possible (x and p−x square alike) and harmless: ties are broken by seq.
 */
export function seededHashSql(seq: Sql, seed: number): Sql {
  const [c0, c1, c2] = seedConstants(seed);
  const p = sql.lit(PRIME);
  const round = (x: Sql, c: number): Sql => sql`((${x} * ${x} + ${sql.lit(c)}) % ${p})`;
  const x0 = sql`((${seq} + ${sql.lit(c0)}) % ${p})`;
  return round(round(round(x0, c1), c2), c0);
}

/** The same formula in JS (BigInt, since squares pass 2^53): the reference the tests hold both dialects to. */
export function seededHash(seq: number, seed: number): number {
  const [c0, c1, c2] = seedConstants(seed).map(BigInt) as [bigint, bigint, bigint];
  const p = BigInt(PRIME);
  const round = (x: bigint, c: bigint): bigint => (x * x + c) % p;
  return Number(round(round(round((BigInt(seq) + c0) % p, c1), c2), c0));
}
