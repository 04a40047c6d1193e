// Width and height of an image from its header (JPEG, PNG, GIF, BMP, WebP), read with a few small reads and no decoding.
import { open, type FileHandle } from 'node:fs/promises';

export interface ImageSize {
  width: number;
  height: number;
  /** `image/jpeg`, `image/png`, … */
  mimeType: string;
}

/** Enough for every header but JPEG's, whose size marker can sit behind EXIF data and is found by seeking. */
const HEAD_BYTES = 64;
/** JPEG segments are skipped by their lengths; a file with more than this many before its frame header is not believed. */
const MAX_JPEG_SEGMENTS = 512;

/** The size of the image at `path`, or undefined when it is missing, unreadable or not one of the formats above. */
export async function readImageSize(path: string): Promise<ImageSize | undefined> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(head, 0, HEAD_BYTES, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return await jpegSize(file);
    return imageSizeFromHeader(bytes);
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

/** PNG, GIF, BMP and WebP sizes from the first 64 bytes; undefined for anything else. */
export function imageSizeFromHeader(b: Buffer): ImageSize | undefined {
  // PNG: signature, then the IHDR chunk's width and height (big-endian).
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return sized(b.readUInt32BE(16), b.readUInt32BE(20), 'image/png');
  }
  if (b.length >= 10 && b.toString('latin1', 0, 3) === 'GIF')
    return sized(b.readUInt16LE(6), b.readUInt16LE(8), 'image/gif');
  // BMP: BITMAPINFOHEADER width and height (height negative for top-down bitmaps).
  if (b.length >= 26 && b.toString('latin1', 0, 2) === 'BM')
    return sized(Math.abs(b.readInt32LE(18)), Math.abs(b.readInt32LE(22)), 'image/bmp');
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return webpSize(b);
  return undefined;
}

function webpSize(b: Buffer): ImageSize | undefined {
  const kind = b.toString('latin1', 12, 16);
  if (kind === 'VP8 ') return sized(b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff, 'image/webp');
  if (kind === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return sized((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, 'image/webp');
  }
  if (kind === 'VP8X') return sized(b.readUIntLE(24, 3) + 1, b.readUIntLE(27, 3) + 1, 'image/webp');
  return undefined;
}

/** Walks the JPEG segments from the start of the file to the first frame header (SOF0–SOF15 but DHT, JPG and DAC). */
async function jpegSize(file: FileHandle): Promise<ImageSize | undefined> {
  const marker = Buffer.alloc(9);
  let offset = 2;
  for (let segments = 0; segments < MAX_JPEG_SEGMENTS; segments++) {
    const { bytesRead } = await file.read(marker, 0, 9, offset);
    if (bytesRead < 4 || marker[0] !== 0xff) return undefined;
    const type = marker[1] as number;
    // Fill bytes (0xFF 0xFF…) may precede a marker.
    if (type === 0xff) {
      offset++;
      continue;
    }
    const isFrame = type >= 0xc0 && type <= 0xcf && type !== 0xc4 && type !== 0xc8 && type !== 0xcc;
    if (isFrame) return bytesRead < 9 ? undefined : sized(marker.readUInt16BE(7), marker.readUInt16BE(5), 'image/jpeg');
    if (type === 0xd9 || type === 0xda) return undefined;
    offset += 2 + marker.readUInt16BE(2);
  }
  return undefined;
}

function sized(width: number, height: number, mimeType: string): ImageSize | undefined {
  return width > 0 && height > 0 ? { width, height, mimeType } : undefined;
}
