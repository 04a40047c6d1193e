// Migration 0011: the number index (docs/datasets.md "Number index") — one row per numeric top-level sample field.
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;
type Dialect = 'sqlite' | 'postgres';

const run = async (db: AnyDb, statement: string): Promise<void> => void (await sql.raw(statement).execute(db));

/**
 * `sample_numbers(sample_seq, field, dataset_id, value)`: the value of each top-level member of `fields` that is a JSON
 * number (`uniqueness`, `score`…; labels, dicts, lists, strings, booleans and nulls have no row), read as the view
 * compiler reads it (SQLite `->>`: the integer or real as stored, hence no column type; PostgreSQL `::float8`), so
 * bounds, histograms and range matches from the index equal a scan. Keyed by sample like `sample_labels` (the
 * triggers' deletes and a view's join are range reads of the key); `(dataset_id, field, value)` gives bounds from its
 * ends, a histogram from an index-only scan and a range match from an index range.
 */
async function createTable(db: AnyDb, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  await run(
    db,
    `create table sample_numbers (
      sample_seq ${pg ? 'bigint' : 'integer'} not null,
      field text not null,
      dataset_id text not null,
      value ${pg ? 'float8' : ''} not null,
      primary key (sample_seq, field)
    )${pg ? '' : ' without rowid'}`,
  );
  // SQLite's secondary index of a WITHOUT ROWID table carries the key (sample_seq) already; PostgreSQL's needs it
  // INCLUDEd for index-only range matches.
  await run(
    db,
    `create index sample_numbers_value_idx on sample_numbers (dataset_id, field, value)${pg ? ' include (sample_seq)' : ''}`,
  );
}

const INSERT_COLUMNS = 'insert into sample_numbers (sample_seq, field, dataset_id, value)';

/** SQLite: the index rows of sample row `r` (`new` in a trigger, `s` in the backfill). */
const sqliteNumberRows = (r: string, source = ''): string =>
  `select ${r}.seq, f.key, ${r}.dataset_id, f.value from ${source}json_each(${r}.fields) as f where f.type in ('integer', 'real')`;

async function upSqlite(db: AnyDb): Promise<void> {
  await createTable(db, 'sqlite');
  await run(
    db,
    `create trigger samples_number_index_insert after insert on samples begin ${INSERT_COLUMNS} ${sqliteNumberRows('new')}; end`,
  );
  // Only a changed document is re-indexed: tag and filepath rewrites leave `fields` byte-identical.
  await run(
    db,
    `create trigger samples_number_index_update after update of fields on samples when old.fields is not new.fields begin
      delete from sample_numbers where sample_seq = old.seq;
      ${INSERT_COLUMNS} ${sqliteNumberRows('new')};
    end`,
  );
  await run(
    db,
    `create trigger samples_number_index_delete after delete on samples begin
      delete from sample_numbers where sample_seq = old.seq;
    end`,
  );
  await run(db, `${INSERT_COLUMNS} ${sqliteNumberRows('s', 'samples as s, ')}`);
}

/** PostgreSQL: the index rows of the rows `r` of `from`. */
const pgNumberRows = (r: string, from: string): string =>
  `select ${r}.seq, f.key, ${r}.dataset_id, (f.value)::float8 from ${from}
    cross join lateral jsonb_each(${r}.fields) as f where jsonb_typeof(f.value) = 'number'`;

/** PostgreSQL: statement triggers with transition tables, so a batch of samples is indexed in one statement. */
async function upPostgres(db: AnyDb): Promise<void> {
  await createTable(db, 'postgres');
  const fn = (name: string, body: string) =>
    run(db, `create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`);
  await fn('teamset_number_index_insert', `${INSERT_COLUMNS} ${pgNumberRows('n', 'new_rows as n')};`);
  const changed = 'new_rows as n join old_rows as o on o.seq = n.seq and o.fields is distinct from n.fields';
  await fn(
    'teamset_number_index_update',
    `delete from sample_numbers as x using ${changed} where x.sample_seq = n.seq; ${INSERT_COLUMNS} ${pgNumberRows('n', changed)};`,
  );
  await fn(
    'teamset_number_index_delete',
    `delete from sample_numbers as x using old_rows as o where x.sample_seq = o.seq;`,
  );
  const transitions: Record<string, string> = {
    insert: 'new table as new_rows',
    update: 'old table as old_rows new table as new_rows',
    delete: 'old table as old_rows',
  };
  for (const [event, tables] of Object.entries(transitions)) {
    await run(
      db,
      `create trigger samples_number_index_${event} after ${event} on samples referencing ${tables}
        for each statement execute function teamset_number_index_${event}()`,
    );
  }
  await run(db, `${INSERT_COLUMNS} ${pgNumberRows('s', 'samples as s')}`);
  await run(db, `analyze sample_numbers`);
}

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await (dialect === 'postgres' ? upPostgres(db) : upSqlite(db));
}
