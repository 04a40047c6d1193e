// Migration 0005: the organization's media roots — directories from which the server may serve sample media.
import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Same convention as 0001: timestamptz on PostgreSQL, ISO-8601 text on SQLite.
  const ts = dialect === 'postgres' ? 'timestamptz' : 'text';
  // Keyed by position rather than path: a path may be up to 4096 characters, past PostgreSQL's btree row limit.
  // The list is small and always replaced whole by an admin, so uniqueness is the service's job.
  await db.schema
    .createTable('media_roots')
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('added_at', ts, (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}
