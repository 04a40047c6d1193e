// Numeric sample fields from the number index (`sample_numbers`, migrations 0011 and 0014): bounds and histogram values
// of a top-level `int` / `float` field or a metadata integer without reading any sample's JSON. Undefined means "scan instead".
import type { ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { CompiledView } from './compile-view.js';
import { isWholeDataset } from './counted-values.js';
import { datasetSampleCount } from './dataset-sample-count.js';
import { NUMBER_DEADLINE_CHECK, indexedNumberPath } from './number-index-conditions.js';
import type { SharedSamples } from './shared-samples.js';
import type { Sql } from './sql-dialect.js';

/** The field an aggregation path names when the index holds its values for this view, or undefined. */
export function numberField(view: CompiledView, resolved: ResolvedPath): string | undefined {
  if (!view.labelIndex || resolved.root === 'column') return undefined;
  return indexedNumberPath(view.checked.schema, resolved.path);
}

/** The index rows of `field` of the view's samples (all of the dataset's when the view keeps every sample). */
function numberWhere(view: CompiledView, field: string): Sql {
  const conditions: Sql[] = [sql`n.dataset_id = ${view.datasetId}`, sql`n.field = ${field}`];
  if (view.dialect.name === 'sqlite') conditions.push(NUMBER_DEADLINE_CHECK);
  if (!isWholeDataset(view)) {
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
 * The values of every number field of `shared.numberFields` over its samples, by field, in one read. A view holding
 * a small part of the dataset looks each sample up: one primary-key lookup reads all of a sample's fields side by side
 * (the key is `(sample_seq, field)`), driven by the seq list in order, so the cost follows the view's size. A view
 * holding much of it reads the fields' value-index ranges and keeps the rows of its samples (a hash or bloom-filtered
 * membership test), which costs less per row than a lookup.
 */
export async function sharedNumbers(view: CompiledView, shared: SharedSamples, db: Db): Promise<Map<string, number[]>> {
  const byField = new Map<string, number[]>(shared.numberFields.map((field) => [field, []]));
  if (shared.numberFields.length === 0 || shared.seqs.length === 0) return byField;
  const fields = sql.join(shared.numberFields.map((field) => sql`${field}`));
  const total = Number(((await datasetSampleCount(view.datasetId).execute(db)).rows[0] as { n: unknown }).n);
  const query =
    shared.seqs.length * LOOKUP_SHARE <= total ? lookups(view, shared, fields) : rangeScan(view, shared, fields);
  for (const row of (await query.execute(db)).rows as Record<string, unknown>[])
    byField.get(String(row['f']))?.push(Number(row['v']));
  return byField;
}

/**
 * Lookups per sample win while the view holds at most 1 / LOOKUP_SHARE of the dataset: at 1M on SQLite, 0.73-1.1 s
 * against 1.8-2.3 s for a view of 59k, about even at 250k (two fields, loaded VM).
 */
const LOOKUP_SHARE = 4;

function lookups(view: CompiledView, shared: SharedSamples, fields: Sql): Sql {
  // SQLite: CROSS JOIN keeps the list as the outer loop. PostgreSQL: OFFSET 0 keeps the lateral lookup from being
  // flattened into a hash join over the fields' whole index.
  return view.dialect.name === 'postgres'
    ? sql`select n.field as f, n.value as v from unnest(cast(${[...shared.seqs]} as bigint[])) as j(seq)
        cross join lateral (select x.field, x.value from sample_numbers as x
          where x.sample_seq = j.seq and x.field in (${fields}) offset 0) as n`
    : sql`select n.field as f, n.value as v from json_each(${JSON.stringify(shared.seqs)}) as j
        cross join sample_numbers as n on n.sample_seq = j.value
        where n.field in (${fields}) and ${NUMBER_DEADLINE_CHECK}`;
}

function rangeScan(view: CompiledView, shared: SharedSamples, fields: Sql): Sql {
  const guard = view.dialect.name === 'sqlite' ? sql` and ${NUMBER_DEADLINE_CHECK}` : sql``;
  return sql`select n.field as f, n.value as v from sample_numbers as n
    where n.dataset_id = ${view.datasetId} and n.field in (${fields}) and n.sample_seq in ${shared.list}${guard}`;
}
