// Which file a sample's media is: its filepath resolved with realpath, and only when inside a configured media root.
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { isWithin } from '@teamset/core';

export type MediaFile = { ok: true; path: string; stats: Stats } | { ok: false; message: string };

export const NO_MEDIA_ROOTS_MESSAGE =
  'Media serving is not configured on this server: an admin adds media roots in Settings › Organization, or starts the server with --media-root';
/** The same words whether the file is outside every root or its existence there is not ours to tell. */
export const OUTSIDE_ROOTS_MESSAGE = 'This sample’s media file is not inside a media root configured on this server';
export const MISSING_FILE_MESSAGE = 'This sample’s media file does not exist or cannot be read';
export const NOT_LOCAL_MESSAGE = 'This sample’s filepath is not an absolute local path, so the server cannot serve it';

/**
 * Resolves `filepath` to a regular file inside one of `roots` (already realpaths). The lexical check comes
 * first, so a path outside every root gets the same answer whether or not the file exists (no probing the
 * server's disk through a sample); the realpath check then stops `..` and symlinks leading out of a root.
 * `forbidden` are files never served, whatever the roots (the embedded database).
 */
export async function resolveMediaFile(
  filepath: string,
  roots: readonly string[],
  forbidden: readonly string[],
): Promise<MediaFile> {
  if (!isAbsolute(filepath) || filepath.includes('\u0000')) return { ok: false, message: NOT_LOCAL_MESSAGE };
  const lexical = resolve(filepath);
  if (!roots.some((root) => isWithin(root, lexical))) {
    // A root given through a symlinked spelling (/data → /mnt/disk/data) still counts: try the real path too.
    const real = await realpath(lexical).catch(() => undefined);
    if (!real || !roots.some((root) => isWithin(root, real))) return { ok: false, message: OUTSIDE_ROOTS_MESSAGE };
  }
  let real: string;
  let stats: Stats;
  try {
    real = await realpath(lexical);
    stats = await stat(real);
  } catch {
    return { ok: false, message: MISSING_FILE_MESSAGE };
  }
  if (!roots.some((root) => isWithin(root, real)) || forbidden.includes(real))
    return { ok: false, message: OUTSIDE_ROOTS_MESSAGE };
  if (!stats.isFile()) return { ok: false, message: MISSING_FILE_MESSAGE };
  return { ok: true, path: real, stats };
}
