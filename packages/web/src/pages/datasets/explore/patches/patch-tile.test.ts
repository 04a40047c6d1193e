// Patch tiles: the crop around an object (with context, clamped, never empty) and a tile from a patch row.
import type { Sample } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { cropOf, patchTile } from './patch-tile';

describe('patch tiles', () => {
  it('crops the object with a tenth of its size around it, inside the image', () => {
    expect(cropOf({ x: 0.2, y: 0.2, w: 0.5, h: 0.4 })).toBe('0.15,0.16,0.6,0.48');
    expect(cropOf({ x: 0, y: 0.9, w: 0.5, h: 0.1 })).toBe('0,0.89,0.55,0.11');
    // A horizontal line has no height: the crop keeps a minimum.
    expect(cropOf({ x: 0.1, y: 0.5, w: 0.3, h: 0 })).toBe('0.07,0.498,0.36,0.024');
    expect(cropOf({ x: Number.NaN, y: 0, w: 1, h: 1 })).toBeUndefined();
  });

  it('reads the label, confidence, sample and crop of a patch', () => {
    const patch = {
      id: 'de7ec70000000000000000000101',
      filepath: '/images/a.jpg',
      tags: [],
      metadata: null,
      sample_id: '5ca1ab1e0000000000000001',
      gt: { _cls: 'Detection', id: 'x', label: 'cat', confidence: 0.9, bounding_box: [0.2, 0.2, 0.5, 0.4] },
    } as unknown as Sample;
    expect(patchTile(patch, 'gt')).toEqual({
      id: patch.id,
      sampleId: '5ca1ab1e0000000000000001',
      filepath: '/images/a.jpg',
      label: 'cat',
      confidence: 0.9,
      crop: '0.15,0.16,0.6,0.48',
    });
    const polyline = {
      ...patch,
      gt: {
        _cls: 'Polyline',
        label: 'road',
        points: [
          [
            [0.1, 0.5],
            [0.4, 0.5],
          ],
        ],
      },
    } as unknown as Sample;
    expect(patchTile(polyline, 'gt')).toMatchObject({ label: 'road', crop: '0.07,0.498,0.36,0.024' });
  });
});
