// SQLite: the add path indexes its batch set-based (migration 0011's deferral) instead of through per-row triggers.
import { sql } from 'kysely';
import { INSERT_COLUMNS as LABEL_COLUMNS, sqliteLabelRows } from './migrations/0006-label-index.js';
import { BUCKET, TAG_COLUMNS, sqliteTagRows } from './migrations/0007-label-counters.js';
import { INSERT_COLUMNS as NUMBER_COLUMNS, sqliteNumberRows } from './migrations/0011-number-index.js';
import type { Db } from './schema.js';

const run = async (db: Db, statement: string): Promise<void> => void (await sql.raw(statement).execute(db));

/**
 * Runs `insert` (which adds sample rows, nothing else) inside the caller's transaction with the index tables' insert
 * triggers deferred, then writes what they would have written, one statement per table over the new rows: the
 * label, tag and number index rows from the same row expressions the triggers use, and the counters grouped. The
 * new rows are those past the largest seq before the insert (SQLite gives a rowid table max + 1, and one writer
 * holds the database), so the result equals the triggers' row by row. Measured in docs/benchmarks.md (bench:add-path).
 */
export async function withBatchIndexUpkeep(trx: Db, insert: () => Promise<void>): Promise<void> {
  const found = await sql<{ m: number | null }>`select max(seq) as m from samples`.execute(trx);
  const before = Math.trunc(Number(found.rows[0]?.m ?? 0));
  await run(trx, `insert into sample_index_deferral (token) values (1)`);
  await insert();
  const added = `(select seq, dataset_id, fields, tags from samples where seq > ${before}) as s, `;
  await run(trx, `${LABEL_COLUMNS} ${sqliteLabelRows('s', added)}`);
  await run(trx, `${TAG_COLUMNS} ${sqliteTagRows('s', added)}`);
  await run(trx, `${NUMBER_COLUMNS} ${sqliteNumberRows('s', added)}`);
  // label_counts: the NULL label's row is found with IS (its unique index treats NULLs as distinct), hence an
  // update of the present rows, then an insert of the missing ones, rather than an upsert.
  const classes = `(select dataset_id, field, label, count(*) as n from sample_labels where sample_seq > ${before} group by 1, 2, 3) as d`;
  const same = 'c.dataset_id = d.dataset_id and c.field = d.field and c.label is d.label';
  await run(trx, `update label_counts as c set n = c.n + d.n from ${classes} where ${same}`);
  await run(
    trx,
    `insert into label_counts (dataset_id, field, label, n) select d.dataset_id, d.field, d.label, d.n from ${classes}
      where not exists (select 1 from label_counts as c where ${same})`,
  );
  await run(
    trx,
    `insert into label_confidence_counts (dataset_id, field, bucket, n)
      select dataset_id, field, ${BUCKET('confidence')}, count(*) from sample_labels
      where sample_seq > ${before} and confidence is not null group by 1, 2, 3
      on conflict (dataset_id, field, bucket) do update set n = n + excluded.n`,
  );
  await run(
    trx,
    `insert into sample_tag_counts (dataset_id, tag, n)
      select dataset_id, tag, count(*) from sample_tags where sample_seq > ${before} group by 1, 2
      on conflict (dataset_id, tag) do update set n = n + excluded.n`,
  );
  await run(trx, `delete from sample_index_deferral`);
}
