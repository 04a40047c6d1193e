// The SQL of organization settings: the one settings row (defaults for users, datasets and operators) and the media roots list.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db, MediaRootsTable, OrganizationSettingsTable } from '../db/schema.js';

/** The settings row's fixed key: an organization has one. */
const SETTINGS_ID = 1;

export type SettingsRow = Selectable<OrganizationSettingsTable>;
export type MediaRootRow = Selectable<MediaRootsTable>;

export class OrganizationStore {
  constructor(private readonly database: Database) {}

  /** Undefined until an admin first saves a setting: the defaults apply until then. */
  readSettings(trx: Db = this.database.db): Promise<SettingsRow | undefined> {
    return trx.selectFrom('organization_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();
  }

  /** Applies `changes`; when there is no row yet, creates it from `initial` (every required column) and the changes. */
  async saveSettings(
    trx: Db,
    initial: Omit<Insertable<OrganizationSettingsTable>, 'id'>,
    changes: Updateable<OrganizationSettingsTable>,
  ): Promise<void> {
    await trx
      .insertInto('organization_settings')
      .values({ ...initial, ...changes, id: SETTINGS_ID } as Insertable<OrganizationSettingsTable>)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
  }

  async listMediaRoots(trx: Db = this.database.db): Promise<MediaRootRow[]> {
    return trx.selectFrom('media_roots').selectAll().orderBy('position').execute();
  }

  /**
   * Taken first in a transaction that reads the list and then replaces it: two admins saving at once must not
   * interleave delete-then-insert (a duplicate position on PostgreSQL); SQLite transactions here are already exclusive.
   */
  async lockMediaRoots(trx: Db): Promise<void> {
    if (this.database.dialect === 'postgres') await sql`lock table media_roots in exclusive mode`.execute(trx);
  }

  /** Replaces the whole list in the caller's transaction (after lockMediaRoots). */
  async replaceMediaRoots(trx: Db, rows: readonly MediaRootRow[]): Promise<void> {
    await trx.deleteFrom('media_roots').execute();
    if (rows.length > 0)
      await trx
        .insertInto('media_roots')
        .values([...rows])
        .execute();
  }
}
