// Makes one thumbnail: JPEG or PNG bytes in (pure-JS decoders), a small upright JPEG out; refuses what would blow up memory.
import { readFile, stat } from 'node:fs/promises';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { cropImage, type CropBox } from './crop-box.js';
import { downscale, fitInside, orient, swapsSides, type RgbaImage } from './downscale.js';
import { jpegOrientation } from './exif-orientation.js';
import { jpegSize, pngSize, sniffFormat, type PixelSize } from './image-probe.js';

export interface RenderLimits {
  /** Files above this are not read at all. */
  maxInputBytes: number;
  /** Width × height above this is refused before decoding (a small file can declare a huge image). */
  maxInputPixels: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = { maxInputBytes: 64 * 1024 * 1024, maxInputPixels: 50_000_000 };
export const THUMBNAIL_QUALITY = 80;

/** `unsupported`: a format we do not decode; `too-large`: over the limits; `undecodable`: corrupt or a variant the decoder lacks. */
export type RenderFailure = 'unsupported' | 'too-large' | 'undecodable';

export type RenderResult =
  { ok: true; jpeg: Uint8Array; width: number; height: number } | { ok: false; reason: RenderFailure; message: string };

function decode(bytes: Uint8Array, format: 'jpeg' | 'png', limits: RenderLimits): RgbaImage {
  if (format === 'png') {
    const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: png.data };
  }
  const image = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    tolerantDecoding: true,
    maxResolutionInMP: limits.maxInputPixels / 1e6,
    maxMemoryUsageInMB: 1024,
  });
  return { width: image.width, height: image.height, data: image.data };
}

export function renderThumbnail(
  bytes: Uint8Array,
  maxSide: number,
  limits: RenderLimits = DEFAULT_RENDER_LIMITS,
  crop?: CropBox,
): RenderResult {
  const format = sniffFormat(bytes);
  if (format !== 'jpeg' && format !== 'png')
    return {
      ok: false,
      reason: 'unsupported',
      message: `Thumbnails are made from JPEG and PNG images; this file is ${format === 'unknown' ? 'not an image the server recognises' : format.toUpperCase()}`,
    };
  const declared: PixelSize | undefined = format === 'png' ? pngSize(bytes) : jpegSize(bytes);
  if (!declared || declared.width === 0 || declared.height === 0)
    return { ok: false, reason: 'undecodable', message: 'The image header could not be read' };
  if (declared.width * declared.height > limits.maxInputPixels) {
    return {
      ok: false,
      reason: 'too-large',
      message: `The image is ${declared.width}×${declared.height} pixels, above the ${limits.maxInputPixels / 1e6} megapixels a thumbnail is made from`,
    };
  }
  let image: RgbaImage;
  try {
    image = decode(bytes, format, limits);
  } catch (error) {
    return {
      ok: false,
      reason: 'undecodable',
      message: `The image could not be decoded (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const orientation = format === 'jpeg' ? jpegOrientation(bytes) : 1;
  if (crop) {
    // Boxes are relative to the picture as shown: turn it upright first, then cut.
    const region = cropImage(orient(image, orientation), crop);
    const fitted = fitInside(region.width, region.height, maxSide);
    return encoded(downscale(region, fitted.width, fitted.height));
  }
  // Fit the upright picture: a quarter turn swaps which side is the long one.
  const upright = swapsSides(orientation)
    ? { width: image.height, height: image.width }
    : { width: image.width, height: image.height };
  const size = fitInside(upright.width, upright.height, maxSide);
  const small = downscale(
    image,
    swapsSides(orientation) ? size.height : size.width,
    swapsSides(orientation) ? size.width : size.height,
  );
  return encoded(orient(small, orientation));
}

function encoded(thumbnail: RgbaImage): RenderResult {
  const out = jpeg.encode(
    { width: thumbnail.width, height: thumbnail.height, data: thumbnail.data },
    THUMBNAIL_QUALITY,
  );
  return {
    ok: true,
    jpeg: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
    width: thumbnail.width,
    height: thumbnail.height,
  };
}

/** Reads the file (bounded) and renders it; what a worker runs. */
export async function renderThumbnailFile(
  path: string,
  maxSide: number,
  limits: RenderLimits = DEFAULT_RENDER_LIMITS,
  crop?: CropBox,
): Promise<RenderResult> {
  const { size } = await stat(path);
  if (size > limits.maxInputBytes)
    return {
      ok: false,
      reason: 'too-large',
      message: `The file is ${size} bytes, above the ${limits.maxInputBytes} a thumbnail is made from`,
    };
  return renderThumbnail(await readFile(path), maxSide, limits, crop);
}
