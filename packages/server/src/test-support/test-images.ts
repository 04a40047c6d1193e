// Real small images for media tests, written with the same pure-JS codecs the server decodes with.
import { writeFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';

export type Rgba = [number, number, number, number];

/** Left half `left`, right half `right`: enough structure to tell a mirrored or turned thumbnail from the upright one. */
function halves(width: number, height: number, left: Rgba, right: Rgba): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(x < width / 2 ? left : right, (y * width + x) * 4);
  }
  return data;
}

export function pngBytes(
  width: number,
  height: number,
  left: Rgba = [220, 40, 40, 255],
  right: Rgba = [40, 40, 220, 255],
): Buffer {
  const png = new pngjs.PNG({ width, height });
  halves(width, height, left, right).copy(png.data);
  return pngjs.PNG.sync.write(png);
}

/** An APP1 "Exif" segment holding only the Orientation tag (little-endian TIFF). */
function exifSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x0112, 10); // Orientation
  tiff.writeUInt16LE(3, 12); // SHORT
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt32LE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

export function jpegBytes(
  width: number,
  height: number,
  options: { orientation?: number; left?: Rgba; right?: Rgba } = {},
): Buffer {
  const encoded = jpeg.encode(
    {
      width,
      height,
      data: halves(width, height, options.left ?? [220, 40, 40, 255], options.right ?? [40, 40, 220, 255]),
    },
    90,
  ).data;
  if (!options.orientation) return encoded;
  // Right after SOI, where cameras put it.
  return Buffer.concat([encoded.subarray(0, 2), exifSegment(options.orientation), encoded.subarray(2)]);
}

export function writePng(path: string, width: number, height: number): void {
  writeFileSync(path, pngBytes(width, height));
}

export function writeJpeg(path: string, width: number, height: number, options: { orientation?: number } = {}): void {
  writeFileSync(path, jpegBytes(width, height, options));
}

/** Decodes a JPEG (what the thumbnail routes return): its size and the colour of one pixel. */
export function decodeJpeg(bytes: Uint8Array): { width: number; height: number; pixel(x: number, y: number): Rgba } {
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return {
    width: image.width,
    height: image.height,
    pixel: (x, y) => {
      const i = (y * image.width + x) * 4;
      return [image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0, image.data[i + 3] ?? 0];
    },
  };
}
