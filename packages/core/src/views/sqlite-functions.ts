// SQL functions the view compiler registers on a better-sqlite3 handle: the query deadline, regex matching, Unicode case folding.
import type BetterSqlite3 from 'better-sqlite3';

export const SQLITE_FUNCTIONS = {
  deadline: 'teamset_deadline',
  /** Named `regexp` so SQLite's own `x REGEXP y` operator works too. */
  regexp: 'regexp',
  regexpIgnoreCase: 'teamset_regexp_i',
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
}

const states = new WeakMap<BetterSqlite3.Database, SqliteQueryState>();

/** Most patterns a handle keeps compiled; a view's regexes are few and repeat across pages. */
const REGEX_CACHE_MAX = 256;

/** The handle's state, registering the functions on first use (idempotent per handle). */
export function sqliteQueryState(handle: BetterSqlite3.Database): SqliteQueryState {
  const existing = states.get(handle);
  if (existing) return existing;
  const state: SqliteQueryState = { deadline: undefined };
  // Not deterministic: SQLite must call it again for every row that reaches it, never fold it into a constant.
  handle.function(SQLITE_FUNCTIONS.deadline, { deterministic: false }, () => {
    if (state.deadline !== undefined && Date.now() > state.deadline) throw new DeadlineExceeded();
    return 1;
  });
  const cache = new Map<string, RegExp>();
  const compiled = (pattern: string, flags: string): RegExp => {
    const key = `${flags}/${pattern}`;
    let regex = cache.get(key);
    if (!regex) {
      if (cache.size >= REGEX_CACHE_MAX) cache.clear();
      // Patterns passed the contract's regex guard (length, syntax, nested repeats, backreferences).
      regex = new RegExp(pattern, flags);
      cache.set(key, regex);
    }
    return regex;
  };
  const matcher = (flags: string) => (pattern: unknown, value: unknown) => {
    if (value === null || value === undefined || typeof pattern !== 'string') return null;
    return compiled(pattern, flags).test(String(value)) ? 1 : 0;
  };
  handle.function(SQLITE_FUNCTIONS.regexp, { deterministic: true }, matcher(''));
  handle.function(SQLITE_FUNCTIONS.regexpIgnoreCase, { deterministic: true }, matcher('i'));
  handle.function(SQLITE_FUNCTIONS.lower, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
  handle.function(SQLITE_FUNCTIONS.upper, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value));
  states.set(handle, state);
  return state;
}
