// Validators and conditional requests (RFC 9110 §8.8, §13): ETag and Last-Modified, If-None-Match, If-Modified-Since, If-Range.
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';

export interface Validators {
  /** Strong: it may gate a range (If-Range). */
  etag: string;
  lastModified: Date;
}

/** Identifies one version of one file: its resolved path, size and modification time. */
export function fileValidators(
  realPath: string,
  stats: Pick<Stats, 'size' | 'mtimeMs' | 'mtime'>,
  variant = '',
): Validators {
  const hash = createHash('sha256')
    .update(`${variant}\0${realPath}\0${stats.size}\0${stats.mtimeMs}`)
    .digest('base64url')
    .slice(0, 22);
  return { etag: `"${variant}${hash}"`, lastModified: stats.mtime };
}

function etagList(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
}

/** HTTP dates have whole seconds; a file's mtime has fractions, which must not make it look newer. */
function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * Whether a GET/HEAD can be answered 304. If-None-Match, when present, decides alone (weak comparison);
 * If-Modified-Since is considered only without it.
 */
export function isNotModified(
  headers: { 'if-none-match'?: string | undefined; 'if-modified-since'?: string | undefined },
  validators: Validators,
): boolean {
  const noneMatch = headers['if-none-match'];
  if (noneMatch !== undefined) {
    const tags = etagList(noneMatch);
    return tags.includes('*') || tags.includes(validators.etag);
  }
  const since = headers['if-modified-since'];
  if (since === undefined) return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && seconds(validators.lastModified) <= Math.floor(time / 1000);
}

/** If-Range: honour the Range only when the client's copy is the current one (strong comparison, or the exact date). */
export function rangeStillValid(ifRange: string | undefined, validators: Validators): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === validators.etag;
  const time = Date.parse(value);
  return !Number.isNaN(time) && Math.floor(time / 1000) === seconds(validators.lastModified);
}
