// Binary JSON columns of `samples` on both dialects: reading documents back, id lookups that stay on the id index, raw batch statements.
import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { Db } from '../db/schema.js';

/** Most bound parameters one statement may carry, with headroom (SQLite allows 32766, PostgreSQL 65535). */
export function maxParams(dialect: Dialect): number {
  return dialect === 'sqlite' ? 32_000 : 65_000;
}

/** A document column as the driver should return it: SQLite gives JSONB bytes, so ask for text with json(). */
export function docColumn(dialect: Dialect, column: string): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`json(${sql.ref(column)})` : sql`${sql.ref(column)}`;
}

/** A read document: pg has already parsed jsonb, SQLite returns JSON text. */
export function parseDoc<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * `dataset_id = ?` for lookups by sample id: with `id = ?` / `id in (…)` both columns of the unique
 * (dataset_id, id) index are pinned, so both planners pick it over (dataset_id, seq).
 */
export function sameDataset(_dialect: Dialect, datasetId: string): RawBuilder<boolean> {
  return sql<boolean>`dataset_id = ${datasetId}`;
}

/** True where the sample's custom document has the top-level key `name` (an identifier, so safe inside a JSON path). */
export function hasTopLevelField(dialect: Dialect, name: string): RawBuilder<boolean> {
  return dialect === 'sqlite'
    ? sql<boolean>`json_type(fields, ${`$.${name}`}) is not null`
    : sql<boolean>`fields ? ${name}`;
}

/** Runs a statement built as text (batch inserts and updates, whose shape Kysely's builder would rebuild per row). */
export async function runRaw(
  db: Db,
  text: string,
  parameters: readonly unknown[],
): Promise<{ changed: number; rows: Record<string, unknown>[] }> {
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...parameters]));
  return { changed: Number(result.numAffectedRows ?? 0n), rows: result.rows };
}

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
