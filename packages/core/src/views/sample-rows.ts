// Selecting and decoding sample rows: SQLite hands documents back as JSON text, PostgreSQL parsed; both become SampleRow.
import { sql } from 'kysely';
import { toIso } from '../db/database.js';
import type { DbTime } from '../db/schema.js';
import type { Sql, SqlDialect } from './sql-dialect.js';
import type { SampleRow } from './view-target.js';

/** The select list of a sample row (documents as the driver returns them). */
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
