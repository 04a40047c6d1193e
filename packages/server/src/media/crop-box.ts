// Patch tiles: a box of the upright image (FiftyOne's relative [x, y, width, height]) parsed, named and cut out.
import type { RgbaImage } from './downscale.js';

export interface CropBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Digits kept in the canonical form: 1e-6 of a 100k-pixel side is below a pixel, and equal boxes share a cache file. */
const PLACES = 6;

/** The box of a `crop` query ("x,y,w,h", each 0–1, width and height above 0), or undefined when it is not one. */
export function parseCrop(text: string): CropBox | undefined {
  const parts = text.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n < 0 || n > 1)) return undefined;
  const [x, y, width, height] = parts as [number, number, number, number];
  if (width <= 0 || height <= 0) return undefined;
  return { x, y, width, height };
}

/** One text per box, for cache file names and validators. */
export function cropKey(box: CropBox): string {
  return [box.x, box.y, box.width, box.height].map((n) => Number(n.toFixed(PLACES))).join(',');
}

/** The pixels of `box` (clamped to the image, at least one pixel each way). */
export function cropImage(image: RgbaImage, box: CropBox): RgbaImage {
  const left = Math.min(image.width - 1, Math.floor(box.x * image.width));
  const top = Math.min(image.height - 1, Math.floor(box.y * image.height));
  const right = Math.max(left + 1, Math.min(image.width, Math.ceil((box.x + box.width) * image.width)));
  const bottom = Math.max(top + 1, Math.min(image.height, Math.ceil((box.y + box.height) * image.height)));
  const width = right - left;
  const height = bottom - top;
  const data = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((top + row) * image.width + left) * 4;
    data.set(image.data.subarray(from, from + width * 4), row * width * 4);
  }
  return { width, height, data };
}
