// labelCounts: list labels count their items, single labels count one, built-ins and plain fields are not labels.
import type { Sample } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { labelCounts } from './label-counts';

const base: Sample = {
  id: 'a'.repeat(24),
  filepath: '/x.jpg',
  tags: ['t'],
  metadata: null,
  created_at: '2026-01-01T00:00:00Z',
  last_modified_at: '2026-01-01T00:00:00Z',
};

describe('labelCounts', () => {
  it('counts the items of list labels and one for single labels, sorted by field', () => {
    const sample: Sample = {
      ...base,
      predictions: {
        _cls: 'Detections',
        detections: [
          { _cls: 'Detection', label: 'cat' },
          { _cls: 'Detection', label: 'dog' },
        ],
      },
      ground_truth: { _cls: 'Classification', label: 'cat', confidence: 0.9 },
      keypoints: { _cls: 'Keypoints', keypoints: [] },
    };
    expect(labelCounts(sample)).toEqual([
      { field: 'ground_truth', cls: 'Classification', count: 1 },
      { field: 'keypoints', cls: 'Keypoints', count: 0 },
      { field: 'predictions', cls: 'Detections', count: 2 },
    ]);
  });

  it('ignores built-in fields, scalars, lists and objects without _cls', () => {
    const sample: Sample = {
      ...base,
      metadata: { _cls: 'ImageMetadata', width: 10 },
      uniqueness: 0.4,
      notes: { text: 'x' },
      scores: [1, 2],
    };
    expect(labelCounts(sample)).toEqual([]);
  });

  it('a label holding a list of plain values (a polyline’s points) is one label', () => {
    const sample: Sample = {
      ...base,
      road: {
        _cls: 'Polyline',
        points: [
          [
            [0, 0],
            [1, 1],
          ],
        ],
        closed: false,
      },
    };
    expect(labelCounts(sample)).toEqual([{ field: 'road', cls: 'Polyline', count: 1 }]);
  });
});
