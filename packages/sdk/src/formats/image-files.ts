// Finding images on disk: which names are images, and every image under a directory in a stable order.
import { readdir } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';

export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.gif',
  '.bmp',
  '.webp',
  '.tif',
  '.tiff',
]);

export function isImagePath(path: string): boolean {
  return IMAGE_EXTENSIONS.has(extname(path).toLowerCase());
}

/** Image files under `dir`, recursively, as paths relative to `dir`, sorted (so imports are repeatable). */
export async function listImages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    // Symlinks too: an export made with media: 'symlink' must import again.
    if ((entry.isFile() || entry.isSymbolicLink()) && isImagePath(entry.name))
      out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}
