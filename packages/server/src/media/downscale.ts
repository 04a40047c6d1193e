// Pixel work for thumbnails: fit-inside sizes, an area-averaging (box) downscale over white, and EXIF orientation.
export interface RgbaImage {
  width: number;
  height: number;
  /** 4 bytes a pixel, row by row. */
  data: Uint8Array;
}

/** The size of an image scaled to fit a square of `maxSide`, aspect kept, never enlarged, never below 1 px. */
export function fitInside(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** For each output cell, the source cells it covers and the share of each (shares add up to 1). */
function coverage(source: number, target: number): Array<{ from: number; weights: Float64Array }> {
  const step = source / target;
  const out: Array<{ from: number; weights: Float64Array }> = [];
  for (let i = 0; i < target; i++) {
    const start = i * step;
    const end = Math.min(source, start + step);
    const from = Math.floor(start);
    const to = Math.min(source, Math.ceil(end));
    const weights = new Float64Array(to - from);
    for (let s = from; s < to; s++) weights[s - from] = (Math.min(end, s + 1) - Math.max(start, s)) / step;
    out.push({ from, weights });
  }
  return out;
}

/**
 * Averages every source pixel into the output pixel whose area it falls in (a box filter with fractional
 * edges): no aliasing at any reduction, unlike sampling. Transparent pixels are composited over white first,
 * as JPEG has no alpha. Returns RGBA with opaque alpha (what the JPEG encoder reads).
 */
export function downscale(image: RgbaImage, width: number, height: number): RgbaImage {
  const { data, width: sw, height: sh } = image;
  const columns = coverage(sw, width);
  const rows = coverage(sh, height);
  // Horizontal pass: sw×sh → width×sh, 3 float channels.
  const mid = new Float32Array(width * sh * 3);
  for (let y = 0; y < sh; y++) {
    const rowStart = y * sw * 4;
    for (let x = 0; x < width; x++) {
      const { from, weights } = columns[x] as { from: number; weights: Float64Array };
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < weights.length; k++) {
        const p = rowStart + (from + k) * 4;
        const w = weights[k] as number;
        const alpha = (data[p + 3] as number) / 255;
        const white = 255 * (1 - alpha);
        r += w * ((data[p] as number) * alpha + white);
        g += w * ((data[p + 1] as number) * alpha + white);
        b += w * ((data[p + 2] as number) * alpha + white);
      }
      const q = (y * width + x) * 3;
      mid[q] = r;
      mid[q + 1] = g;
      mid[q + 2] = b;
    }
  }
  // Vertical pass: width×sh → width×height.
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const { from, weights } = rows[y] as { from: number; weights: Float64Array };
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < weights.length; k++) {
        const q = ((from + k) * width + x) * 3;
        const w = weights[k] as number;
        r += w * (mid[q] as number);
        g += w * (mid[q + 1] as number);
        b += w * (mid[q + 2] as number);
      }
      const p = (y * width + x) * 4;
      out[p] = Math.round(r);
      out[p + 1] = Math.round(g);
      out[p + 2] = Math.round(b);
      out[p + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** Whether the orientation turns the picture a quarter (width and height swap). */
export function swapsSides(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

/** Applies EXIF orientation 2–8 (mirror and/or quarter turns), so the picture shows upright as a browser shows the original. */
export function orient(image: RgbaImage, orientation: number): RgbaImage {
  if (orientation < 2 || orientation > 8) return image;
  const { width: w, height: h, data } = image;
  const swap = swapsSides(orientation);
  const width = swap ? h : w;
  const height = swap ? w : h;
  const out = new Uint8Array(data.length);
  for (let dy = 0; dy < height; dy++) {
    for (let dx = 0; dx < width; dx++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2:
          [sx, sy] = [w - 1 - dx, dy];
          break;
        case 3:
          [sx, sy] = [w - 1 - dx, h - 1 - dy];
          break;
        case 4:
          [sx, sy] = [dx, h - 1 - dy];
          break;
        case 5:
          [sx, sy] = [dy, dx];
          break;
        case 6:
          [sx, sy] = [dy, h - 1 - dx];
          break;
        case 7:
          [sx, sy] = [w - 1 - dy, h - 1 - dx];
          break;
        default:
          [sx, sy] = [w - 1 - dy, dx];
          break;
      }
      const s = (sy * w + sx) * 4;
      const d = (dy * width + dx) * 4;
      out[d] = data[s] as number;
      out[d + 1] = data[s + 1] as number;
      out[d + 2] = data[s + 2] as number;
      out[d + 3] = data[s + 3] as number;
    }
  }
  return { width, height, data: out };
}
