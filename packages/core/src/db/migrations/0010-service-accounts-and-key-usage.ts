// Migration 0010: service accounts (a user's kind, disabling) and key usage (last client, per-day request counts).
import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Same convention as 0001: timestamptz on PostgreSQL, ISO-8601 text on SQLite.
  const ts = dialect === 'postgres' ? 'timestamptz' : 'text';
  // Every existing user is a person; the key check reads both columns in the join it already makes.
  await db.schema
    .alterTable('users')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('person'))
    .execute();
  await db.schema.alterTable('users').addColumn('disabled_at', ts).execute();

  await db.schema.alterTable('api_keys').addColumn('last_used_ip', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('last_used_user_agent', 'text').execute();

  // One row per key per UTC day with requests, added to in batches by every server; days past 30 are pruned,
  // so the table stays at most 30 rows a key.
  await db.schema
    .createTable('api_key_usage_days')
    .addColumn('key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('requests', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_key_usage_days_pk', ['key_id', 'day'])
    .execute();
  await db.schema.createIndex('api_key_usage_days_day_idx').on('api_key_usage_days').column('day').execute();
}
