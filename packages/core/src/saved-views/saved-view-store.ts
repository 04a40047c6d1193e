// Saved views rows (`saved_views`): one dataset's named views, read and written whole; only this file issues SQL on them.
import type { SavedView, View } from '@teamset/contract';
import type { Database } from '../db/database.js';
import { toIso } from '../db/database.js';
import type { Db, SavedViewsTable } from '../db/schema.js';
import { newId } from '../ids.js';

export function toSavedView(row: SavedViewsTable): SavedView {
  return {
    name: row.name,
    slug: row.slug,
    description: row.description,
    color: row.color ?? null,
    view: JSON.parse(row.view) as View,
    createdAt: toIso(row.created_at),
    lastModifiedAt: toIso(row.last_modified_at),
    createdBy: row.created_by,
  };
}

export class SavedViewStore {
  constructor(private readonly database: Database) {}

  async list(datasetId: string, db: Db = this.database.db): Promise<SavedView[]> {
    const rows = await db
      .selectFrom('saved_views')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .orderBy('name')
      .execute();
    return rows.map(toSavedView);
  }

  /** By exact name, else by slug (so URLs can carry either). */
  async find(datasetId: string, nameOrSlug: string, db: Db = this.database.db): Promise<SavedViewsTable | undefined> {
    const rows = await db
      .selectFrom('saved_views')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .where((eb) => eb.or([eb('name', '=', nameOrSlug), eb('slug', '=', nameOrSlug)]))
      .execute();
    return rows.find((r) => r.name === nameOrSlug) ?? rows[0];
  }

  /** Views whose name or slug equals the given ones. */
  async clashes(trx: Db, datasetId: string, name: string, slug: string): Promise<SavedViewsTable[]> {
    return trx
      .selectFrom('saved_views')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .where((eb) => eb.or([eb('name', '=', name), eb('slug', '=', slug)]))
      .execute();
  }

  async insert(trx: Db, row: SavedViewsTable): Promise<void> {
    await trx.insertInto('saved_views').values(row).execute();
  }

  async replace(
    trx: Db,
    id: string,
    patch: { view: string; description: string | null; color: string | null; last_modified_at: string },
  ): Promise<void> {
    await trx.updateTable('saved_views').set(patch).where('id', '=', id).execute();
  }

  async delete(trx: Db, id: string): Promise<boolean> {
    const result = await trx.deleteFrom('saved_views').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Copies every saved view of one dataset to another (whole-dataset clone), keeping names, creators and times. */
  async copyAll(trx: Db, fromDatasetId: string, toDatasetId: string): Promise<void> {
    const rows = await trx.selectFrom('saved_views').selectAll().where('dataset_id', '=', fromDatasetId).execute();
    for (const row of rows)
      await trx
        .insertInto('saved_views')
        .values({ ...row, id: newId(), dataset_id: toDatasetId })
        .execute();
  }
}
