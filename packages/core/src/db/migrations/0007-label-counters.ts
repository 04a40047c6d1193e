// Migration 0007: counters for the unfiltered dataset and the sample tag index (docs/datasets.md "Counters and tag index").
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;
type Dialect = 'sqlite' | 'postgres';

const run = async (db: AnyDb, statement: string): Promise<void> => void (await sql.raw(statement).execute(db));

/**
 * - `label_counts`: index rows of `sample_labels` per (dataset, field, label); NULL labels are counted too, as the
 *   index holds them. Kept by triggers on `sample_labels`, so it counts exactly what the index holds.
 * - `label_confidence_counts`: index rows with a confidence per (dataset, field, bucket), the bucket being
 *   floor(confidence × 1000) (a float: no integer overflow for any finite number); histograms sum whole buckets.
 * - `sample_tags`: one row per entry of a sample's `tags` (duplicates included, as a count_values over tags counts
 *   them), keyed by sample like `sample_labels`; `(dataset_id, tag, sample_seq)` makes match_tags an index range.
 * - `sample_tag_counts`: rows of `sample_tags` per (dataset, tag), kept by triggers on `sample_tags`.
 * Rows whose count reaches 0 are deleted, so the counters list only present values.
 */
async function createTables(db: AnyDb, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const seq = pg ? 'bigint' : 'integer';
  await run(
    db,
    `create table label_counts (dataset_id text not null, field text not null, label text, n bigint not null)`,
  );
  // PostgreSQL 15's NULLS NOT DISTINCT lets ON CONFLICT find the NULL label's row; SQLite finds it with IS.
  await run(
    db,
    `create unique index label_counts_key_idx on label_counts (dataset_id, field, label)${pg ? ' nulls not distinct' : ''}`,
  );
  await run(
    db,
    `create table label_confidence_counts (dataset_id text not null, field text not null, bucket ${pg ? 'float8' : 'real'} not null, n bigint not null, primary key (dataset_id, field, bucket))`,
  );
  // Exact bounds (first and last entry) and the labels of a bin edge's bucket, without a scan. Led by the bucket
  // expression: a plain (dataset_id, field, confidence) index drew SQLite's planner away from the label index for
  // class and confidence filters, and partial so that label-tag counts keep their own index (a label-tag count
  // measured 12 s instead of milliseconds at 1M labels).
  await run(
    db,
    `create index sample_labels_confidence_idx on sample_labels (dataset_id, field, (${BUCKET('confidence')}), confidence) where confidence is not null`,
  );
  await run(
    db,
    `create table sample_tags (
      sample_seq ${seq} not null,
      "position" integer not null,
      dataset_id text not null,
      tag text not null,
      primary key (sample_seq, "position")
    )${pg ? '' : ' without rowid'}`,
  );
  await run(db, `create index sample_tags_tag_idx on sample_tags (dataset_id, tag, sample_seq)`);
  await run(
    db,
    `create table sample_tag_counts (dataset_id text not null, tag text not null, n bigint not null, primary key (dataset_id, tag))`,
  );
}

/** The confidence bucket of a value: views/confidence-buckets.ts reads the counts with the same definition. */
const BUCKET = (value: string): string => `floor(${value} * 1000)`;

/** SQLite: the sample_tags rows of sample row `r` (string entries of its tags; JSONB or text both read by json_each). */
const sqliteTagRows = (r: string, source = ''): string =>
  `select ${r}.seq, t.key, ${r}.dataset_id, t.value from ${source}json_each(${r}.tags) as t where t.type = 'text'`;
const TAG_COLUMNS = 'insert into sample_tags (sample_seq, "position", dataset_id, tag)';

async function upSqlite(db: AnyDb): Promise<void> {
  await createTables(db, 'sqlite');
  // Row triggers on the index tables: a label or tag row in, its counter up; out, down (and gone at 0).
  const labelKey = (r: string): string => `dataset_id = ${r}.dataset_id and field = ${r}.field and label is ${r}.label`;
  const bucketKey = (r: string): string =>
    `dataset_id = ${r}.dataset_id and field = ${r}.field and bucket = ${BUCKET(`${r}.confidence`)}`;
  await run(
    db,
    `create trigger sample_labels_count_insert after insert on sample_labels begin
      insert into label_counts (dataset_id, field, label, n) select new.dataset_id, new.field, new.label, 0
        where not exists (select 1 from label_counts where ${labelKey('new')});
      update label_counts set n = n + 1 where ${labelKey('new')};
      insert into label_confidence_counts (dataset_id, field, bucket, n)
        select new.dataset_id, new.field, ${BUCKET('new.confidence')}, 1 where new.confidence is not null
        on conflict (dataset_id, field, bucket) do update set n = n + 1;
    end`,
  );
  await run(
    db,
    `create trigger sample_labels_count_delete after delete on sample_labels begin
      update label_counts set n = n - 1 where ${labelKey('old')};
      delete from label_counts where ${labelKey('old')} and n = 0;
      update label_confidence_counts set n = n - 1
        where old.confidence is not null and ${bucketKey('old')};
      delete from label_confidence_counts where old.confidence is not null and ${bucketKey('old')} and n = 0;
    end`,
  );
  await run(
    db,
    `create trigger sample_tags_count_insert after insert on sample_tags begin
      insert into sample_tag_counts (dataset_id, tag, n) values (new.dataset_id, new.tag, 1)
        on conflict (dataset_id, tag) do update set n = n + 1;
    end`,
  );
  await run(
    db,
    `create trigger sample_tags_count_delete after delete on sample_tags begin
      update sample_tag_counts set n = n - 1 where dataset_id = old.dataset_id and tag = old.tag;
      delete from sample_tag_counts where dataset_id = old.dataset_id and tag = old.tag and n = 0;
    end`,
  );
  await run(
    db,
    `create trigger samples_tag_index_insert after insert on samples begin ${TAG_COLUMNS} ${sqliteTagRows('new')}; end`,
  );
  // Label-only rewrites leave `tags` byte-identical: nothing to re-index.
  await run(
    db,
    `create trigger samples_tag_index_update after update of tags on samples when old.tags is not new.tags begin
      delete from sample_tags where sample_seq = old.seq;
      ${TAG_COLUMNS} ${sqliteTagRows('new')};
    end`,
  );
  await run(
    db,
    `create trigger samples_tag_index_delete after delete on samples begin delete from sample_tags where sample_seq = old.seq; end`,
  );
  // Backfill: the tag rows through their triggers; the label counters straight from the index.
  await run(db, `${TAG_COLUMNS} ${sqliteTagRows('s', 'samples as s, ')}`);
  await backfillLabelCounters(db);
}

/**
 * PostgreSQL: a counter's upkeep from a transition table, as plpgsql statements. `keys` maps each key column to its
 * expression over the rows; `nullable` keys match with IS NOT DISTINCT FROM (the NULL label).
 */
function pgCounter(table: string, keys: Record<string, string>, where: string, nullable: readonly string[] = []) {
  const columns = Object.keys(keys);
  const select = Object.entries(keys)
    .map(([column, value]) => `${value} as ${column}`)
    .join(', ');
  const groups = columns.map((_, i) => i + 1).join(', ');
  const match = columns
    .map((c) => (nullable.includes(c) ? `c.${c} is not distinct from d.${c}` : `c.${c} = d.${c}`))
    .join(' and ');
  return {
    add: `insert into ${table} as c (${columns.join(', ')}, n)
        select ${select}, count(*) from new_rows where ${where} group by ${groups}
        on conflict (${columns.join(', ')}) do update set n = c.n + excluded.n;`,
    subtract: `update ${table} as c set n = c.n - d.n
        from (select ${select}, count(*) as n from old_rows where ${where} group by ${groups}) as d where ${match};
      delete from ${table} as c using (select distinct ${select} from old_rows where ${where}) as d
        where ${match} and c.n = 0;`,
  };
}

/** PostgreSQL: statement triggers with transition tables, one grouped upsert per statement (a batch of samples). */
async function upPostgres(db: AnyDb): Promise<void> {
  await createTables(db, 'postgres');
  const labels = pgCounter('label_counts', { dataset_id: 'dataset_id', field: 'field', label: 'label' }, 'true', [
    'label',
  ]);
  const buckets = pgCounter(
    'label_confidence_counts',
    { dataset_id: 'dataset_id', field: 'field', bucket: BUCKET('confidence') },
    'confidence is not null',
  );
  const tags = pgCounter('sample_tag_counts', { dataset_id: 'dataset_id', tag: 'tag' }, 'true');
  const fn = (name: string, body: string) =>
    run(db, `create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`);
  await fn('teamset_label_counts_insert', `${labels.add} ${buckets.add}`);
  await fn('teamset_label_counts_delete', `${labels.subtract} ${buckets.subtract}`);
  await fn('teamset_sample_tag_counts_insert', tags.add);
  await fn('teamset_sample_tag_counts_delete', tags.subtract);
  const tagInsert = (r: string, from: string): string =>
    `insert into sample_tags (sample_seq, "position", dataset_id, tag)
      select x.seq, x.pos, x.dataset_id, x.tag from ${from}
      cross join lateral (select ${r}.seq, (t.ord - 1)::integer as pos, ${r}.dataset_id, t.item #>> '{}' as tag
        from jsonb_array_elements(${r}.tags) with ordinality as t(item, ord) where jsonb_typeof(t.item) = 'string') as x`;
  await fn('teamset_tag_index_insert', `${tagInsert('n', 'new_rows as n')};`);
  const changed = 'new_rows as n join old_rows as o on o.seq = n.seq and o.tags is distinct from n.tags';
  await fn(
    'teamset_tag_index_update',
    `delete from sample_tags as t using ${changed} where t.sample_seq = n.seq; ${tagInsert('n', changed)};`,
  );
  await fn('teamset_tag_index_delete', `delete from sample_tags as t using old_rows as o where t.sample_seq = o.seq;`);
  const transitions: Record<string, string> = {
    insert: 'new table as new_rows',
    update: 'old table as old_rows new table as new_rows',
    delete: 'old table as old_rows',
  };
  for (const event of ['insert', 'delete']) {
    await run(
      db,
      `create trigger sample_labels_count_${event} after ${event} on sample_labels referencing ${transitions[event]}
        for each statement execute function teamset_label_counts_${event}()`,
    );
    await run(
      db,
      `create trigger sample_tags_count_${event} after ${event} on sample_tags referencing ${transitions[event]}
        for each statement execute function teamset_sample_tag_counts_${event}()`,
    );
  }
  for (const event of ['insert', 'update', 'delete']) {
    await run(
      db,
      `create trigger samples_tag_index_${event} after ${event} on samples referencing ${transitions[event]}
        for each statement execute function teamset_tag_index_${event}()`,
    );
  }
  await run(db, tagInsert('s', 'samples as s'));
  // Statistics for the planner now rather than at autovacuum's next pass (0006's index rows had none either).
  await run(db, `analyze sample_labels, sample_tags`);
  await backfillLabelCounters(db);
}

async function backfillLabelCounters(db: AnyDb): Promise<void> {
  await run(
    db,
    `insert into label_counts (dataset_id, field, label, n) select dataset_id, field, label, count(*) from sample_labels group by 1, 2, 3`,
  );
  await run(
    db,
    `insert into label_confidence_counts (dataset_id, field, bucket, n)
      select dataset_id, field, ${BUCKET('confidence')}, count(*) from sample_labels where confidence is not null group by 1, 2, 3`,
  );
}

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await (dialect === 'postgres' ? upPostgres(db) : upSqlite(db));
}
