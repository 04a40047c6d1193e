// The query-time budget of view reads: PostgreSQL statement_timeout, SQLite a deadline function; both end in QUERY_TIMEOUT.
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { currentQueryContext, QueryCancelled, runWithDeadline } from '../db/query-context.js';
import type { Db } from '../db/schema.js';
import { AppError, badRequest } from '../errors/app-error.js';
import { DeadlineExceeded, sqliteQueryState } from './sqlite-functions.js';

/** PostgreSQL: canceling statement due to statement timeout. */
const PG_QUERY_CANCELED = '57014';
/**
 * PostgreSQL: invalid regular expression. Every accepted pattern is printed in syntax PostgreSQL compiles, so this is
 * left for "regular expression is too complex", which depends on the compiled automaton's size.
 */
const PG_INVALID_REGEX = '2201B';

export function queryTimeout(budgetMs: number): AppError {
  return new AppError(
    'QUERY_TIMEOUT',
    `The view query ran longer than its ${budgetMs} ms budget and was cancelled; narrow the view (match early, fewer stages) or ask an admin to raise the limit`,
    { budgetMs },
  );
}

/** The answer to a request whose client went away: nobody reads it, the logs do. */
export function queryCancelled(): AppError {
  return new AppError('UNAVAILABLE', 'The view query was cancelled: the client closed the connection');
}

/**
 * Runs the statements of one view read under the budget, and stops it when the request's client goes away (the
 * signal of the async QueryContext, set by the server's cancellation hook).
 * - PostgreSQL: in a transaction with `SET LOCAL statement_timeout` (each statement gets the budget); inside a
 *   caller's transaction the previous setting is restored afterwards. A cancelled request sends
 *   pg_cancel_backend to the backend running the read.
 * - SQLite: better-sqlite3 cannot interrupt a statement, so a deadline function, called by the scan for about one
 *   row in 1024 (see SqliteSql.scanGuard) and by every regex match, throws once the budget is spent or the client
 *   has gone. A read outside a caller's transaction runs on a reader thread (Database.reader) holding one
 *   connection for the whole read; the budget covers the whole read, waiting for a free thread included, and a
 *   thread that does not stop within its grace is terminated (SqliteReaderPool). Without readers (`:memory:`, 0
 *   readers) or inside a caller's transaction the read runs on the main connection, which it holds, so no other
 *   statement runs under its deadline.
 */
export class QueryBudget {
  /** False when the budget is 0, negative or infinite: reads then run unbounded (an admin's explicit choice). */
  private readonly bounded: boolean;

  constructor(
    private readonly database: Database,
    readonly budgetMs: number,
  ) {
    this.bounded = Number.isFinite(budgetMs) && budgetMs > 0;
    // Register the SQL functions up front, so even SQL compiled here but run elsewhere finds them.
    if (database.sqlite) sqliteQueryState(database.sqlite);
  }

  async run<T>(db: Db | undefined, work: (db: Db) => Promise<T>): Promise<T> {
    try {
      return this.database.dialect === 'postgres' ? await this.runPostgres(db, work) : await this.runSqlite(db, work);
    } catch (error) {
      throw this.translate(error);
    }
  }

  private async runPostgres<T>(db: Db | undefined, work: (db: Db) => Promise<T>): Promise<T> {
    // statement_timeout 0 disables the limit.
    const budget = this.bounded ? String(Math.max(1, Math.ceil(this.budgetMs))) : '0';
    const limit = (trx: Db, value: string) =>
      sql<{ pid: number }>`select set_config('statement_timeout', ${value}, true), pg_backend_pid() as pid`.execute(
        trx,
      );
    if (db?.isTransaction) {
      const previous = await sql<{ value: string }>`select current_setting('statement_timeout') as value`.execute(db);
      const { rows } = await limit(db, budget);
      const result = await this.cancellable(rows[0]?.pid, () => work(db));
      await limit(db, previous.rows[0]?.value ?? '0');
      return result;
    }
    return (db ?? this.database.db).transaction().execute(async (trx) => {
      const { rows } = await limit(trx, budget);
      return this.cancellable(rows[0]?.pid, () => work(trx));
    });
  }

  /**
   * Runs `work` on the backend `pid`, cancelling its statement when the request's client goes. The cancel is sent
   * from another pooled connection; it is only sent while `work` runs, when the backend is still this read's (the
   * transaction holds it), so it cannot reach another request's query except in the instant `work` settles.
   */
  private async cancellable<T>(pid: number | undefined, work: () => Promise<T>): Promise<T> {
    const signal = currentQueryContext()?.signal;
    if (!signal || pid === undefined) return work();
    if (signal.aborted) throw new QueryCancelled();
    let running = true;
    const cancel = (): void => {
      if (running) void sql`select pg_cancel_backend(${pid})`.execute(this.database.db).catch(() => undefined);
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await work();
    } catch (error) {
      throw signal.aborted ? new QueryCancelled() : error;
    } finally {
      running = false;
      signal.removeEventListener('abort', cancel);
    }
  }

  private async runSqlite<T>(db: Db | undefined, work: (db: Db) => Promise<T>): Promise<T> {
    const handle = this.database.sqlite;
    if (!handle) throw new Error('SQLite database without a raw handle');
    const state = sqliteQueryState(handle);
    const timed = async (connection: Db): Promise<T> => {
      const previous = state.deadline;
      state.deadline = this.bounded ? Date.now() + this.budgetMs : undefined;
      try {
        return await work(connection);
      } finally {
        state.deadline = previous;
      }
    };
    // A caller's transaction already holds the connection; otherwise take it for the whole read.
    if (db?.isTransaction) return timed(db);
    const reader = this.database.reader;
    if (reader && (db === undefined || db === this.database.db)) {
      const deadline = this.bounded ? Date.now() + this.budgetMs : undefined;
      return runWithDeadline(deadline, () => reader.connection().execute(work));
    }
    return (db ?? this.database.db).connection().execute(timed);
  }

  private translate(error: unknown): unknown {
    if (error instanceof DeadlineExceeded) return queryTimeout(this.budgetMs);
    if (error instanceof QueryCancelled) return queryCancelled();
    const code = (error as { code?: unknown } | null)?.code;
    if (code === PG_QUERY_CANCELED) return queryTimeout(this.budgetMs);
    if (code === PG_INVALID_REGEX) {
      const message = 'a regex is too complex for the database to compile; shorten it or lower its repeat counts';
      return badRequest(`Invalid view: ${message}`, { problems: [{ path: '', message }] });
    }
    return error;
  }
}
