// Sample rows (`samples`): batch inserts, reads by id and in insertion order, whole-document rewrites and deletes, and the SQL on their document columns.
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { Database, Dialect } from '../db/database.js';
import { toIso } from '../db/database.js';
import type { DbTime, Db } from '../db/schema.js';
import type { SampleRow } from '../views/view-target.js';
import { chunks, maxParams, parseDoc } from './sample-documents.js';

/** A document column as the driver should return it: SQLite gives JSONB bytes, so ask for text with json(). */
function docColumn(dialect: Dialect, column: string): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`json(${sql.ref(column)})` : sql`${sql.ref(column)}`;
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
async function runRaw(
  db: Db,
  text: string,
  parameters: readonly unknown[],
): Promise<{ changed: number; rows: Record<string, unknown>[] }> {
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...parameters]));
  return { changed: Number(result.numAffectedRows ?? 0n), rows: result.rows };
}

/** A sample ready to insert, its documents already serialized to JSON text. */
export interface EncodedSample {
  id: string;
  filepath: string;
  tags: string;
  metadata: string | null;
  fields: string;
}

/** The mutable part of a stored sample, written back whole by `writeBack`. */
export interface SampleDocument {
  id: string;
  filepath: string;
  tags: string[];
  metadata: Record<string, unknown> | null;
  fields: Record<string, unknown>;
}

/** Ids per `id in (…)` statement and rows per rewrite statement. */
const ID_CHUNK = 1_000;
const REWRITE_CHUNK = 500;
/** Bytes of JSON per insert statement: keeps one statement's memory bounded whatever the batch size. */
const INSERT_MAX_BYTES = 16 * 1024 * 1024;
/**
 * Rows per SQLite insert statement: powers of two, so ten prepared statements serve every batch size. 512
 * rows bind 4096 values, far under SQLite's 32766.
 */
const SQLITE_ROW_COUNTS = [512, 256, 128, 64, 32, 16, 8, 4, 2, 1].filter((n) => n * 8 <= maxParams('sqlite'));
/** Rows per PostgreSQL insert (one jsonb parameter, so no bind limit): larger chunks measured no faster. */
const POSTGRES_MAX_ROWS = 2_000;

interface RawSampleRow {
  seq: number | string;
  id: string;
  filepath: string;
  tags: unknown;
  metadata: unknown;
  fields: unknown;
  created_at: DbTime;
  last_modified_at: DbTime;
}

export function toSampleRow(row: RawSampleRow): SampleRow {
  return {
    seq: Number(row.seq),
    id: row.id,
    filepath: row.filepath,
    tags: parseDoc<string[]>(row.tags),
    metadata: parseDoc<Record<string, unknown> | null>(row.metadata) ?? null,
    fields: parseDoc<Record<string, unknown>>(row.fields),
    created_at: toIso(row.created_at),
    last_modified_at: toIso(row.last_modified_at),
  };
}

/** `insert … values (…), (…)` text for SQLite, 8 bound values a row. */
function sqliteInsertText(rows: number): string {
  const tuple = '(?, ?, ?, jsonb(?), jsonb(?), jsonb(?), ?, ?)';
  return `insert into samples (id, dataset_id, filepath, tags, metadata, fields, created_at, last_modified_at) values ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/**
 * PostgreSQL takes a chunk as one jsonb array parameter and unpacks it in SQL: measured faster than a
 * multi-row VALUES of separately cast parameters. `with ordinality … order by` keeps `seq` in input order.
 */
const POSTGRES_INSERT = `insert into samples (id, dataset_id, filepath, tags, metadata, fields, created_at, last_modified_at)
  select e ->> 'id', $1, e ->> 'filepath', e -> 'tags', nullif(e -> 'metadata', 'null'::jsonb), e -> 'fields', $2, $2
  from jsonb_array_elements($3::jsonb) with ordinality as t(e, i) order by i`;

/** One row of the PostgreSQL payload, from the row's already serialized documents (no second serialization). */
function postgresElement(row: EncodedSample): string {
  return `{"id":${JSON.stringify(row.id)},"filepath":${JSON.stringify(row.filepath)},"tags":${row.tags},"metadata":${row.metadata ?? 'null'},"fields":${row.fields}}`;
}

export class SampleStore {
  /** Prepared SQLite inserts by row count (at most one per SQLITE_ROW_COUNTS entry). */
  private readonly sqliteInserts = new Map<number, BetterSqlite3.Statement>();

  constructor(private readonly database: Database) {}

  private get dialect(): Dialect {
    return this.database.dialect;
  }

  private columns() {
    const d = this.dialect;
    return [
      'seq',
      'id',
      'filepath',
      docColumn(d, 'tags').as('tags'),
      docColumn(d, 'metadata').as('metadata'),
      docColumn(d, 'fields').as('fields'),
      'created_at',
      'last_modified_at',
    ] as const;
  }

  /** Inserts in input order (so `seq` follows it), in chunks sized under the bind limits and a byte budget. */
  async insert(trx: Db, datasetId: string, rows: readonly EncodedSample[], at: string): Promise<void> {
    const sqlite = this.dialect === 'sqlite';
    let start = 0;
    while (start < rows.length) {
      let fit = 0;
      let bytes = 0;
      const most = sqlite ? (SQLITE_ROW_COUNTS[0] as number) : POSTGRES_MAX_ROWS;
      while (start + fit < rows.length && fit < most && (fit === 0 || bytes < INSERT_MAX_BYTES)) {
        const row = rows[start + fit] as EncodedSample;
        bytes += row.fields.length + row.tags.length + (row.metadata?.length ?? 0) + row.filepath.length;
        fit++;
      }
      if (sqlite) {
        const n = SQLITE_ROW_COUNTS.find((count) => count <= fit) ?? 1;
        const params: unknown[] = [];
        for (let i = start; i < start + n; i++) {
          const r = rows[i] as EncodedSample;
          params.push(r.id, datasetId, r.filepath, r.tags, r.metadata, r.fields, at, at);
        }
        await this.runSqliteInsert(trx, n, params);
        start += n;
      } else {
        await runRaw(trx, POSTGRES_INSERT, [
          datasetId,
          at,
          `[${rows
            .slice(start, start + fit)
            .map(postgresElement)
            .join(',')}]`,
        ]);
        start += fit;
      }
    }
  }

  /**
   * Runs a cached prepared insert on SQLite's handle. Kysely prepares every statement anew, and preparing a
   * 500-row insert took about a third as long as running it (profiled). The handle is the one connection `trx`
   * runs on (SQLite has a single one), so the rows are part of the caller's transaction.
   */
  private async runSqliteInsert(trx: Db, rows: number, params: unknown[]): Promise<void> {
    const handle = this.database.sqlite;
    if (!handle) {
      await runRaw(trx, sqliteInsertText(rows), params);
      return;
    }
    let statement = this.sqliteInserts.get(rows);
    if (!statement) {
      statement = handle.prepare(sqliteInsertText(rows));
      this.sqliteInserts.set(rows, statement);
    }
    statement.run(params);
  }

  /** Which of `ids` already belong to a sample of the dataset (ids are unique per dataset). */
  async existingIds(db: Db, datasetId: string, ids: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const part of chunks(ids, ID_CHUNK)) {
      const rows = await db
        .selectFrom('samples')
        .select('id')
        .where('dataset_id', '=', datasetId)
        .where('id', 'in', part)
        .execute();
      found.push(...rows.map((r) => r.id));
    }
    return found;
  }

  async findById(datasetId: string, id: string, db: Db = this.database.db): Promise<SampleRow | undefined> {
    const row = await db
      .selectFrom('samples')
      .select(this.columns())
      .where(sameDataset(this.dialect, datasetId))
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toSampleRow(row as RawSampleRow);
  }

  /**
   * The dataset's samples among `ids`, in no particular order. With `lock` (inside a write transaction) the
   * rows are locked on PostgreSQL, so a read-modify-write cannot lose a concurrent update; SQLite's write
   * transaction already holds the database.
   */
  async findByIds(db: Db, datasetId: string, ids: readonly string[], lock: boolean): Promise<SampleRow[]> {
    const out: SampleRow[] = [];
    for (const part of chunks(ids, ID_CHUNK)) {
      let q = db
        .selectFrom('samples')
        .select(this.columns())
        .where(sameDataset(this.dialect, datasetId))
        .where('id', 'in', part);
      if (lock && this.dialect === 'postgres') q = q.forUpdate();
      const rows = await q.execute();
      out.push(...rows.map((r) => toSampleRow(r as RawSampleRow)));
    }
    return out;
  }

  /** The next `limit` samples of the dataset after `afterSeq` in insertion order, optionally only those having top-level field `field`. */
  async scan(
    db: Db,
    datasetId: string,
    afterSeq: number,
    limit: number,
    options: { lock: boolean; field?: string },
  ): Promise<SampleRow[]> {
    let q = db
      .selectFrom('samples')
      .select(this.columns())
      .where('dataset_id', '=', datasetId)
      .where('seq', '>', afterSeq);
    if (options.field !== undefined) q = q.where(hasTopLevelField(this.dialect, options.field));
    if (options.lock && this.dialect === 'postgres') q = q.forUpdate();
    const rows = await q.orderBy('seq').limit(limit).execute();
    return rows.map((r) => toSampleRow(r as RawSampleRow));
  }

  /** Writes whole documents back (filepath, tags, metadata, fields) and stamps them modified, many rows per statement. */
  async writeBack(trx: Db, datasetId: string, docs: readonly SampleDocument[], at: string): Promise<void> {
    for (const part of chunks(docs, REWRITE_CHUNK)) {
      const payload = JSON.stringify(part);
      if (this.dialect === 'sqlite') {
        // The json_each payload sits in a `limit -1` subquery so SQLite cannot flatten it: flattened, the planner drives
        // the update from samples by dataset (a full scan per chunk, measured 43 s for 1,000 ids in 200k samples)
        // instead of from the payload through the (dataset_id, id) unique index (8 ms).
        await runRaw(
          trx,
          `update samples set filepath = v.value ->> 'filepath', tags = jsonb(v.value -> 'tags'),
             metadata = case when v.value ->> 'metadata' is null then null else jsonb(v.value -> 'metadata') end,
             fields = jsonb(v.value -> 'fields'), last_modified_at = ?
           from (select value from json_each(?) limit -1) as v where samples.id = v.value ->> 'id' and samples.dataset_id = ?`,
          [at, payload, datasetId],
        );
      } else {
        await runRaw(
          trx,
          `update samples as s set filepath = v.filepath, tags = v.tags, metadata = nullif(v.metadata, 'null'::jsonb), fields = v.fields, last_modified_at = $1
           from jsonb_to_recordset($2::jsonb) as v(id text, filepath text, tags jsonb, metadata jsonb, fields jsonb)
           where s.id = v.id and s.dataset_id = $3`,
          [at, payload, datasetId],
        );
      }
    }
  }

  /** Which of `ids` are samples of the dataset. */
  async idsIn(db: Db, datasetId: string, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(ids, ID_CHUNK)) {
      const rows = await db
        .selectFrom('samples')
        .select('id')
        .where(sameDataset(this.dialect, datasetId))
        .where('id', 'in', part)
        .execute();
      for (const row of rows) found.add(row.id);
    }
    return found;
  }

  async deleteByIds(trx: Db, datasetId: string, ids: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const part of chunks(ids, ID_CHUNK)) {
      const result = await trx
        .deleteFrom('samples')
        .where(sameDataset(this.dialect, datasetId))
        .where('id', 'in', part)
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  }

  async deleteAll(trx: Db, datasetId: string): Promise<number> {
    const result = await trx.deleteFrom('samples').where('dataset_id', '=', datasetId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
