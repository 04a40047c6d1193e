// The per-dataset custom field schema (`dataset_fields`): read it, persist what a write adds, and the field operations' SQL.
import type { FieldSchema, FieldType } from '@teamset/contract';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest, type AppError } from '../errors/app-error.js';
import { chunks } from '../samples/sample-documents.js';
import { typeMismatch, type SchemaChange } from './schema-inference.js';

/** Rows of one `path in (…)` or insert statement: far under both dialects' bind limits. */
const CHUNK = 1_000;
/** Most entries (field paths, nested ones included) one dataset's schema may hold, unless configured otherwise. */
export const DEFAULT_MAX_SCHEMA_FIELDS = 1_000;

function tooManyFields(max: number, count: number): AppError {
  return badRequest(
    `A dataset may have at most ${max} schema fields (field paths, nested ones included); this write would give it at least ${count}`,
    {
      maxSchemaFields: max,
      fields: count,
    },
  );
}

/** `path` itself and every entry below it (`ground_truth` → `ground_truth.detections.iscrowd`); `_` in names is no LIKE wildcard here. */
function treeFilter(path: string): { exact: string; prefix: string; prefixLength: number } {
  return { exact: path, prefix: `${path}.`, prefixLength: path.length + 1 };
}

export class FieldStore {
  constructor(
    private readonly database: Database,
    private readonly maxFields: number = DEFAULT_MAX_SCHEMA_FIELDS,
  ) {}

  async load(datasetId: string, db: Db = this.database.db): Promise<Record<string, FieldType>> {
    const rows = await db
      .selectFrom('dataset_fields')
      .select(['path', 'type'])
      .where('dataset_id', '=', datasetId)
      .execute();
    // No prototype: a field named `constructor` must not find Object's.
    const schema = Object.create(null) as Record<string, FieldType>;
    for (const row of rows) schema[row.path] = row.type as FieldType;
    return schema;
  }

  /**
   * Persists one write's schema changes inside its transaction. New entries are inserted with ON CONFLICT DO
   * NOTHING and everything is read back: when a concurrent write claimed the same path with another type first,
   * this write fails with the type clash instead of both winning.
   */
  async apply(trx: Db, datasetId: string, changes: readonly SchemaChange[], at: string): Promise<void> {
    if (changes.length === 0) return;
    // Sorted, so two writes adding the same new paths lock them in one order (no deadlock on PostgreSQL).
    const added = changes.filter((c) => !c.widens).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const part of chunks(added, CHUNK)) {
      await trx
        .insertInto('dataset_fields')
        .values(part.map((c) => ({ dataset_id: datasetId, path: c.path, type: c.type, created_at: at })))
        .onConflict((oc) => oc.columns(['dataset_id', 'path']).doNothing())
        .execute();
    }
    if (added.length > 0) await this.checkCount(trx, datasetId);
    for (const change of changes.filter((c) => c.widens).sort((a, b) => (a.path < b.path ? -1 : 1))) {
      // Only an untyped list widens; a concurrent write that typed it already leaves the row alone.
      await trx
        .updateTable('dataset_fields')
        .set({ type: change.type })
        .where('dataset_id', '=', datasetId)
        .where('path', '=', change.path)
        .where('type', '=', 'list<any>')
        .execute();
    }
    const actual = new Map<string, string>();
    for (const part of chunks(changes, CHUNK)) {
      const rows = await trx
        .selectFrom('dataset_fields')
        .select(['path', 'type'])
        .where('dataset_id', '=', datasetId)
        .where(
          'path',
          'in',
          part.map((c) => c.path),
        )
        .execute();
      for (const row of rows) actual.set(row.path, row.type);
    }
    for (const change of changes) {
      const stored = actual.get(change.path);
      if (stored === undefined || stored === change.type) continue;
      // This write only had untyped lists for the path; a concurrent one typed it: both fit.
      if (change.type === 'list<any>' && stored.startsWith('list<')) continue;
      throw typeMismatch(change.path, stored as FieldType, change.type);
    }
  }

  /** Declares one entry; false when the path already exists. */
  async insert(trx: Db, datasetId: string, path: string, type: FieldType, at: string): Promise<boolean> {
    const result = await trx
      .insertInto('dataset_fields')
      .values({ dataset_id: datasetId, path, type, created_at: at })
      .onConflict((oc) => oc.columns(['dataset_id', 'path']).doNothing())
      .executeTakeFirst();
    const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    if (inserted) await this.checkCount(trx, datasetId);
    return inserted;
  }

  /**
   * Refuses a write that leaves the dataset's schema over the limit. Counted inside the write's transaction
   * after its entries went in, so the error rolls all of it back. On PostgreSQL two writes adding fields at
   * the same moment each count without the other's entries and may together pass the limit; any later
   * write that adds a field is then refused. A resource bound, so no lock is taken for that case.
   */
  private async checkCount(trx: Db, datasetId: string): Promise<void> {
    const row = await trx
      .selectFrom('dataset_fields')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('dataset_id', '=', datasetId)
      .executeTakeFirstOrThrow();
    const count = Number(row.count);
    if (count > this.maxFields) throw tooManyFields(this.maxFields, count);
  }

  /** Removes `path` and every entry below it. */
  async deleteTree(trx: Db, datasetId: string, path: string): Promise<void> {
    const { exact, prefix, prefixLength } = treeFilter(path);
    await trx
      .deleteFrom('dataset_fields')
      .where('dataset_id', '=', datasetId)
      .where((eb) =>
        eb.or([eb('path', '=', exact), eb(sql`substr(path, 1, cast(${prefixLength} as integer))`, '=', prefix)]),
      )
      .execute();
  }

  /** Renames `from` and every entry below it to sit under `to`. */
  async renameTree(trx: Db, datasetId: string, from: string, to: string): Promise<void> {
    const { exact, prefix, prefixLength } = treeFilter(from);
    await trx
      .updateTable('dataset_fields')
      .set({ path: sql<string>`cast(${to} as text) || substr(path, cast(${prefixLength} as integer))` })
      .where('dataset_id', '=', datasetId)
      .where((eb) =>
        eb.or([eb('path', '=', exact), eb(sql`substr(path, 1, cast(${prefixLength} as integer))`, '=', prefix)]),
      )
      .execute();
  }

  /** Copies a schema into another dataset (clone), optionally only some entries. */
  async copy(trx: Db, toDatasetId: string, schema: FieldSchema, at: string): Promise<void> {
    const entries = Object.entries(schema);
    for (const part of chunks(entries, CHUNK)) {
      await trx
        .insertInto('dataset_fields')
        .values(part.map(([path, type]) => ({ dataset_id: toDatasetId, path, type, created_at: at })))
        .execute();
    }
    if (entries.length > 0) await this.checkCount(trx, toDatasetId);
  }
}
