// Media-root paths: validating a directory an admin names (absolute, existing, realpath) and the "is it inside" test.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { MEDIA_ROOT_MAX_LENGTH } from '@teamset/contract';

/** Why a path cannot be a media root, as a sentence for the admin. */
export type MediaRootProblem = { message: string };

/** True when `path` is `root` itself or lies below it; both must already be resolved (no `..`, no symlinks). */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** The path with symlinks resolved where it exists; else the lexical absolute form (a directory not created yet). */
export async function realpathOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/**
 * A media root as stored: the realpath of an existing directory given by an absolute path. Roots that would
 * expose Teamset's own files (its home folder with the embedded database, or the database file) are refused:
 * an editor could otherwise point a sample at the database and download password and key hashes.
 */
export async function resolveMediaRoot(
  input: string,
  protectedPaths: readonly string[],
): Promise<{ path: string } | MediaRootProblem> {
  const given = input.trim();
  if (given === '') return { message: 'A media root must not be empty' };
  if (given.length > MEDIA_ROOT_MAX_LENGTH)
    return { message: `A media root must be at most ${MEDIA_ROOT_MAX_LENGTH} characters` };
  if (given.includes('\u0000')) return { message: 'A media root must not contain NUL characters' };
  if (!isAbsolute(given))
    return { message: `“${given}” is not an absolute path: give the full path of a directory, e.g. /data/images` };
  let path: string;
  try {
    path = await realpath(given);
  } catch {
    return { message: `“${given}” does not exist (or the server cannot reach it)` };
  }
  try {
    if (!(await stat(path)).isDirectory()) return { message: `“${given}” is not a directory` };
  } catch {
    return { message: `“${given}” cannot be read by the server` };
  }
  if (path === resolve('/'))
    return { message: 'The filesystem root cannot be a media root: it would serve every file on this machine' };
  if (protectedPaths.some((p) => isWithin(path, p)))
    return { message: `“${given}” holds Teamset’s own data (its database or home folder) and cannot be a media root` };
  return { path };
}

/** Whether a root's directory exists and can be listed right now (shown to admins). */
export async function isAvailableDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
