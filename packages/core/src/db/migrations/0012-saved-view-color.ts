// Migration 0012: a saved view's colour (`#rrggbb`, or null), which the App's saved views menu shows, as FiftyOne Teams does.
import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('saved_views').addColumn('color', 'text').execute();
}
