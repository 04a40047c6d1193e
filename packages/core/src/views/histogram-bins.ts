// numpy.histogram's bin of a value, once as SQL (over rows) and once in JS (over bucket bounds): the same float steps.
import { sql } from 'kysely';
import type { Sql, SqlDialect } from './sql-dialect.js';

/** `bins` equal widths over [lo, hi]; -1 outside, hi in the last bin. The caller clamps `bins` (float rounding) to `bins - 1`. */
export interface BinRange {
  lo: number;
  hi: number;
  bins: number;
}

/** The bin of `value` as SQL: `(v − lo) × bins / (hi − lo)` floored, in double precision on both databases. */
export function binSql(d: SqlDialect, value: Sql, { lo, hi, bins }: BinRange): Sql {
  const [low, high, count] = [d.param(lo, 'number'), d.param(hi, 'number'), d.param(bins, 'number')];
  return sql`(case when ${value} < ${low} or ${value} > ${high} then -1 when ${value} = ${high} then ${count} - 1 else floor((${value} - ${low}) * ${count} / (${high} - ${low})) end)`;
}

/** The bin binSql gives `value`, clamped; computed with the same IEEE double operations in the same order. */
export function binOf(value: number, { lo, hi, bins }: BinRange): number {
  if (value < lo || value > hi) return -1;
  if (value === hi) return bins - 1;
  return Math.min(Math.floor(((value - lo) * bins) / (hi - lo)), bins - 1);
}
