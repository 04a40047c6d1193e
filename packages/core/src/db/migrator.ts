// Numbered migrations, applied in order at start-up and by `teamset migrate`; each runs once per database.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database, Dialect } from './database.js';
import * as m0001 from './migrations/0001-identity.js';
import * as m0002 from './migrations/0002-datasets.js';
import * as m0003 from './migrations/0003-samples.js';
import * as m0004 from './migrations/0004-user-groups.js';
import * as m0005 from './migrations/0005-media-roots.js';
import * as m0006 from './migrations/0006-label-index.js';
import * as m0007 from './migrations/0007-label-counters.js';
import * as m0008 from './migrations/0008-key-rotation.js';
import * as m0009 from './migrations/0009-key-scopes.js';
import * as m0010 from './migrations/0010-service-accounts-and-key-usage.js';
import * as m0011 from './migrations/0011-number-index.js';
import * as m0012 from './migrations/0012-saved-view-color.js';
import * as m0013 from './migrations/0013-number-counters.js';
import * as m0014 from './migrations/0014-metadata-numbers.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

/** Ordered by name; never renumber or edit a released migration, add a new one. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '0001-identity': m0001,
  '0002-datasets': m0002,
  '0003-samples': m0003,
  '0004-user-groups': m0004,
  '0005-media-roots': m0005,
  '0006-label-index': m0006,
  '0007-label-counters': m0007,
  '0008-key-rotation': m0008,
  '0009-key-scopes': m0009,
  '0010-service-accounts-and-key-usage': m0010,
  '0011-number-index': m0011,
  '0012-saved-view-color': m0012,
  '0013-number-counters': m0013,
  '0014-metadata-numbers': m0014,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (db) => migration.up(db, this.dialect) };
    }
    return out;
  }
}

export async function migrateToLatest(database: Database): Promise<{ applied: string[] }> {
  const migrator = new Migrator({
    db: database.db as unknown as Kysely<unknown>,
    provider: new StaticProvider(database.dialect),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
