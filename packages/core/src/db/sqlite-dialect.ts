// SQLite dialect whose write transactions start with BEGIN IMMEDIATE, so processes sharing one file queue instead of failing.
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

/**
 * A deferred BEGIN takes the write lock only at the first write; if another process wrote in
 * between, SQLite returns SQLITE_BUSY at once (busy_timeout cannot help an upgrade). IMMEDIATE
 * takes the lock up front, so a second process (say `teamset users create` beside `serve`) waits.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
