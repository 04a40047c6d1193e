// SQL functions the view compiler registers on a better-sqlite3 handle: the query deadline, regex matching, Unicode case folding.
import type BetterSqlite3 from 'better-sqlite3';
import { RE2JS } from 're2js';
import { QueryCancelled } from '../db/query-context.js';

export const SQLITE_FUNCTIONS = {
  deadline: 'teamset_deadline',
  /** Named `regexp` so SQLite's own `x REGEXP y` operator works too; the pattern is RE2 syntax, case-sensitive. */
  regexp: 'regexp',
  lower: 'teamset_lower',
  upper: 'teamset_upper',
} as const;

/** Thrown by the deadline function inside a running statement; better-sqlite3 rethrows it from the statement call. */
export class DeadlineExceeded extends Error {
  constructor() {
    super('view query deadline exceeded');
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Per-handle state. `deadline` is set only while a view query holds the handle's one connection (statements on
 * SQLite run synchronously and one at a time), so every statement sees its own query's deadline.
 */
export interface SqliteQueryState {
  deadline: number | undefined;
  /**
   * In a reader worker: a flag over shared memory the main thread sets to 1 when the query's client went away, so
   * the running statement stops at its next deadline check (the main thread cannot call into the worker meanwhile).
   */
  cancel: Int32Array | undefined;
}

const states = new WeakMap<BetterSqlite3.Database, SqliteQueryState>();

/** Most patterns a handle keeps compiled; a view's regexes are few and repeat across pages. */
const REGEX_CACHE_MAX = 256;

/** The handle's state, registering the functions on first use (idempotent per handle). */
export function sqliteQueryState(handle: BetterSqlite3.Database): SqliteQueryState {
  const existing = states.get(handle);
  if (existing) return existing;
  const state: SqliteQueryState = { deadline: undefined, cancel: undefined };
  const checkDeadline = (): void => {
    if (state.cancel !== undefined && Atomics.load(state.cancel, 0) !== 0) throw new QueryCancelled();
    if (state.deadline !== undefined && Date.now() > state.deadline) throw new DeadlineExceeded();
  };
  // Not deterministic: SQLite must call it again for every row that reaches it, never fold it into a constant.
  // Its argument (a column of the guarded loop's table) is only there to place the call inside that loop.
  handle.function(SQLITE_FUNCTIONS.deadline, { deterministic: false, varargs: true }, () => {
    checkDeadline();
    return 1;
  });
  const cache = new Map<string, RE2JS>();
  const compiled = (pattern: string): RE2JS => {
    let regex = cache.get(pattern);
    if (!regex) {
      if (cache.size >= REGEX_CACHE_MAX) cache.clear();
      // RE2 matches in time linear in the text, never backtracking: no pattern makes one call run for minutes.
      regex = RE2JS.compile(pattern);
      cache.set(pattern, regex);
    }
    return regex;
  };
  handle.function(SQLITE_FUNCTIONS.regexp, { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (value === null || value === undefined || typeof pattern !== 'string') return null;
    // One match over a long text can take a while (linear, but in its length times the pattern's size), so a few
    // long rows would outrun a deadline checked only every 1024 rows: every match checks it, for a Date.now().
    checkDeadline();
    return compiled(pattern).test(String(value)) ? 1 : 0;
  });
  handle.function(SQLITE_FUNCTIONS.lower, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  handle.function(SQLITE_FUNCTIONS.upper, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toUpperCase() : value,
  );
  states.set(handle, state);
  return state;
}
