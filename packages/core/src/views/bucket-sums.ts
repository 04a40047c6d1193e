// Histogram bins from bucket counters: the part shared by the confidence buckets and the number buckets.
import { binOf, type BinRange } from './histogram-bins.js';

type Rows = Record<string, unknown>[];

/** A bucket whose values may fall in more than one bin: counted row by row by the caller. */
export interface StraddlingBucket {
  bucket: number;
  a: number;
  z: number;
}

/** Counts per bin (−1: outside the range) and the buckets left to count row by row. */
export interface BucketSums {
  counts: Map<number, number>;
  straddling: StraddlingBucket[];
  add(bin: number, n: number): void;
}

/**
 * Sorts counter rows `(bucket, n)` into bins. `boundsOf` gives [a, z] holding every value of a bucket (undefined:
 * the counters cannot answer). binOf is monotonic on [lo, hi), so when a and z fall in the same bin inside the range
 * the bucket's count goes there whole, and a bucket wholly outside goes to −1; the rest straddle an edge.
 */
export function sumBuckets(
  rows: Rows,
  boundsOf: (bucket: number) => readonly [number, number] | undefined,
  range: BinRange,
): BucketSums | undefined {
  const counts = new Map<number, number>();
  const add = (bin: number, n: number): void => void counts.set(bin, (counts.get(bin) ?? 0) + n);
  const straddling: StraddlingBucket[] = [];
  for (const row of rows) {
    const bucket = Number(row['bucket']);
    const bounds = boundsOf(bucket);
    if (bounds === undefined) return undefined;
    const [a, z] = bounds;
    const n = Number(row['n']);
    if (z < range.lo || a > range.hi) add(-1, n);
    else if (a >= range.lo && z < range.hi && binOf(a, range) === binOf(z, range)) add(binOf(a, range), n);
    else straddling.push({ bucket, a, z });
  }
  return { counts, straddling, add };
}
