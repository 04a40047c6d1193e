// Number-index conditions the view compiler can use (table `sample_numbers`, migration 0011): which fields the index
// holds, and `match` comparisons of such a field with a literal as a semi-join on the index.
import type { Expression, FieldSchema } from '@teamset/contract';
import { sql } from 'kysely';
import type { Sql, SqlDialect } from './sql-dialect.js';
import { SQLITE_FUNCTIONS } from './sqlite-functions.js';

/**
 * SQLite's query deadline over index rows `n` for about one row in 1024. random(), not the seq: seqs are global, so
 * a dataset's samples may avoid every multiple of 1024.
 */
export const NUMBER_DEADLINE_CHECK = sql`((random() & 1023) <> 0 or ${sql.raw(SQLITE_FUNCTIONS.deadline)}(n.sample_seq))`;

/**
 * The image metadata's integers the index holds as fields `metadata.<key>` (migration 0014 lists the same; the
 * contract's METADATA_ATTRIBUTES of type int, checked by a test).
 */
export const INDEXED_METADATA_NUMBERS: readonly string[] = ['size_bytes', 'width', 'height', 'num_channels'];

/**
 * The index field of a path, when the index holds its values: a top-level custom field that is a plain number (not
 * a list, dict or label), or one of the metadata's integers (`metadata.width`). Undefined otherwise.
 */
export function indexedNumberPath(schema: FieldSchema, path: string): string | undefined {
  const [head, key, ...rest] = path.split('.');
  if (head === 'metadata') return rest.length === 0 && INDEXED_METADATA_NUMBERS.includes(key ?? '') ? path : undefined;
  if (key !== undefined) return undefined;
  const type = schema[path];
  return type === 'float' || type === 'int' ? path : undefined;
}

const COMPARISONS = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * A `match` conjunct comparing an indexed number field with a finite number (`F('uniqueness') > 0.5`) as a
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
  const field = indexedNumberPath(schema, a.path);
  if (field === undefined) return undefined;
  if (typeof b.value !== 'number' || !Number.isFinite(b.value)) return undefined;
  const op = COMPARISONS[expr.op as keyof typeof COMPARISONS];
  const guard = d.name === 'sqlite' ? sql` and ${NUMBER_DEADLINE_CHECK}` : sql``;
  const value = d.param(b.value, 'number');
  const condition = op === '=' ? sql`(n.value = ${value})` : d.compare(op, sql.ref('n.value'), value, 'number');
  const seqs = sql`(select n.sample_seq from sample_numbers as n where n.dataset_id = ${datasetId} and n.field = ${field}${guard} and ${condition})`;
  // SQLite: `+` keeps this list from driving the seq lookup. Two `seq in (list)` terms (this and a match_tags) both
  // became lookup keys, probing every pair of entries (a count at 200k samples ran for minutes); now the other list
  // drives, or the dataset's seq index range, and this one is probed (95 ms instead).
  return d.name === 'sqlite' ? sql`+s.seq in ${seqs}` : sql`s.seq in ${seqs}`;
}
