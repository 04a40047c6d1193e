// renderThumbnail: JPEG and PNG in, an upright JPEG no larger than asked out; other formats, huge and broken images refused.
import { describe, expect, it } from 'vitest';
import { decodeJpeg, jpegBytes, pngBytes } from '../test-support/test-images.js';
import { downscale, fitInside } from './downscale.js';
import { jpegSize, pngSize, sniffFormat } from './image-probe.js';
import { renderThumbnail } from './thumbnail-render.js';

const RED: [number, number, number] = [220, 40, 40];
const BLUE: [number, number, number] = [40, 40, 220];

function near(actual: number[], expected: number[], tolerance = 24): boolean {
  return expected.every((value, i) => Math.abs((actual[i] ?? -1000) - value) <= tolerance);
}

function rendered(bytes: Uint8Array, size = 256) {
  const result = renderThumbnail(bytes, size);
  if (!result.ok) throw new Error(`not rendered: ${result.message}`);
  const image = decodeJpeg(result.jpeg);
  expect([image.width, image.height]).toEqual([result.width, result.height]);
  return image;
}

describe('image probing', () => {
  it('knows formats by their first bytes and reads PNG and JPEG sizes from the header', () => {
    expect(sniffFormat(pngBytes(3, 2))).toBe('png');
    expect(sniffFormat(jpegBytes(3, 2))).toBe('jpeg');
    expect(sniffFormat(Buffer.from('GIF89a......'))).toBe('gif');
    expect(sniffFormat(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('unknown');
    expect(pngSize(pngBytes(37, 21))).toEqual({ width: 37, height: 21 });
    expect(jpegSize(jpegBytes(37, 21, { orientation: 6 }))).toEqual({ width: 37, height: 21 });
  });
});

describe('fitInside and downscale', () => {
  it('fits the long side, keeps the aspect, never enlarges', () => {
    expect(fitInside(1024, 768, 256)).toEqual({ width: 256, height: 192 });
    expect(fitInside(300, 3000, 256)).toEqual({ width: 26, height: 256 });
    expect(fitInside(100, 50, 256)).toEqual({ width: 100, height: 50 });
    expect(fitInside(10_000, 1, 256)).toEqual({ width: 256, height: 1 });
  });

  it('averages areas: a 1-pixel checkerboard becomes its mean grey, transparency becomes white', () => {
    const data = new Uint8Array(8 * 8 * 4);
    for (let i = 0; i < 64; i++) data.set((i + Math.floor(i / 8)) % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255], i * 4);
    const grey = downscale({ width: 8, height: 8, data }, 3, 3);
    for (let i = 0; i < 9; i++)
      expect(near([...grey.data.subarray(i * 4, i * 4 + 4)], [128, 128, 128, 255], 20)).toBe(true);
    const clear = downscale({ width: 2, height: 2, data: new Uint8Array(16) }, 1, 1);
    expect([...clear.data]).toEqual([255, 255, 255, 255]);
  });
});

describe('renderThumbnail', () => {
  it('a large JPEG becomes a JPEG whose long side is the size asked, picture intact', () => {
    const image = rendered(jpegBytes(1000, 600), 256);
    expect([image.width, image.height]).toEqual([256, 154]);
    expect(near(image.pixel(10, 77), RED)).toBe(true);
    expect(near(image.pixel(245, 77), BLUE)).toBe(true);
  });

  it('a PNG becomes a JPEG too; a small one keeps its size', () => {
    expect([rendered(pngBytes(600, 1200), 128).width, rendered(pngBytes(600, 1200), 128).height]).toEqual([64, 128]);
    const small = rendered(pngBytes(40, 30), 256);
    expect([small.width, small.height]).toEqual([40, 30]);
  });

  it.each([
    // [orientation, width×height of the thumbnail, colour at its top-left and bottom-right]
    [1, [256, 128], RED, BLUE],
    [3, [256, 128], BLUE, RED], // turned half round
    [6, [128, 256], RED, BLUE], // a quarter clockwise: the left half (red) ends up on top
    [8, [128, 256], BLUE, RED], // a quarter anticlockwise: the right half (blue) ends up on top
    [2, [256, 128], BLUE, RED], // mirrored
  ] as const)('applies EXIF orientation %i as a browser does', (orientation, size, topLeft, bottomRight) => {
    const image = rendered(jpegBytes(512, 256, { orientation }), 256);
    expect([image.width, image.height]).toEqual(size);
    expect(near(image.pixel(4, 4), [...topLeft])).toBe(true);
    expect(near(image.pixel(image.width - 5, image.height - 5), [...bottomRight])).toBe(true);
  });

  it('refuses other formats (unsupported), broken files (undecodable) and decompression bombs (too-large) without decoding them', () => {
    expect(renderThumbnail(Buffer.from('GIF89a\x01\x00\x01\x00'), 256)).toMatchObject({
      ok: false,
      reason: 'unsupported',
      message: expect.stringContaining('GIF'),
    });
    expect(renderThumbnail(Buffer.from('plain text, not an image'), 256)).toMatchObject({
      ok: false,
      reason: 'unsupported',
    });
    const truncated = jpegBytes(64, 64).subarray(0, 40);
    expect(renderThumbnail(truncated, 256)).toMatchObject({ ok: false, reason: 'undecodable' });
    // A valid PNG header declaring 100 000 × 100 000 pixels: 40 GB decoded, refused from the header alone.
    const bomb = Buffer.from(pngBytes(1, 1));
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    expect(renderThumbnail(bomb, 256)).toMatchObject({
      ok: false,
      reason: 'too-large',
      message: expect.stringContaining('100000×100000'),
    });
    expect(renderThumbnail(jpegBytes(200, 200), 256, { maxInputBytes: 1e9, maxInputPixels: 10_000 })).toMatchObject({
      ok: false,
      reason: 'too-large',
    });
  });
});
