// Migration 0003: samples (docs/design.md §5), the per-dataset field schema, saved views, and dataset grants carried by invitations.
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const pg = dialect === 'postgres';
  const ts = pg ? 'timestamptz' : 'text';
  // Documents are binary JSON on both dialects (PostgreSQL jsonb, SQLite JSONB blobs, 3.45+), so filters and
  // aggregations read label lists inside the database without reparsing text on every row.
  const doc = pg ? 'jsonb' : 'blob';

  let samples = db.schema.createTable('samples');
  // seq: insertion order, the default order of a dataset and the tie-breaker of every keyset page.
  samples = pg
    ? samples.addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : samples.addColumn('seq', 'integer', (c) => c.primaryKey());
  await samples
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('filepath', 'text', (c) => c.notNull())
    .addColumn('tags', doc, (c) => c.notNull())
    .addColumn('metadata', doc)
    // Every custom field, labels included: {"uniqueness": 0.7, "ground_truth": {"_cls": "Detections", "detections": [...]}}.
    .addColumn('fields', doc, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_modified_at', ts, (c) => c.notNull())
    // Ids are unique per dataset, as in FiftyOne (one collection per dataset): an export re-imported into a
    // second dataset on the same server keeps its sample ids.
    .addUniqueConstraint('samples_dataset_id_unique', ['dataset_id', 'id'])
    .execute();
  await db.schema.createIndex('samples_dataset_seq_idx').on('samples').columns(['dataset_id', 'seq']).execute();
  await db.schema
    .createIndex('samples_dataset_filepath_idx')
    .on('samples')
    .columns(['dataset_id', 'filepath'])
    .execute();
  await db.schema
    .createIndex('samples_dataset_created_idx')
    .on('samples')
    .columns(['dataset_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('samples_dataset_modified_idx')
    .on('samples')
    .columns(['dataset_id', 'last_modified_at'])
    .execute();
  // match_tags on PostgreSQL: `tags ?| array[...]` uses this index. SQLite cannot index array members; its tag
  // filters scan the dataset's rows through samples_dataset_seq_idx (measured in docs/benchmarks.md).
  if (pg) await sql`create index samples_tags_gin_idx on samples using gin (tags)`.execute(db);

  await db.schema
    .createTable('dataset_fields')
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    // A top-level custom field (`uniqueness`) or a custom label attribute (`ground_truth.detections.iscrowd`).
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_fields_pk', ['dataset_id', 'path'])
    .execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // The view JSON as validated when saved; read and written whole.
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_modified_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('saved_views_name_unique', ['dataset_id', 'name'])
    .addUniqueConstraint('saved_views_slug_unique', ['dataset_id', 'slug'])
    .execute();

  // setDatasetUserPermission(…, {invite: true}) for an unknown email: the grant waits on the invitation and is
  // applied when it is accepted; revoking the invitation or deleting the dataset drops it.
  await db.schema
    .createTable('invitation_dataset_grants')
    .addColumn('invitation_id', 'text', (c) => c.notNull().references('invitations.id').onDelete('cascade'))
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('permission', 'text', (c) =>
      c.notNull().check(sql`permission in ('NO_ACCESS','VIEW','TAG','EDIT','MANAGE')`),
    )
    .addPrimaryKeyConstraint('invitation_dataset_grants_pk', ['invitation_id', 'dataset_id'])
    .execute();
}
