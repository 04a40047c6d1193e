// Migration 0004: user groups, their members and their dataset grants (docs/design.md §2); FiftyOne's operator defaults in organization settings.
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

const PERMISSIONS = sql`('NO_ACCESS','VIEW','TAG','EDIT','MANAGE')`;
const ROLES = sql`('ADMIN','MEMBER','COLLABORATOR','GUEST')`;

export async function up(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Same convention as 0001: timestamptz on PostgreSQL, ISO-8601 text on SQLite.
  const ts = dialect === 'postgres' ? 'timestamptz' : 'text';

  await db.schema
    .createTable('user_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  // "Interns" and "interns" would be indistinguishable in a name lookup: unique case-insensitively.
  await db.schema
    .createIndex('user_groups_name_unique')
    .on('user_groups')
    .expression(sql`lower(name)`)
    .unique()
    .execute();

  await db.schema
    .createTable('user_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('user_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('user_group_members_pk', ['group_id', 'user_id'])
    .execute();
  // Every permission check asks "which groups is this user in": the primary key serves the other direction.
  await db.schema.createIndex('user_group_members_user_idx').on('user_group_members').column('user_id').execute();

  await db.schema
    .createTable('dataset_group_permissions')
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('user_groups.id').onDelete('cascade'))
    .addColumn('permission', 'text', (c) => c.notNull().check(sql`permission in ${PERMISSIONS}`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_group_permissions_pk', ['dataset_id', 'group_id'])
    .execute();
  await db.schema
    .createIndex('dataset_group_permissions_group_idx')
    .on('dataset_group_permissions')
    .column('group_id')
    .execute();

  // FiftyOne's organization settings also carry the defaults for operators (plugins). Teamset runs no operators;
  // it stores them so a script's set/get round-trips. FiftyOne Teams' own defaults: MEMBER and EDIT.
  await db.schema
    .alterTable('organization_settings')
    .addColumn('default_operator_minimum_role', 'text', (c) =>
      c
        .notNull()
        .defaultTo('MEMBER')
        .check(sql`default_operator_minimum_role in ${ROLES}`),
    )
    .execute();
  await db.schema
    .alterTable('organization_settings')
    .addColumn('default_operator_minimum_dataset_permission', 'text', (c) =>
      c
        .notNull()
        .defaultTo('EDIT')
        .check(sql`default_operator_minimum_dataset_permission in ${PERMISSIONS}`),
    )
    .execute();
}
