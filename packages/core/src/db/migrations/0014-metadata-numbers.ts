// Migration 0014: the number index (0011) also holds the image metadata's numbers, as fields `metadata.<attribute>`.
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;
type Dialect = 'sqlite' | 'postgres';

const run = async (db: AnyDb, statement: string): Promise<void> => void (await sql.raw(statement).execute(db));

/**
 * FiftyOne's ImageMetadata integers (METADATA_ATTRIBUTES; validated as non-negative integers on every write, so the
 * index equals a scan). Frozen here as of this migration: views/number-index-conditions.ts lists the same, and a
 * later attribute needs a migration of its own. Other metadata keys are `any` and are read from the documents. The
 * index field name `metadata.<key>` cannot clash with a custom field's, which holds no dot.
 */
const ATTRIBUTES = "('size_bytes', 'width', 'height', 'num_channels')";
const INSERT_COLUMNS = 'insert into sample_numbers (sample_seq, field, dataset_id, value)';

/** SQLite: the index rows of sample row `r`: its custom number fields (as 0011) and its metadata numbers. */
function sqliteNumberRows(r: string, source = ''): string {
  return `select ${r}.seq, f.key, ${r}.dataset_id, f.value from ${source}json_each(${r}.fields) as f where f.type in ('integer', 'real')`;
}
function sqliteMetadataRows(r: string, source = ''): string {
  return `select ${r}.seq, 'metadata.' || m.key, ${r}.dataset_id, m.value from ${source}json_each(${r}.metadata) as m
    where m.key in ${ATTRIBUTES} and m.type in ('integer', 'real')`;
}

/** SQLite: 0011's insert and update triggers again, each writing the metadata's rows too. */
async function upSqlite(db: AnyDb): Promise<void> {
  await run(db, 'drop trigger samples_number_index_insert');
  await run(db, 'drop trigger samples_number_index_update');
  await run(
    db,
    `create trigger samples_number_index_insert after insert on samples begin
      ${INSERT_COLUMNS} ${sqliteNumberRows('new')};
      ${INSERT_COLUMNS} ${sqliteMetadataRows('new')};
    end`,
  );
  // Tag and filepath rewrites leave both documents byte-identical and re-index nothing.
  await run(
    db,
    `create trigger samples_number_index_update after update of fields, metadata on samples
      when old.fields is not new.fields or old.metadata is not new.metadata begin
      delete from sample_numbers where sample_seq = old.seq;
      ${INSERT_COLUMNS} ${sqliteNumberRows('new')};
      ${INSERT_COLUMNS} ${sqliteMetadataRows('new')};
    end`,
  );
  await run(db, `${INSERT_COLUMNS} ${sqliteMetadataRows('s', 'samples as s, ')}`);
}

/** PostgreSQL: the index rows of the rows `r` of `from`, custom fields (as 0011) and metadata. */
function pgNumberRows(r: string, from: string): string {
  return `select ${r}.seq, f.key, ${r}.dataset_id, (f.value)::float8 from ${from}
    cross join lateral jsonb_each(${r}.fields) as f where jsonb_typeof(f.value) = 'number'`;
}
function pgMetadataRows(r: string, from: string): string {
  return `select ${r}.seq, 'metadata.' || m.key, ${r}.dataset_id, (m.value)::float8 from ${from}
    cross join lateral jsonb_each(${r}.metadata) as m where m.key in ${ATTRIBUTES} and jsonb_typeof(m.value) = 'number'`;
}

/** PostgreSQL: 0011's trigger functions replaced (the statement triggers call them by name). */
async function upPostgres(db: AnyDb): Promise<void> {
  const fn = (name: string, body: string) =>
    run(
      db,
      `create or replace function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`,
    );
  const rows = (from: string) =>
    `${INSERT_COLUMNS} ${pgNumberRows('n', from)}; ${INSERT_COLUMNS} ${pgMetadataRows('n', from)};`;
  await fn('teamset_number_index_insert', rows('new_rows as n'));
  const changed =
    'new_rows as n join old_rows as o on o.seq = n.seq and (o.fields is distinct from n.fields or o.metadata is distinct from n.metadata)';
  await fn(
    'teamset_number_index_update',
    `delete from sample_numbers as x using ${changed} where x.sample_seq = n.seq; ${rows(changed)}`,
  );
  await run(db, `${INSERT_COLUMNS} ${pgMetadataRows('s', 'samples as s')}`);
  await run(db, `analyze sample_numbers`);
}

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await (dialect === 'postgres' ? upPostgres(db) : upSqlite(db));
}
