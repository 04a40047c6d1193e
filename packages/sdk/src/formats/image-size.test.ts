// Image sizes from headers: JPEG (also behind other segments), PNG, GIF, BMP, WebP; anything else is unknown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jpegBytes, pngBytes } from '../test-support/tiny-images.js';
import { imageSizeFromHeader, readImageSize } from './image-size.js';

const dir = mkdtempSync(join(tmpdir(), 'teamset-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('readImageSize', () => {
  it('reads JPEG and PNG files', async () => {
    expect(await readImageSize(file('a.jpg', jpegBytes(37, 21)))).toEqual({
      width: 37,
      height: 21,
      mimeType: 'image/jpeg',
    });
    expect(await readImageSize(file('b.png', pngBytes(640, 480)))).toEqual({
      width: 640,
      height: 480,
      mimeType: 'image/png',
    });
  });

  it('finds the JPEG frame header behind a large EXIF segment and fill bytes', async () => {
    const jpeg = jpegBytes(1920, 1080);
    const exif = Buffer.alloc(70_000, 0x41);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0xff, 0xff]), exif.subarray(0, 0xffff - 2)]);
    const withExif = Buffer.concat([jpeg.subarray(0, 2), app1, Buffer.from([0xff, 0xff]), jpeg.subarray(2)]);
    expect(await readImageSize(file('exif.jpg', withExif))).toEqual({
      width: 1920,
      height: 1080,
      mimeType: 'image/jpeg',
    });
  });

  it('is undefined for a missing, truncated or unknown file', async () => {
    expect(await readImageSize(join(dir, 'missing.jpg'))).toBeUndefined();
    expect(await readImageSize(file('cut.jpg', jpegBytes(10, 10).subarray(0, 30)))).toBeUndefined();
    expect(await readImageSize(file('text.jpg', Buffer.from('not an image at all')))).toBeUndefined();
  });
});

describe('imageSizeFromHeader', () => {
  it('reads GIF, BMP and the three WebP variants', () => {
    const gif = Buffer.from('GIF89a\x20\x03\x58\x02', 'latin1');
    expect(imageSizeFromHeader(gif)).toEqual({ width: 800, height: 600, mimeType: 'image/gif' });

    const bmp = Buffer.alloc(30);
    bmp.write('BM', 0, 'latin1');
    bmp.writeInt32LE(123, 18);
    bmp.writeInt32LE(-45, 22);
    expect(imageSizeFromHeader(bmp)).toEqual({ width: 123, height: 45, mimeType: 'image/bmp' });

    const webp = (kind: string, fill: (b: Buffer) => void) => {
      const b = Buffer.alloc(30);
      b.write('RIFF', 0, 'latin1');
      b.write('WEBP', 8, 'latin1');
      b.write(kind, 12, 'latin1');
      fill(b);
      return imageSizeFromHeader(b);
    };
    expect(webp('VP8 ', (b) => (b.writeUInt16LE(300, 26), b.writeUInt16LE(200, 28)))).toEqual({
      width: 300,
      height: 200,
      mimeType: 'image/webp',
    });
    expect(webp('VP8L', (b) => b.writeUInt32LE((299 & 0x3fff) | ((199 & 0x3fff) << 14), 21))).toEqual({
      width: 300,
      height: 200,
      mimeType: 'image/webp',
    });
    expect(webp('VP8X', (b) => (b.writeUIntLE(299, 24, 3), b.writeUIntLE(199, 27, 3)))).toEqual({
      width: 300,
      height: 200,
      mimeType: 'image/webp',
    });
    expect(imageSizeFromHeader(Buffer.from('II*\0', 'latin1'))).toBeUndefined();
  });
});
