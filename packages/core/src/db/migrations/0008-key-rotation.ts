// Migration 0008: key rotation (a key's earlier secrets, each valid until its grace ends) and leak revocation flags.
import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Same convention as 0001: timestamptz on PostgreSQL, ISO-8601 text on SQLite.
  const ts = dialect === 'postgres' ? 'timestamptz' : 'text';
  // A revoked key is kept, refused, and listed with why, so its owner learns what happened to it.
  await db.schema.alterTable('api_keys').addColumn('revoked_at', ts).execute();
  await db.schema.alterTable('api_keys').addColumn('revoked_reason', 'text').execute();

  // Looked up by digest only when the current secrets miss, so the usual key check does not read this table.
  await db.schema
    .createTable('api_key_previous_secrets')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
    .addColumn('display_prefix', 'text', (c) => c.notNull())
    .addColumn('rotated_at', ts, (c) => c.notNull())
    .addColumn('grace_ends_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('api_key_previous_secrets_key_idx')
    .on('api_key_previous_secrets')
    .column('key_id')
    .execute();
}
