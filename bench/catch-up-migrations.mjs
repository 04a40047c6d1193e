// Bench helper: brings a kept bench database up to date when it was built on a branch whose migration landed in main
// under a later number than ones merged meanwhile (e.g. 0011 applied before 0009, 0010 and 0012 existed). Start-up's
// migrator refuses such a database (migrations in order only); this applies the missing ones out of order, once,
// and restamps the executed list in name order.
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';

const MIGRATIONS = new URL('../packages/core/dist/db/migrations/', import.meta.url);

/** Applies the core migrations the database lacks, whatever their order; answers their names. */
export async function catchUpMigrations(uri) {
  const dialect = uri.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  const db = new Kysely({
    dialect:
      dialect === 'sqlite'
        ? new SqliteDialect({ database: new Database(uri.slice('sqlite:'.length)) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: uri, max: 1 }) }),
  });
  try {
    const migrations = {};
    for (const file of readdirSync(MIGRATIONS)
      .filter((f) => /^\d{4}-.*\.js$/.test(f))
      .sort()) {
      const migration = await import(new URL(file, MIGRATIONS).href);
      migrations[file.slice(0, -3)] = { up: (kysely) => migration.up(kysely, dialect) };
    }
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      allowUnorderedMigrations: true,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    // Start-up's migrator reads the executed list in timestamp order and wants it in name order: restamp it so.
    const executed = await db.selectFrom('kysely_migration').select(['name', 'timestamp']).orderBy('name').execute();
    const first = Date.parse(executed[0]?.timestamp ?? new Date().toISOString());
    for (const [i, row] of executed.entries())
      await db
        .updateTable('kysely_migration')
        .set({ timestamp: new Date(first + i).toISOString() })
        .where('name', '=', row.name)
        .execute();
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}
