// numpy.histogram over numbers already in the process: the same range rule, bins and edges as the SQL histogram.
import { binOf } from './histogram-bins.js';

/** numpy's default range from the data's [min, max]: [min − 0.5, max + 0.5] when they are equal, [0, 1] without data. */
export function histogramRange(min: number | null, max: number | null): [number, number] {
  if (min === null || max === null) return [0, 1];
  if (min === max) return [min - 0.5, max + 0.5];
  return [min, max];
}

/** The `bins + 1` edges of equal-width bins over [lo, hi], the last one exactly hi. */
export function histogramEdges(lo: number, hi: number, bins: number): number[] {
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + (i * (hi - lo)) / bins));
}

/** [min, max] of the values, [null, null] without any. */
export function valuesBounds(values: readonly number[]): [number | null, number | null] {
  if (values.length === 0) return [null, null];
  let [min, max] = [Infinity, -Infinity];
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return [min, max];
}

/** Counts per bin (binOf: the SQL binSql's float steps) and the values outside [lo, hi] in `other`. */
export function valuesHistogram(
  values: readonly number[],
  bins: number,
  [lo, hi]: [number, number],
): { counts: number[]; edges: number[]; other: number } {
  const counts = new Array<number>(bins).fill(0);
  let other = 0;
  const range = { lo, hi, bins };
  for (const value of values) {
    const bin = binOf(value, range);
    if (bin < 0) other++;
    else counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { counts, edges: histogramEdges(lo, hi, bins), other };
}
