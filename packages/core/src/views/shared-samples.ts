// The view's sample seqs, read once per aggregate request and shared by its aggregations over "the view's samples".
import type { Aggregation } from '@teamset/contract';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { CompiledView } from './compile-view.js';
import { isWholeDataset } from './counted-values.js';
import { sampleSetView } from './label-index.js';
import { indexedNumberPath } from './number-index-conditions.js';
import type { Sql } from './sql-dialect.js';

/**
 * Views with at most this many samples share their seqs as one bound list; larger ones let each aggregation rebuild
 * its sample set in SQL as before. The list travels as one parameter (a JSON text on SQLite, a bigint[] on
 * PostgreSQL) of ~8 bytes per seq, and a number field's values come back into the process, so this bounds both
 * (~8 MB and ~16 MB per number field at the cap). At 1M samples a view of 833k shared its seqs in 21 s where each
 * aggregation rebuilding them took 54 s (SQLite, loaded VM; docs/benchmarks.md).
 */
export const SHARED_SEQS_MAX = 1_000_000;

/** The view's sample seqs (ascending) and the same set as SQL for `x in ${list}`. */
export interface SharedSamples {
  seqs: readonly number[];
  list: Sql;
  /** The indexed number fields of the request's bounds and histograms: read together, once (number-index.ts). */
  numberFields: readonly string[];
}

/** The seqs as a subquery for `in`: one bound parameter whatever their number. */
export function seqList(view: CompiledView, seqs: readonly number[]): Sql {
  return view.dialect.name === 'postgres'
    ? sql`(select unnest(cast(${[...seqs]} as bigint[])))`
    : sql`(select value from json_each(${JSON.stringify(seqs)}))`;
}

/** The index field a bounds or histogram aggregation reads, or undefined. */
function numberFieldOf(aggregation: Aggregation, view: CompiledView): string | undefined {
  if (aggregation.type !== 'bounds' && aggregation.type !== 'histogram_values') return undefined;
  return indexedNumberPath(view.checked.schema, aggregation.path);
}

/** True when the aggregation reads the view's sample set alone (its count, its tags, an indexed number field). */
function usesSampleSet(aggregation: Aggregation, view: CompiledView): boolean {
  if (aggregation.type === 'count' && aggregation.path === undefined) return true;
  if (aggregation.type === 'count_values' && aggregation.path === 'tags') return true;
  return numberFieldOf(aggregation, view) !== undefined;
}

/**
 * The view's sample seqs when two or more of the request's aggregations read them and the view drops samples
 * (a whole dataset reads counters and index ends instead); undefined otherwise, or when the view has more than
 * SHARED_SEQS_MAX samples. A patches view has no label index reads, so never shares (its rows are not samples).
 */
export async function sharedSamples(
  compiled: CompiledView,
  aggregations: readonly Aggregation[],
  db: Db,
): Promise<SharedSamples | undefined> {
  if (!compiled.labelIndex || isWholeDataset(compiled)) return undefined;
  if (aggregations.filter((aggregation) => usesSampleSet(aggregation, compiled)).length < 2) return undefined;
  const view = sampleSetView(compiled);
  const r = view.relation;
  const query = sql<{
    seq: unknown;
  }>`select s.seq from ${r.source} ${r.whereClause()} limit ${sql.lit(SHARED_SEQS_MAX + 1)}`;
  const rows = (await query.execute(db)).rows;
  if (rows.length > SHARED_SEQS_MAX) return undefined;
  // Ascending: the number index's lookups then walk its primary key in order.
  const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
  const fields = aggregations.map((aggregation) => numberFieldOf(aggregation, compiled));
  const numberFields = [...new Set(fields.filter((field) => field !== undefined))];
  return { seqs, list: seqList(compiled, seqs), numberFields };
}
