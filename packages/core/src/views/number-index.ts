// Numeric sample fields from the number index (`sample_numbers`, migration 0011): bounds, histogram values and range
// matches of a top-level `int` / `float` field without reading any sample's JSON. Undefined means "scan instead".
import type { Expression, FieldSchema, ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { CompiledView } from './compile-view.js';
import { isWholeDataset } from './counted-values.js';
import type { Sql, SqlDialect } from './sql-dialect.js';
import { SQLITE_FUNCTIONS } from './sqlite-functions.js';

/**
 * SQLite's query deadline over index rows `n` for about one row in 1024. random(), not the seq: seqs are global, so
 * a dataset's samples may avoid every multiple of 1024.
 */
const NUMBER_DEADLINE_CHECK = sql`((random() & 1023) <> 0 or ${sql.raw(SQLITE_FUNCTIONS.deadline)}(n.sample_seq))`;

/** The index holds a top-level field's value when the field is a plain number (not a list, dict or label). */
function isNumberField(schema: FieldSchema, field: string): boolean {
  const type = schema[field];
  return type === 'float' || type === 'int';
}

/** The field an aggregation path names when the index holds its values for this view, or undefined. */
export function numberField(view: CompiledView, resolved: ResolvedPath): string | undefined {
  if (!view.labelIndex || resolved.root !== 'fields' || resolved.path.includes('.')) return undefined;
  return isNumberField(view.checked.schema, resolved.path) ? resolved.path : undefined;
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

const COMPARISONS = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * A `match` conjunct comparing a top-level number field with a finite number (`F('uniqueness') > 0.5`) as a
 * semi-join on the field's index range. Exact: a sample whose field is missing or null has no index row, and the
 * comparison is then NULL (false) in the scan too. Undefined for anything else.
 */
export function indexedNumberMatch(
  d: SqlDialect,
  schema: FieldSchema,
  expr: Expression,
  datasetId: string,
): Sql | undefined {
  if (!(expr.op in COMPARISONS) || !('args' in expr)) return undefined;
  const [a, b] = expr.args as [Expression, Expression];
  if (a?.op !== 'field' || b?.op !== 'lit') return undefined;
  if (a.path.includes('.') || !isNumberField(schema, a.path)) return undefined;
  if (typeof b.value !== 'number' || !Number.isFinite(b.value)) return undefined;
  const op = COMPARISONS[expr.op as keyof typeof COMPARISONS];
  const guard = d.name === 'sqlite' ? sql` and ${NUMBER_DEADLINE_CHECK}` : sql``;
  const value = d.param(b.value, 'number');
  const condition = op === '=' ? sql`(n.value = ${value})` : d.compare(op, sql.ref('n.value'), value, 'number');
  return sql`s.seq in (select n.sample_seq from sample_numbers as n where n.dataset_id = ${datasetId} and n.field = ${a.path}${guard} and ${condition})`;
}
