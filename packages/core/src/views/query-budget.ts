// The query-time budget of view reads: PostgreSQL statement_timeout, SQLite a deadline function; both end in QUERY_TIMEOUT.
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
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

/**
 * Runs the statements of one view read under the budget.
 * - PostgreSQL: in a transaction with `SET LOCAL statement_timeout` (each statement gets the budget); inside a
 *   caller's transaction the previous setting is restored afterwards.
 * - SQLite: better-sqlite3 cannot interrupt a statement, so a deadline function, called by the scan for about one
 *   row in 1024 (see SqliteSql.scanGuard) and by every regex match, throws once the budget is spent. The deadline
 *   is set while this read holds the handle's only connection, so no other statement runs under it; the budget
 *   covers the whole read.
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
    const limit = (trx: Db, value: string) => sql`select set_config('statement_timeout', ${value}, true)`.execute(trx);
    if (db?.isTransaction) {
      const previous = await sql<{ value: string }>`select current_setting('statement_timeout') as value`.execute(db);
      await limit(db, budget);
      const result = await work(db);
      await limit(db, previous.rows[0]?.value ?? '0');
      return result;
    }
    return (db ?? this.database.db).transaction().execute(async (trx) => {
      await limit(trx, budget);
      return work(trx);
    });
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
    return (db ?? this.database.db).connection().execute(timed);
  }

  private translate(error: unknown): unknown {
    if (error instanceof DeadlineExceeded) return queryTimeout(this.budgetMs);
    const code = (error as { code?: unknown } | null)?.code;
    if (code === PG_QUERY_CANCELED) return queryTimeout(this.budgetMs);
    if (code === PG_INVALID_REGEX) {
      const message = 'a regex is too complex for the database to compile; shorten it or lower its repeat counts';
      return badRequest(`Invalid view: ${message}`, { problems: [{ path: '', message }] });
    }
    return error;
  }
}
