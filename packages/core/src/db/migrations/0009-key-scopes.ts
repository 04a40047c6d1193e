// Migration 0009: scoped API keys — a highest dataset permission, a dataset list kept by id, read-only management.
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const ts = dialect === 'postgres' ? 'timestamptz' : 'text';
  // Null: no cap. A key made before this migration (or without a scope) keeps its user's full power.
  await db.schema
    .alterTable('api_keys')
    .addColumn('scope_max_permission', 'text', (c) => c.check(sql`scope_max_permission in ('VIEW','TAG','EDIT')`))
    .execute();
  // Integers (0/1) rather than booleans: the same value on both databases without a type parser.
  await db.schema
    .alterTable('api_keys')
    .addColumn('scope_read_only_management', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Set when the key lists datasets: the list is read only then, and a key whose datasets were all deleted
  // stays limited to nothing instead of widening to everything.
  await db.schema
    .alterTable('api_keys')
    .addColumn('scope_datasets_limited', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // By id, so a rename keeps the key's reach; a deleted dataset (or key) takes its rows with it.
  await db.schema
    .createTable('api_key_datasets')
    .addColumn('key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('api_key_datasets_pk', ['key_id', 'dataset_id'])
    .execute();
  await db.schema.createIndex('api_key_datasets_dataset_idx').on('api_key_datasets').column('dataset_id').execute();
}
