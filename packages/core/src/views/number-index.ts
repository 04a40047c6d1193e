// Numeric sample fields from the number index (`sample_numbers`, migrations 0011 and 0014): bounds and histogram values
// of a top-level `int` / `float` field or a metadata integer without reading any sample's JSON. Undefined means "scan instead".
import type { ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { CompiledView } from './compile-view.js';
import { isWholeDataset } from './counted-values.js';
import { NUMBER_DEADLINE_CHECK, indexedNumberPath } from './number-index-conditions.js';
import type { Sql } from './sql-dialect.js';

/** The field an aggregation path names when the index holds its values for this view, or undefined. */
export function numberField(view: CompiledView, resolved: ResolvedPath): string | undefined {
  if (!view.labelIndex || resolved.root === 'column') return undefined;
  return indexedNumberPath(view.checked.schema, resolved.path);
}

/** The index rows of `field` of the view's samples (all of the dataset's when the view keeps every sample). */
function numberWhere(view: CompiledView, field: string, shared?: Sql): Sql {
  const conditions: Sql[] = [sql`n.dataset_id = ${view.datasetId}`, sql`n.field = ${field}`];
  if (view.dialect.name === 'sqlite') conditions.push(NUMBER_DEADLINE_CHECK);
  if (shared) conditions.push(sql`n.sample_seq in ${shared}`);
  else if (!isWholeDataset(view)) {
    const r = view.relation;
    conditions.push(sql`n.sample_seq in (select s.seq from ${r.source} ${r.whereClause()})`);
  }
  return sql`where ${sql.join(conditions, sql.raw(' and '))}`;
}

/**
 * The field's non-null values over the view as `t(v)`: a sample without a number has no index row, and every
 * aggregation served from it (bounds, histogram_values) skips nulls as the scan does.
 */
export function indexedNumbers(view: CompiledView, field: string): Sql {
  return sql`(select n.value as v from sample_numbers as n ${numberWhere(view, field)}) as t`;
}

/** [min, max] of the field over the whole dataset: the two ends of the value index. */
export async function numberBounds(
  view: CompiledView,
  field: string,
  db: Db,
): Promise<[number | null, number | null] | undefined> {
  if (!isWholeDataset(view)) return undefined;
  const end = async (direction: 'asc' | 'desc'): Promise<number | null> => {
    const query = sql`select n.value as v from sample_numbers as n where n.dataset_id = ${view.datasetId} and n.field = ${field} order by n.value ${sql.raw(direction)} limit 1`;
    const value = ((await query.execute(db)).rows as Record<string, unknown>[])[0]?.['v'];
    return value === undefined || value === null ? null : Number(value);
  };
  return [await end('asc'), await end('desc')];
}

/**
 * The field's values over the samples of `shared` (the request's list of the view's seqs), read once: a view's bounds
 * and histogram of the field are both computed from them in the process (one read of the index rows instead of two).
 */
export async function sharedNumbers(view: CompiledView, field: string, shared: Sql, db: Db): Promise<number[]> {
  const query = sql`select n.value as v from sample_numbers as n ${numberWhere(view, field, shared)}`;
  return ((await query.execute(db)).rows as Record<string, unknown>[]).map((row) => Number(row['v']));
}
