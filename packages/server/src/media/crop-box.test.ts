// Crop boxes: parsing the query, one name per box, and the pixels cut out (clamped, never empty).
import { describe, expect, it } from 'vitest';
import { cropImage, cropKey, parseCrop } from './crop-box.js';

/** A w×h image whose pixel (x, y) has red x and green y. */
function ramp(width: number, height: number) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 0, 255], (y * width + x) * 4);
  return { width, height, data };
}

describe('crop boxes', () => {
  it('parses x,y,width,height within 0–1 with a positive size, and nothing else', () => {
    expect(parseCrop('0.1,0.2,0.3,0.4')).toEqual({ x: 0.1, y: 0.2, width: 0.3, height: 0.4 });
    expect(parseCrop('0,0,1,1')).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    for (const bad of ['0,0,0,1', '0,0,1', '0,0,1,1,1', '-0.1,0,1,1', '0,0,1.01,1', 'a,0,1,1', ''])
      expect(parseCrop(bad), bad).toBeUndefined();
  });

  it('names equal boxes alike', () => {
    expect(cropKey({ x: 0.5, y: 0.25, width: 0.5, height: 0.5 })).toBe(
      cropKey(parseCrop('0.500,0.2500000001,0.5,0.50') as never),
    );
  });

  it('cuts the box out, clamps it to the image and keeps at least a pixel', () => {
    const image = ramp(10, 8);
    const cut = cropImage(image, { x: 0.2, y: 0.25, width: 0.3, height: 0.5 });
    expect([cut.width, cut.height]).toEqual([3, 4]);
    expect([...cut.data.subarray(0, 4)]).toEqual([2, 2, 0, 255]);
    expect([...cut.data.subarray(cut.data.length - 4)]).toEqual([4, 5, 0, 255]);
    const edge = cropImage(image, { x: 0.9, y: 0.9, width: 0.5, height: 0.5 });
    expect([edge.width, edge.height]).toEqual([1, 1]);
    expect([...edge.data]).toEqual([9, 7, 0, 255]);
    const sliver = cropImage(image, { x: 1, y: 0, width: 0.001, height: 0.001 });
    expect([sliver.width, sliver.height]).toEqual([1, 1]);
  });
});
