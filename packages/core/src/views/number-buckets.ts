// Histograms of a number field over the whole dataset from its bucket counters (migration 0013) instead of reading
// every index row; equal to the histogram over the rows.
import { sql } from 'kysely';
import { numberBucketBounds, numberBucketSql } from '../db/number-buckets.js';
import type { Db } from '../db/schema.js';
import type { CompiledView } from './compile-view.js';
import { isWholeDataset } from './counted-values.js';
import { sumBuckets } from './bucket-sums.js';
import { binSql, type BinRange } from './histogram-bins.js';
import { NUMBER_DEADLINE_CHECK } from './number-index-conditions.js';

/** Past this many buckets (values spread over many orders of magnitude) summing them stops paying: scan instead. */
const MAX_BUCKETS = 100_000;

type Rows = Record<string, unknown>[];

/**
 * (bin, count) rows of the histogram of `field` over [lo, hi] (bin −1: outside), or undefined when the counters
 * cannot answer (a view that drops samples, too many buckets). Every value of a bucket lies within its bounds [a, z];
 * binOf is monotonic on [lo, hi), so when a and z fall in the same bin inside the range the bucket's count goes there
 * whole, and a bucket wholly outside goes to −1. The few buckets across an edge are counted row by row from the
 * value index with the SQL bin itself. `dataBounds`: the field's [min, max] over the dataset (the request's memo, so a
 * histogram asked with its `bounds` reads them once).
 */
export async function numberBucketHistogram(
  view: CompiledView,
  field: string,
  range: BinRange,
  db: Db,
  dataBounds: () => Promise<[number | null, number | null]>,
): Promise<Rows | undefined> {
  if (!isWholeDataset(view)) return undefined;
  const d = view.dialect;
  const buckets = (
    await sql`select c.bucket, c.n from number_bucket_counts as c where c.dataset_id = ${view.datasetId} and c.field = ${field} limit ${sql.lit(MAX_BUCKETS + 1)}`.execute(
      db,
    )
  ).rows as Rows;
  if (buckets.length > MAX_BUCKETS) return undefined;
  // Every value lies within the data's bounds too: a bucket holding the maximum (the histogram's inclusive top edge
  // when the range is the data's own, the usual case) or the minimum is then known to stay inside. Without this, a
  // field of repeated integers (metadata.width) read every row equal to its maximum (0.8 s at 1M).
  const [min, max] = await dataBounds();
  const within = (bucket: number): readonly [number, number] | undefined => {
    const bounds = numberBucketBounds(bucket);
    if (!bounds || min === null || max === null) return bounds;
    return [Math.max(bounds[0], min), Math.min(bounds[1], max)];
  };
  const sums = sumBuckets(buckets, within, range);
  if (!sums) return undefined;
  const { counts, straddling, add } = sums;
  if (straddling.length > 0) {
    // Plain index ranges, one per bucket, and the (long) bucket expression once outside them: in each part it cost
    // ~10 ms of planning per part on PostgreSQL, and one OR of the ranges made SQLite read every row of the field.
    const guard = d.name === 'sqlite' ? sql` and ${NUMBER_DEADLINE_CHECK}` : sql``;
    const parts = straddling.map(({ bucket, a, z }) => {
      const upper = Number.isFinite(z) ? sql` and n.value <= ${d.param(z, 'number')}` : sql``;
      const lower = Number.isFinite(a) ? sql` and n.value >= ${d.param(a, 'number')}` : sql``;
      return sql`select n.value as v, ${d.param(bucket, 'number')} as b from sample_numbers as n where n.dataset_id = ${view.datasetId} and n.field = ${field}${guard}${lower}${upper}`;
    });
    const rows = (
      await sql`select ${binSql(d, sql.ref('t.v'), range)} as bin, count(*) as n from (${sql.join(parts, sql.raw(' union all '))}) as t where ${sql.raw(numberBucketSql(d.name, 't.v'))} = t.b group by 1`.execute(
        db,
      )
    ).rows as Rows;
    for (const row of rows) add(Number(row['bin']), Number(row['n']));
  }
  return [...counts].map(([bin, n]) => ({ bin, n }));
}
