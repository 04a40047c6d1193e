// Migration 0006: the label index (docs/datasets.md "Label index") — one row per label, kept by triggers on `samples`.
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

/**
 * Frozen copies of the contract's label classes: a released migration must not change when the contract does. A new
 * label class needs a new migration that redefines the row function / triggers.
 */
const LIST_ITEMS: Readonly<Record<string, string>> = {
  Classifications: 'classifications',
  Detections: 'detections',
  Keypoints: 'keypoints',
  Polylines: 'polylines',
};
const SINGLE_CLASSES = ['Classification', 'Detection', 'Keypoint', 'Polyline', 'Regression'];

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * SQLite: the index rows of the sample row `r` (`new` in a trigger, `s` in the backfill). Attributes are read from the
 * row's JSONB by full path, exactly as the view compiler reads them (sqlite-sql.ts), so the index holds the values a
 * scan would see. Confidence is kept only when it is a number (Keypoint confidences are lists and are not indexed).
 */
function sqliteLabelRows(r: string, source = ''): string {
  const cls = (key: string): string => `(${r}.fields ->> (${key} || '._cls'))`;
  const itemsKey = `case ${cls('f.fullkey')} ${Object.entries(LIST_ITEMS)
    .map(([c, k]) => `when '${c}' then '.${k}'`)
    .join(' ')} end`;
  const columns = (at: string): string => `${r}.fields ->> (${at} || '.label'),
      case when json_type(${r}.fields, ${at} || '.confidence') in ('integer', 'real') then ${r}.fields ->> (${at} || '.confidence') end,
      case when json_array_length(${r}.fields, ${at} || '.tags') > 0 then json(${r}.fields -> (${at} || '.tags')) end`;
  return `select ${r}.seq, ${r}.dataset_id, f.key, i.key, ${columns('i.fullkey')}
    from ${source}json_each(${r}.fields) as f join json_each(${r}.fields, f.fullkey || ${itemsKey}) as i
    where f.type = 'object' and ${cls('f.fullkey')} in (${quoted(Object.keys(LIST_ITEMS))})
    union all
    select ${r}.seq, ${r}.dataset_id, f.key, 0, ${columns('f.fullkey')}
    from ${source}json_each(${r}.fields) as f
    where f.type = 'object' and ${cls('f.fullkey')} in (${quoted(SINGLE_CLASSES)})`;
}

/**
 * One secondary index serves the unfiltered reads: class counts group over it, and confidence bounds and histograms
 * read it without touching the table. `sample_seq` before `confidence` keeps inserts at the end of each class's
 * range (samples arrive in seq order): with confidence second, inserts landed all over the index and adding 500k
 * labels measured 38 s instead of 5 s on SQLite. A separate (dataset, field, confidence) index measured a third more
 * insert time for bounds alone (a histogram reads every confidence anyway).
 */
const LABEL_INDEX = (dialect: 'sqlite' | 'postgres'): string =>
  dialect === 'postgres'
    ? `create index sample_labels_label_idx on sample_labels (dataset_id, field, label, sample_seq) include (confidence)`
    : `create index sample_labels_label_idx on sample_labels (dataset_id, field, label, sample_seq, confidence)`;

/**
 * The table and its indexes. Keyed by sample: a sample's labels sit together, so the triggers' deletes and a view's join from its samples are
 * range reads of the key. On SQLite the table is WITHOUT ROWID, so that key is the table itself and no separate
 * per-sample index is needed.
 */
async function createTable(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const pg = dialect === 'postgres';
  await sql
    .raw(
      `create table sample_labels (
    sample_seq ${pg ? 'bigint' : 'integer'} not null,
    dataset_id text not null,
    field text not null,
    "position" integer not null,
    label text,
    confidence ${pg ? 'float8' : 'real'},
    tags ${pg ? 'jsonb' : 'text'},
    primary key (sample_seq, field, "position")
  )${pg ? '' : ' without rowid'}`,
    )
    .execute(db);
  await sql.raw(LABEL_INDEX(dialect)).execute(db);
  // Few labels carry tags: the label-tag counts read only those.
  await sql
    .raw(`create index sample_labels_tagged_idx on sample_labels (dataset_id, field) where tags is not null`)
    .execute(db);
}

const INSERT_COLUMNS = 'insert into sample_labels (sample_seq, dataset_id, field, position, label, confidence, tags)';

async function upSqlite(db: AnyDb): Promise<void> {
  await createTable(db, 'sqlite');
  await sql
    .raw(
      `create trigger samples_label_index_insert after insert on samples begin
        ${INSERT_COLUMNS} ${sqliteLabelRows('new')};
      end`,
    )
    .execute(db);
  // Only a changed document is re-indexed: rewrites of sample tags or filepaths leave `fields` byte-identical.
  await sql
    .raw(
      `create trigger samples_label_index_update after update of fields on samples when old.fields is not new.fields begin
        delete from sample_labels where sample_seq = old.seq;
        ${INSERT_COLUMNS} ${sqliteLabelRows('new')};
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger samples_label_index_delete after delete on samples begin
        delete from sample_labels where sample_seq = old.seq;
      end`,
    )
    .execute(db);
  await sql.raw(`${INSERT_COLUMNS} ${sqliteLabelRows('s', 'samples as s, ')}`).execute(db);
}

/** PostgreSQL: the index rows of one `fields` document, shared by the triggers and the backfill. */
const PG_LABEL_ROWS = `create function teamset_label_rows(doc jsonb)
  returns table (field text, "position" integer, label text, confidence float8, tags jsonb)
  language sql immutable parallel safe as $$
    select f.key, i.pos, i.item ->> 'label',
      case when jsonb_typeof(i.item -> 'confidence') = 'number' then (i.item -> 'confidence')::float8 end,
      case when jsonb_typeof(i.item -> 'tags') = 'array' and jsonb_array_length(i.item -> 'tags') > 0 then i.item -> 'tags' end
    from jsonb_each(doc) as f
    cross join lateral (
      select e.item, (e.ord - 1)::integer as pos
      from jsonb_array_elements(f.value -> (case f.value ->> '_cls' ${Object.entries(LIST_ITEMS)
        .map(([c, k]) => `when '${c}' then '${k}'`)
        .join(' ')} end)) with ordinality as e(item, ord)
      where f.value ->> '_cls' in (${quoted(Object.keys(LIST_ITEMS))})
      union all
      select f.value, 0 where f.value ->> '_cls' in (${quoted(SINGLE_CLASSES)})
    ) as i
    where jsonb_typeof(f.value) = 'object'
  $$`;

async function upPostgres(db: AnyDb): Promise<void> {
  await createTable(db, 'postgres');
  await sql.raw(PG_LABEL_ROWS).execute(db);
  // Statement-level triggers with transition tables: a batch insert of 2,000 samples indexes them in one statement.
  await sql
    .raw(
      `create function teamset_label_index_insert() returns trigger language plpgsql as $$ begin
        insert into sample_labels (sample_seq, dataset_id, field, "position", label, confidence, tags)
          select n.seq, n.dataset_id, r.* from new_rows as n cross join lateral teamset_label_rows(n.fields) as r;
        return null;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function teamset_label_index_update() returns trigger language plpgsql as $$ begin
        delete from sample_labels as l using new_rows as n join old_rows as o on o.seq = n.seq
          where l.sample_seq = n.seq and o.fields is distinct from n.fields;
        insert into sample_labels (sample_seq, dataset_id, field, "position", label, confidence, tags)
          select n.seq, n.dataset_id, r.* from new_rows as n join old_rows as o on o.seq = n.seq
          cross join lateral teamset_label_rows(n.fields) as r where o.fields is distinct from n.fields;
        return null;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function teamset_label_index_delete() returns trigger language plpgsql as $$ begin
        delete from sample_labels as l using old_rows as o where l.sample_seq = o.seq;
        return null;
      end $$`,
    )
    .execute(db);
  const transitions: Record<string, string> = {
    insert: 'new table as new_rows',
    update: 'old table as old_rows new table as new_rows',
    delete: 'old table as old_rows',
  };
  for (const [event, tables] of Object.entries(transitions)) {
    await sql
      .raw(
        `create trigger samples_label_index_${event} after ${event} on samples referencing ${tables}
          for each statement execute function teamset_label_index_${event}()`,
      )
      .execute(db);
  }
  await sql
    .raw(
      `insert into sample_labels (sample_seq, dataset_id, field, "position", label, confidence, tags)
        select s.seq, s.dataset_id, r.* from samples as s cross join lateral teamset_label_rows(s.fields) as r`,
    )
    .execute(db);
}

export async function up(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await (dialect === 'postgres' ? upPostgres(db) : upSqlite(db));
}
