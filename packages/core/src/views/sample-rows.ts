// Selecting and decoding sample rows: SQLite hands documents back as JSON text, PostgreSQL parsed; both become SampleRow or JSON text.
import { sql } from 'kysely';
import { toIso } from '../db/database.js';
import type { DbTime } from '../db/schema.js';
import type { Sql, SqlDialect } from './sql-dialect.js';
import type { SampleRow } from './view-target.js';

/** The select list of a sample row: documents as the driver returns them, or as JSON text on both dialects (`asText`). */
export function sampleColumns(d: SqlDialect, asText = false): Sql[] {
  const doc = (column: 'tags' | 'metadata' | 'fields') =>
    sql`${asText ? d.documentText(column) : d.documentOut(column)} as ${sql.ref(column)}`;
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

/**
 * A row selected with `sampleColumns(d, true)` as the JSON text of its wire sample (toSample's shape and key order:
 * built-ins, then the custom fields), spliced from the stored documents' text without parsing them. Only a view
 * that narrows the fields (`visibleFields`) parses the row's `fields`, to drop the hidden ones.
 */
export function sampleRowJson(row: Record<string, unknown>, visibleFields: ReadonlySet<string> | undefined): string {
  let fields = (row['fields'] as string | null) ?? '{}';
  if (visibleFields) {
    const all = JSON.parse(fields) as Record<string, unknown>;
    fields = JSON.stringify(Object.fromEntries(Object.entries(all).filter(([name]) => visibleFields.has(name))));
  }
  // The members of the fields object, without its braces (JSON text may pad them with whitespace).
  const members = fields.slice(fields.indexOf('{') + 1, fields.lastIndexOf('}')).trim();
  return (
    `{"id":${JSON.stringify(row['id'])},"filepath":${JSON.stringify(row['filepath'])},` +
    `"tags":${(row['tags'] as string | null) ?? '[]'},"metadata":${(row['metadata'] as string | null) ?? 'null'},` +
    `"created_at":${JSON.stringify(isoTime(row['created_at'] as DbTime))},` +
    `"last_modified_at":${JSON.stringify(isoTime(row['last_modified_at'] as DbTime))}` +
    (members === '' ? '}' : `,${members}}`)
  );
}
