// Content-Type of a media file from its extension: the image formats samples point at, else application/octet-stream.
import { extname } from 'node:path';

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/** By extension, case-insensitively. Never text/html or SVG: a file is never rendered as a page in our origin. */
export function contentTypeOf(path: string): string {
  return IMAGE_TYPES[extname(path).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}

/** Types every current browser shows in an <img> (TIFF is not among them). */
const BROWSER_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp']);

export function isBrowserImage(contentType: string): boolean {
  return BROWSER_IMAGE_TYPES.has(contentType);
}
