// The number counters' bucket of a double (migration 0013): one definition for the triggers' SQL and the readers' JS.
// Changing it changes what stored counters mean: only together with a migration that recounts them.
import type { Dialect } from './database.js';

/**
 * An order-preserving bucket with a few thousand buckets over any range of one order of magnitude or two, in plain
 * IEEE arithmetic (comparisons, multiplications by powers of two, floor: exact, and the same on both databases):
 * - 0 holds 0; 1 holds (0, 2^-64); LAST holds [2^64, ∞);
 * - tier t (0 ≤ t < 16) covers [2^(8t−64), 2^(8t−56)) in 4,080 buckets of width 2^(8t−68) (`floor(x × 2^(68−8t))`
 *   is in [16, 4096)): 16 in its lowest octave, 2,048 in its highest;
 * - a negative value takes the negated bucket of its magnitude.
 * 1M uniform values in [0, 1) fill about 4,000 buckets (width 1/4096 above 1/256); in [0, 100), about 5,600
 * (width 1/16 above 1: 1,584 buckets holding 99% of them).
 */
const TIERS = 16;
const TIER_BITS = 8;
const FRACTION_BITS = 4;
const LOWEST = -64;
const FIRST = 2 ** FRACTION_BITS;
const PER_TIER = 2 ** (FRACTION_BITS + TIER_BITS) - FIRST;
const TIERED = 2;
/** The bucket of magnitudes from 2^64 up. */
export const LAST_NUMBER_BUCKET = TIERED + TIERS * PER_TIER;
/** Relative widening of a bucket's bounds: far above the rounding of a stored literal (2^-52) or an integer's double. */
const MARGIN = 1e-12;

const bottom = (tier: number): number => LOWEST + TIER_BITS * tier;
const scale = (tier: number): number => FRACTION_BITS - bottom(tier);

/** A power of two as a literal the database reads as that double. */
function power(dialect: Dialect, exponent: number): string {
  const text = String(2 ** exponent);
  return dialect === 'postgres' ? `'${text}'::float8` : text.includes('e') || text.includes('.') ? text : `${text}.0`;
}

/** The bucket of the magnitude `x` (≥ 0) as SQL. */
function magnitudeSql(dialect: Dialect, x: string): string {
  const tiers = Array.from({ length: TIERS }, (_, t) => {
    const offset = TIERED + t * PER_TIER - FIRST;
    return `when ${x} < ${power(dialect, bottom(t) + TIER_BITS)} then ${offset} + floor(${x} * ${power(dialect, scale(t))})`;
  });
  return `(case when ${x} = 0 then 0 when ${x} < ${power(dialect, LOWEST)} then 1 ${tiers.join(' ')} else ${LAST_NUMBER_BUCKET} end)`;
}

/** The bucket of the SQL number `value` (a column or expression without side effects), as SQL. */
export function numberBucketSql(dialect: Dialect, value: string): string {
  return `(case when ${value} < 0 then -${magnitudeSql(dialect, `(-${value})`)} else ${magnitudeSql(dialect, value)} end)`;
}

function magnitudeBucket(x: number): number {
  if (x === 0) return 0;
  if (x < 2 ** LOWEST) return 1;
  for (let t = 0; t < TIERS; t++)
    if (x < 2 ** (bottom(t) + TIER_BITS)) return TIERED + t * PER_TIER - FIRST + Math.floor(x * 2 ** scale(t));
  return LAST_NUMBER_BUCKET;
}

/** numberBucketSql in JS (the tests compare the two). */
export function numberBucketOf(value: number): number {
  return value < 0 ? -magnitudeBucket(-value) : magnitudeBucket(value);
}

/** [a, z] around the magnitudes of a non-negative bucket, widened by the margin. */
function magnitudeBounds(bucket: number): [number, number] {
  if (bucket === 0) return [0, 0];
  if (bucket === 1) return [0, 2 ** LOWEST * (1 + MARGIN)];
  if (bucket >= LAST_NUMBER_BUCKET) return [2 ** bottom(TIERS) * (1 - MARGIN), Infinity];
  const tier = Math.floor((bucket - TIERED) / PER_TIER);
  const k = bucket - TIERED - tier * PER_TIER + FIRST;
  const width = 2 ** -scale(tier);
  return [k * width * (1 - MARGIN), (k + 1) * width * (1 + MARGIN)];
}

/**
 * Bounds [a, z] holding every value whose bucket is `bucket` (a value's bucket is unique, the bounds of neighbours
 * overlap by the margin). Undefined for a number that is no bucket of the scheme (a damaged counter).
 */
export function numberBucketBounds(bucket: number): [number, number] | undefined {
  if (!Number.isInteger(bucket) || Math.abs(bucket) > LAST_NUMBER_BUCKET) return undefined;
  if (bucket >= 0) return magnitudeBounds(bucket);
  const [a, z] = magnitudeBounds(-bucket);
  return [-z, -a];
}
