// Migration 0013: bucket counters of the number index and a per-dataset sample count (docs/datasets.md "Number index").
import { sql, type Kysely } from 'kysely';
import { numberBucketSql } from '../number-buckets.js';

type AnyDb = Kysely<unknown>;
type Dialect = 'sqlite' | 'postgres';

const run = async (db: AnyDb, statement: string): Promise<void> => void (await sql.raw(statement).execute(db));

/**
 * - `number_bucket_counts`: rows of `sample_numbers` per (dataset, field, bucket), the bucket being
 *   db/number-buckets.ts's order-preserving bucket of the value; a whole-dataset histogram sums the buckets inside
 *   a bin and reads only the index rows of the buckets across a bin edge. Kept by triggers on `sample_numbers`.
 * - `dataset_sample_counts`: samples per dataset, kept by triggers on `samples` (the add path already updates the
 *   dataset's row in the same transaction, so this row adds no new contention between writers).
 * Rows whose count reaches 0 are deleted, as in migration 0007.
 */
async function createTables(db: AnyDb, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  await run(
    db,
    `create table number_bucket_counts (dataset_id text not null, field text not null, bucket ${pg ? 'float8' : 'real'} not null, n bigint not null, primary key (dataset_id, field, bucket))`,
  );
  await run(db, `create table dataset_sample_counts (dataset_id text primary key, n bigint not null)`);
}

async function upSqlite(db: AnyDb): Promise<void> {
  await createTables(db, 'sqlite');
  const bucket = (r: string): string => numberBucketSql('sqlite', `${r}.value`);
  const bucketKey = (r: string): string =>
    `dataset_id = ${r}.dataset_id and field = ${r}.field and bucket = ${bucket(r)}`;
  await run(
    db,
    `create trigger sample_numbers_count_insert after insert on sample_numbers begin
      insert into number_bucket_counts (dataset_id, field, bucket, n) values (new.dataset_id, new.field, ${bucket('new')}, 1)
        on conflict (dataset_id, field, bucket) do update set n = n + 1;
    end`,
  );
  await run(
    db,
    `create trigger sample_numbers_count_delete after delete on sample_numbers begin
      update number_bucket_counts set n = n - 1 where ${bucketKey('old')};
      delete from number_bucket_counts where ${bucketKey('old')} and n = 0;
    end`,
  );
  await run(
    db,
    `create trigger samples_count_insert after insert on samples begin
      insert into dataset_sample_counts (dataset_id, n) values (new.dataset_id, 1)
        on conflict (dataset_id) do update set n = n + 1;
    end`,
  );
  await run(
    db,
    `create trigger samples_count_delete after delete on samples begin
      update dataset_sample_counts set n = n - 1 where dataset_id = old.dataset_id;
      delete from dataset_sample_counts where dataset_id = old.dataset_id and n = 0;
    end`,
  );
  await backfill(db, 'sqlite');
}

/** PostgreSQL: a counter's upkeep from a transition table (as migration 0007's), as plpgsql statements. */
function pgCounter(table: string, keys: Record<string, string>) {
  const columns = Object.keys(keys);
  const select = Object.entries(keys)
    .map(([column, value]) => `${value} as ${column}`)
    .join(', ');
  const groups = columns.map((_, i) => i + 1).join(', ');
  const match = columns.map((c) => `c.${c} = d.${c}`).join(' and ');
  return {
    add: `insert into ${table} as c (${columns.join(', ')}, n)
        select ${select}, count(*) from new_rows group by ${groups}
        on conflict (${columns.join(', ')}) do update set n = c.n + excluded.n;`,
    subtract: `update ${table} as c set n = c.n - d.n
        from (select ${select}, count(*) as n from old_rows group by ${groups}) as d where ${match};
      delete from ${table} as c using (select distinct ${select} from old_rows) as d
        where ${match} and c.n = 0;`,
  };
}

/** PostgreSQL: statement triggers with transition tables, one grouped upsert per statement (a batch of samples). */
async function upPostgres(db: AnyDb): Promise<void> {
  await createTables(db, 'postgres');
  const buckets = pgCounter('number_bucket_counts', {
    dataset_id: 'dataset_id',
    field: 'field',
    bucket: numberBucketSql('postgres', 'value'),
  });
  const samples = pgCounter('dataset_sample_counts', { dataset_id: 'dataset_id' });
  const fn = (name: string, body: string) =>
    run(db, `create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`);
  await fn('teamset_number_counts_insert', buckets.add);
  await fn('teamset_number_counts_delete', buckets.subtract);
  await fn('teamset_sample_counts_insert', samples.add);
  await fn('teamset_sample_counts_delete', samples.subtract);
  const transitions: Record<string, string> = { insert: 'new table as new_rows', delete: 'old table as old_rows' };
  for (const [event, tables] of Object.entries(transitions)) {
    await run(
      db,
      `create trigger sample_numbers_count_${event} after ${event} on sample_numbers referencing ${tables}
        for each statement execute function teamset_number_counts_${event}()`,
    );
    await run(
      db,
      `create trigger samples_count_${event} after ${event} on samples referencing ${tables}
        for each statement execute function teamset_sample_counts_${event}()`,
    );
  }
  await backfill(db, 'postgres');
}

async function backfill(db: AnyDb, dialect: Dialect): Promise<void> {
  await run(
    db,
    `insert into number_bucket_counts (dataset_id, field, bucket, n)
      select dataset_id, field, ${numberBucketSql(dialect, 'value')}, count(*) from sample_numbers group by 1, 2, 3`,
  );
  await run(
    db,
    `insert into dataset_sample_counts (dataset_id, n) select dataset_id, count(*) from samples group by 1`,
  );
}

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await (dialect === 'postgres' ? upPostgres(db) : upSqlite(db));
}
