// Opens the database named by a database URI: embedded SQLite (WAL, foreign keys on) or PostgreSQL.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { badRequest } from '../errors/app-error.js';
import { defaultReaderCount, SqliteReaderPool } from '../workers/sqlite-reader-pool.js';
import { ReaderPoolDialect } from './reader-dialect.js';
import type { DatabaseSchema, DbTime } from './schema.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DatabaseSchema>;
  readonly dialect: Dialect;
  /** The URI with any password removed, safe to log. */
  readonly displayUri: string;
  /** The better-sqlite3 handle on SQLite (to register SQL functions such as the query deadline), else undefined. */
  readonly sqlite: BetterSqlite3.Database | undefined;
  /**
   * SQLite on a file: a read-only Kysely whose queries run in a pool of reader threads (each its own connection,
   * WAL letting them read beside the one writer here), so a long read never blocks the event loop. Undefined on
   * PostgreSQL (its driver is asynchronous already), on `:memory:` (nothing to share) and with 0 readers.
   */
  readonly reader: Kysely<DatabaseSchema> | undefined;
  /** The pool behind `reader`. */
  readonly readerPool: SqliteReaderPool | undefined;
  /**
   * On PostgreSQL, a new client outside the pool (not yet connected), for a session that must stay open
   * on its own connection such as LISTEN; undefined on SQLite.
   */
  readonly newPgClient: ((applicationName: string) => pg.Client) | undefined;
  close(): Promise<void>;
}

/** ~/.teamset, or TEAMSET_HOME when set (tests and multi-instance set-ups). */
export function teamsetHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEAMSET_HOME ? resolve(env.TEAMSET_HOME) : join(homedir(), '.teamset');
}

export function resolveDatabaseUri(uri?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (uri && uri.trim() !== '') return uri.trim();
  return `sqlite:${join(teamsetHome(env), 'teamset.db')}`;
}

export type ParsedDatabaseUri = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; connectionString: string };

export function parseDatabaseUri(uri: string): ParsedDatabaseUri {
  if (uri.startsWith('postgres://') || uri.startsWith('postgresql://'))
    return { dialect: 'postgres', connectionString: uri };
  if (uri.startsWith('sqlite:')) {
    // Accept sqlite:/abs/path, sqlite:relative/path and sqlite:///abs/path.
    let path = uri.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '')
      throw badRequest('database URI sqlite: needs a file path, e.g. sqlite:/var/lib/teamset/teamset.db');
    return { dialect: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  throw badRequest('database URI must start with sqlite: or postgres:// (got an unsupported scheme)');
}

export function redactDatabaseUri(uri: string): string {
  return (
    uri
      // pg splits the authority at its LAST '@', so a password may hold '@', and the user may be empty.
      // User: up to the first ':'; password: up to the last '@'.
      .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#]*):[^/?#]*@/i, '$1:***@')
      // pg also reads the password from the query string (?password=…).
      .replace(/([?&]password=)[^&#]*/gi, '$1***')
  );
}

export interface OpenDatabaseOptions {
  /** SQLite reader threads (default defaultReaderCount(): one per core, 2 to 8); 0 runs every read on the main thread. */
  readers?: number;
}

export function openDatabase(uri?: string, options: OpenDatabaseOptions = {}): Database {
  const resolved = resolveDatabaseUri(uri);
  const parsed = parseDatabaseUri(resolved);
  const displayUri = redactDatabaseUri(resolved);
  if (parsed.dialect === 'sqlite') {
    if (parsed.path !== ':memory:') mkdirSync(dirname(parsed.path), { recursive: true });
    const sqlite = new BetterSqlite3(parsed.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // Several processes may share one file (serve + CLI); wait on locks rather than fail at once.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<DatabaseSchema>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
    const readers = options.readers ?? defaultReaderCount();
    const readerPool =
      parsed.path === ':memory:' || readers === 0 ? undefined : new SqliteReaderPool(parsed.path, readers);
    const reader = readerPool && new Kysely<DatabaseSchema>({ dialect: new ReaderPoolDialect(readerPool) });
    const close = async (): Promise<void> => {
      await reader?.destroy();
      await readerPool?.close();
      await db.destroy();
      // Kysely opens its driver lazily: if nothing ever ran through it, destroy() leaves the handle open.
      if (sqlite.open) sqlite.close();
    };
    return { db, dialect: 'sqlite', displayUri, sqlite, reader, readerPool, newPgClient: undefined, close };
  }
  const pool = new pg.Pool({ connectionString: parsed.connectionString, max: 10 });
  // An idle client losing its connection must not crash the server; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  // keepAlive: a listener connection idles for hours, and a silently dropped one must end in an error we see.
  const newPgClient = (applicationName: string): pg.Client =>
    new pg.Client({
      connectionString: parsed.connectionString,
      application_name: applicationName,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
  return {
    db,
    dialect: 'postgres',
    displayUri,
    sqlite: undefined,
    reader: undefined,
    readerPool: undefined,
    newPgClient,
    close: () => db.destroy(),
  };
}

/** Timestamps are written as ISO strings (pg casts them into timestamptz). */
export function nowIso(): string {
  return new Date().toISOString();
}

export function toIso(value: DbTime): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/**
 * True for a unique-constraint violation on either dialect (pg 23505, SQLite SQLITE_CONSTRAINT_UNIQUE).
 * A check-then-insert races on PostgreSQL (READ COMMITTED): the loser must see 409, not a raw driver error.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function toIsoOrNull(value: DbTime | null): string | null {
  return value === null ? null : toIso(value);
}
