// Selecting and decoding sample rows: SQLite hands documents back as JSON text, PostgreSQL parsed; or each sample whole as JSON text made in SQL.
import { sql } from 'kysely';
import { toIso } from '../db/database.js';
import type { DbTime } from '../db/schema.js';
import { SAMPLE_COLUMN, SAMPLE_FIELDS_COLUMN, SAMPLE_HEAD_COLUMN } from './page-bytes.js';
import type { Sql, SqlDialect } from './sql-dialect.js';
import type { SampleRow } from './view-target.js';

/** The select list of a sample row, documents as the driver returns them (read back by decodeSampleRow). */
export function sampleColumns(d: SqlDialect): Sql[] {
  const doc = (column: 'tags' | 'metadata' | 'fields') => sql`${d.documentOut(column)} as ${sql.ref(column)}`;
  // Timestamps as ISO text from the database: pg would otherwise build a Date per value only for toIso to format it again.
  const time = (column: 'created_at' | 'last_modified_at') => sql`${d.isoTime(column)} as ${sql.ref(column)}`;
  return [
    sql`s.seq`,
    sql`s.id`,
    sql`s.filepath`,
    doc('tags'),
    doc('metadata'),
    doc('fields'),
    time('created_at'),
    time('last_modified_at'),
  ];
}

/**
 * The built-in fields of row `s` as the start of its wire sample's JSON text (toSample's shape and key order), up
 * to the custom fields and without the closing brace. The documents go in as their stored text.
 */
function sampleHead(d: SqlDialect): Sql {
  const string = (value: Sql) => (d.name === 'sqlite' ? sql`json_quote(${value})` : sql`to_json(${value})::text`);
  return sql`'{"id":' || ${string(sql.ref('s.id'))} || ',"filepath":' || ${string(sql.ref('s.filepath'))} || ',"tags":' || coalesce(${d.documentText('tags')}, '[]') || ',"metadata":' || coalesce(${d.documentText('metadata')}, 'null') || ',"created_at":' || ${string(d.isoTime('created_at'))} || ',"last_modified_at":' || ${string(d.isoTime('last_modified_at'))}`;
}

/**
 * The members of the custom fields, after a comma, and the closing brace. The emptiness test reads the stored value
 * without converting it: SQLite's empty JSONB object is 1 byte (any other object at least 3) and JSON text from its
 * functions is minified ('{}'); PostgreSQL compares jsonb.
 */
function sampleTail(d: SqlDialect): Sql {
  const empty = d.name === 'sqlite' ? sql`length(s.fields) <= 2` : sql`s.fields = '{}'::jsonb`;
  return sql`case when s.fields is null or ${empty} then '}' else ',' || substr(${d.documentText('fields')}, 2) end`;
}

/**
 * The select list of a page whose samples are JSON text made in the database (page-bytes.ts joins them): each
 * row's whole sample — a UTF-8 blob on SQLite, so it crosses into JS as bytes, not as a string — or, for a view
 * that narrows the custom fields (`narrowed`), the built-ins and the fields apart, for the hidden ones to be dropped.
 */
export function sampleJsonColumns(d: SqlDialect, narrowed: boolean): Sql[] {
  if (narrowed)
    return [
      sql`s.seq`,
      sql`${sampleHead(d)} as ${sql.ref(SAMPLE_HEAD_COLUMN)}`,
      sql`${d.documentText('fields')} as ${sql.ref(SAMPLE_FIELDS_COLUMN)}`,
    ];
  const whole = sql`${sampleHead(d)} || ${sampleTail(d)}`;
  return [sql`s.seq`, sql`${d.name === 'sqlite' ? sql`cast(${whole} as blob)` : whole} as ${sql.ref(SAMPLE_COLUMN)}`];
}

const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** SQLite already stores toIso()'s form; re-parsing it through Date cost ~12% of iterating a dataset. */
function isoTime(value: DbTime): string {
  return typeof value === 'string' && CANONICAL_ISO.test(value) ? value : toIso(value);
}

/** A decoded row; `visibleFields` (select_fields / exclude_fields) limits the custom fields it shows. */
export function decodeSampleRow(
  row: Record<string, unknown>,
  d: SqlDialect,
  visibleFields: ReadonlySet<string> | undefined,
): SampleRow {
  let fields = (d.readJson(row['fields']) ?? {}) as Record<string, unknown>;
  if (visibleFields) fields = Object.fromEntries(Object.entries(fields).filter(([name]) => visibleFields.has(name)));
  return {
    seq: d.integerFrom(row['seq']),
    id: row['id'] as string,
    filepath: row['filepath'] as string,
    tags: (d.readJson(row['tags']) ?? []) as string[],
    metadata: d.readJson(row['metadata']) as Record<string, unknown> | null,
    fields,
    created_at: isoTime(row['created_at'] as DbTime),
    last_modified_at: isoTime(row['last_modified_at'] as DbTime),
  };
}
