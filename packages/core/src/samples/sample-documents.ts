// Sample documents outside SQL: statement sizes under both dialects' bind limits, documents parsed as read back.
import type { Dialect } from '../db/database.js';

/** Most bound parameters one statement may carry, with headroom (SQLite allows 32766, PostgreSQL 65535). */
export function maxParams(dialect: Dialect): number {
  return dialect === 'sqlite' ? 32_000 : 65_000;
}

/** A read document: pg has already parsed jsonb, SQLite returns JSON text. */
export function parseDoc<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
