// Confidence bounds and histograms of a list label field over the whole dataset, from the bucket counters and the
// confidence index (migration 0007) instead of reading every index row; equal to the aggregation over the rows.
import type { ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { CompiledView } from './compile-view.js';
import { isWholeDataset } from './counted-values.js';
import { sumBuckets } from './bucket-sums.js';
import { binSql, type BinRange } from './histogram-bins.js';
import { indexedAttribute } from './label-index.js';

/** Buckets per unit of confidence: migration 0007's floor(confidence × 1000). */
const PER_UNIT = 1000;
/** A label's bucket, written as migration 0007's index expression so both databases use that index. */
const BUCKET = sql`floor(l.confidence * ${sql.lit(PER_UNIT)})`;
/** Past this many buckets (confidences spread far beyond [0, 1]) summing them stops paying: scan instead. */
const MAX_BUCKETS = 100_000;
/** Beyond 2^50 a bucket number loses the precision the bucket bounds below rely on. */
const MAX_BUCKET = 2 ** 50;

type Rows = Record<string, unknown>[];

/** The list label field whose confidences the counters hold for this view and path, or undefined. */
export function bucketedField(view: CompiledView, resolved: ResolvedPath): string | undefined {
  const attribute = indexedAttribute(view.checked.schema, resolved);
  if (attribute?.column !== 'confidence' || attribute.single || !isWholeDataset(view)) return undefined;
  return attribute.field;
}

const fieldRows = (view: CompiledView, field: string) =>
  sql`l.dataset_id = ${view.datasetId} and l.field = ${field} and l.confidence is not null`;

/** [min, max] of the field's confidences: the first and last entry of the confidence index. */
export async function indexedBounds(
  view: CompiledView,
  field: string,
  db: Db,
): Promise<[number | null, number | null]> {
  const end = async (direction: 'asc' | 'desc'): Promise<number | null> => {
    // Ordered as the index is (the bucket first, monotonic in the confidence), so the ends are its first entries.
    const order = sql.raw(direction);
    const query = sql`select l.confidence as v from sample_labels as l where ${fieldRows(view, field)} order by ${BUCKET} ${order}, l.confidence ${order} limit 1`;
    const value = ((await query.execute(db)).rows as Rows)[0]?.['v'];
    return value === undefined || value === null ? null : Number(value);
  };
  return [await end('asc'), await end('desc')];
}

/** [a, z] holding every value v of bucket b = floor(v × 1000), with a margin far above the product's rounding error. */
function confidenceBucketBounds(bucket: number): [number, number] | undefined {
  if (Math.abs(bucket) > MAX_BUCKET) return undefined;
  const margin = (Math.abs(bucket) + 1) * 1e-12;
  return [(bucket - margin) / PER_UNIT, (bucket + 1 + margin) / PER_UNIT];
}

/**
 * (bin, count) rows of the histogram over [lo, hi] (bin −1: outside), or undefined when the buckets cannot answer.
 * A bucket b holds the values v with floor(v × 1000) = b, all within [a, z] below (a margin far above the product's
 * rounding error). binOf is monotonic on [lo, hi), so when a and z fall in the same bin inside the range, every value
 * of the bucket does, and its count goes there whole; a bucket wholly outside goes to −1. The few buckets across an
 * edge (at most two per edge) are counted row by row from the confidence index with the SQL bin itself.
 */
export async function bucketedHistogram(
  view: CompiledView,
  field: string,
  range: BinRange,
  db: Db,
): Promise<Rows | undefined> {
  const d = view.dialect;
  const buckets = (
    await sql`select c.bucket, c.n from label_confidence_counts as c where c.dataset_id = ${view.datasetId} and c.field = ${field} limit ${sql.lit(MAX_BUCKETS + 1)}`.execute(
      db,
    )
  ).rows as Rows;
  if (buckets.length > MAX_BUCKETS) return undefined;
  const sums = sumBuckets(buckets, confidenceBucketBounds, range);
  if (!sums) return undefined;
  const { counts, straddling, add } = sums;
  if (straddling.length > 0) {
    const parts = straddling.map(
      ({ bucket, a, z }) =>
        sql`select l.confidence as v from sample_labels as l where ${fieldRows(view, field)} and l.confidence >= ${d.param(a, 'number')} and l.confidence <= ${d.param(z, 'number')} and ${BUCKET} = ${d.param(bucket, 'number')}`,
    );
    const rows = (
      await sql`select ${binSql(d, sql.ref('t.v'), range)} as bin, count(*) as n from (${sql.join(parts, sql.raw(' union all '))}) as t group by 1`.execute(
        db,
      )
    ).rows as Rows;
    for (const row of rows) add(Number(row['bin']), Number(row['n']));
  }
  return [...counts].map(([bin, n]) => ({ bin, n }));
}
