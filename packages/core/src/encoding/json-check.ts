// JSON-only values: what a sample may hold, so both dialects store exactly what was sent (no NaN, no NUL, no lone surrogates).
import { badRequest } from '../errors/app-error.js';

/** Deepest nesting accepted inside one field value; far above real label data, low enough to keep recursion safe. */
export const MAX_VALUE_DEPTH = 64;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// With the u flag a surrogate pair is one code point, so \p{Cs} matches only unpaired halves. One test finds
// either problem (this runs on every string of every sample); the message is worked out only on a hit.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD_CHARACTER = /[\u0000\p{Cs}]/u;

/**
 * Why the string cannot be stored, or undefined. PostgreSQL's jsonb refuses NUL characters and lone
 * surrogates (SQLite would keep them), so both dialects refuse them and answer alike.
 */
export function stringProblem(value: string): string | undefined {
  if (!BAD_CHARACTER.test(value)) return undefined;
  return value.includes('\u0000') ? 'must not contain NUL characters' : 'must be valid Unicode (no lone surrogates)';
}

/** `record[key]` when it is the record's own entry: never an inherited `constructor` or `toString`. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A finite JSON number (JSON has no NaN or Infinity). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Throws BAD_REQUEST naming `field` unless `value` is plain JSON: null, booleans, finite numbers, strings,
 * arrays and plain objects, nested at most MAX_VALUE_DEPTH deep. `undefined` object members are dropped by
 * JSON serialization and accepted; `undefined` elsewhere is refused.
 */
export function checkJson(value: unknown, field: string, depth = 0): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    if (problem) throw badRequest(`Field ${JSON.stringify(field)}: strings ${problem}`, { field });
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw badRequest(`Field ${JSON.stringify(field)}: numbers must be finite (JSON has no NaN or Infinity)`, {
        field,
      });
    return;
  }
  if (depth >= MAX_VALUE_DEPTH)
    throw badRequest(`Field ${JSON.stringify(field)} is nested more than ${MAX_VALUE_DEPTH} levels deep`, { field });
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === undefined)
        throw badRequest(`Field ${JSON.stringify(field)}: lists must not hold undefined`, { field });
      checkJson(item, field, depth + 1);
    }
    return;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const problem = stringProblem(key);
      if (problem) throw badRequest(`Field ${JSON.stringify(field)}: keys ${problem}`, { field });
      const member = value[key];
      if (member !== undefined) checkJson(member, field, depth + 1);
    }
    return;
  }
  throw badRequest(`Field ${JSON.stringify(field)} must hold JSON values only (got ${describe(value)})`, { field });
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
