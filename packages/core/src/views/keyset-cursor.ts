// Keyset cursors: an opaque base64url token with the last row's order keys, its seq, and a fingerprint of the view.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { badRequest } from '../errors/app-error.js';
import type { OrderKey } from './relation.js';
import type { KeyKind, Sql, SqlDialect } from './sql-dialect.js';

export type KeyValue = string | number | boolean | null;

/** Where the previous page ended: the order key values and seq of its last row. */
export interface CursorPosition {
  keys: KeyValue[];
  seq: number;
  /** In a view cut to a window (compile-view's seqWindow), how many of its rows the pages so far returned. */
  returned?: number;
}

/**
 * Wire form: base64url(JSON {v: 1, f: fingerprint, k: keys, s: seq, n?: rows returned, c: check}). `f` ties the cursor to one view of
 * one dataset; `c` is a hash over the rest, so an edited cursor is refused rather than silently resuming elsewhere.
 * Neither is a secret: forging a cursor only lets a client start its own view at another position.
 */
interface CursorPayload {
  v: 1;
  f: string;
  k: KeyValue[];
  s: number;
  n?: number;
  c: string;
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/** Canonical JSON (object keys sorted), so the same view always has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function viewFingerprint(datasetId: string, view: unknown): string {
  return digest(canonical({ datasetId, view }), 22);
}

function check(f: string, k: KeyValue[], s: number, n: number | undefined): string {
  return digest(canonical({ f, k, s, n }), 16);
}

export function encodeCursor(fingerprint: string, position: CursorPosition): string {
  const payload: CursorPayload = {
    v: 1,
    f: fingerprint,
    k: position.keys,
    s: position.seq,
    ...(position.returned === undefined ? {} : { n: position.returned }),
    c: check(fingerprint, position.keys, position.seq, position.returned),
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

const invalid = (reason: string) =>
  badRequest(`Invalid cursor: ${reason}; pass the nextCursor of the previous page of the same view`, {
    field: 'after',
  });

function keyFits(value: unknown, key: OrderKey): boolean {
  if (value === null) return key.nullable;
  switch (key.kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'int':
      return Number.isSafeInteger(value);
    case 'bool':
      // PostgreSQL returns booleans, SQLite 1/0.
      return typeof value === 'boolean' || value === 0 || value === 1;
  }
}

/** The position in a cursor made for this view and these keys (and counting rows, when `counted`), or BAD_REQUEST. */
export function decodeCursor(
  cursor: string,
  fingerprint: string,
  keys: readonly OrderKey[],
  counted = false,
): CursorPosition {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(cursor)) throw invalid('not a cursor');
  let payload: Partial<CursorPayload>;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPayload>;
  } catch {
    throw invalid('not a cursor');
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    payload.v !== 1 ||
    typeof payload.f !== 'string' ||
    !Array.isArray(payload.k)
  ) {
    throw invalid('not a cursor');
  }
  if (
    !Number.isSafeInteger(payload.s) ||
    (payload.n !== undefined && !(Number.isSafeInteger(payload.n) && payload.n >= 0)) ||
    typeof payload.c !== 'string' ||
    payload.c !== check(payload.f, payload.k, payload.s as number, payload.n)
  ) {
    throw invalid('the cursor was altered');
  }
  if (payload.f !== fingerprint) throw invalid('the cursor belongs to another view or dataset');
  if (
    payload.k.length !== keys.length ||
    !payload.k.every((value, i) => keyFits(value, keys[i] as OrderKey)) ||
    counted !== (payload.n !== undefined)
  ) {
    throw invalid('the cursor does not fit this view');
  }
  return { keys: payload.k, seq: payload.s as number, ...(payload.n === undefined ? {} : { returned: payload.n }) };
}

/** Reads a row's key values (`_k0…`) into cursor form: integers the driver returns as text become numbers. */
export function rowPosition(
  row: Record<string, unknown>,
  keys: readonly OrderKey[],
  dialect: SqlDialect,
): CursorPosition {
  return {
    keys: keys.map((key, i) => {
      const value = row[`_k${i}`];
      if (value === null || value === undefined) return null;
      if (key.kind === 'number' || key.kind === 'int') return Number(value);
      return value as KeyValue;
    }),
    seq: dialect.integerFrom(row['seq']),
  };
}

/**
 * The rows strictly after `position` in the order (keys…, seq): the usual row-value comparison spelled out key by
 * key, with nulls first on ascending keys and last on descending ones.
 */
export function afterPosition(keys: readonly OrderKey[], position: CursorPosition, dialect: SqlDialect): Sql {
  const build = (i: number): Sql => {
    if (i === keys.length) return sql`s.seq > ${dialect.param(position.seq, 'int')}`;
    const key = keys[i] as OrderKey;
    const value = position.keys[i] ?? null;
    const column = dialect.orderable(key.sql, key.kind);
    const rest = build(i + 1);
    if (value === null) {
      const isNull = sql`${key.sql} is null`;
      const after = key.desc ? undefined : sql`${key.sql} is not null`;
      return after ? sql`(${after} or (${isNull} and ${rest}))` : sql`(${isNull} and ${rest})`;
    }
    const bound = dialect.param(value, key.kind as KeyKind);
    const beyond = key.desc ? sql`${column} < ${bound}` : sql`${column} > ${bound}`;
    const after = key.desc && key.nullable ? sql`(${beyond} or ${key.sql} is null)` : beyond;
    return sql`(${after} or (${column} = ${bound} and ${rest}))`;
  };
  return build(0);
}
