// Migration 0002: datasets (docs/design.md §5) and per-user dataset permission grants (docs/design.md §2).
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

const PERMISSIONS = sql`('NO_ACCESS','VIEW','TAG','EDIT','MANAGE')`;

export async function up(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Same convention as 0001: timestamptz on PostgreSQL, ISO-8601 text on SQLite.
  const ts = dialect === 'postgres' ? 'timestamptz' : 'text';

  await db.schema
    .createTable('datasets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    // JSON text on both dialects: read and written whole, never queried inside (yet).
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('info', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_modified_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('default_permission', 'text', (c) => c.notNull().check(sql`default_permission in ${PERMISSIONS}`))
    // Named, so a violation says which field clashed (pg reports the constraint name, SQLite the column).
    .addUniqueConstraint('datasets_name_unique', ['name'])
    .addUniqueConstraint('datasets_slug_unique', ['slug'])
    .execute();
  await db.schema.createIndex('datasets_created_by_idx').on('datasets').column('created_by').execute();

  await db.schema
    .createTable('dataset_user_permissions')
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('permission', 'text', (c) => c.notNull().check(sql`permission in ${PERMISSIONS}`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_user_permissions_pk', ['dataset_id', 'user_id'])
    .execute();
  // "Which datasets can this user see" starts from the user: the primary key serves the other direction.
  await db.schema
    .createIndex('dataset_user_permissions_user_idx')
    .on('dataset_user_permissions')
    .column('user_id')
    .execute();
  // dataset_group_permissions (dataset_id, group_id, permission) comes with user groups in a later migration.
}
