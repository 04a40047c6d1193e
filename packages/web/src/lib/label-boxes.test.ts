// Label boxes for the samples grid: which fields hold boxes, the boxes of a sample, and where a contained image sits in its frame.
import type { FieldInfo, Sample } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { boxFields, containedRect, fileName, labelBoxes, labelColor } from './label-boxes';

const base = {
  id: 'a'.repeat(24),
  filepath: '/data/a.jpg',
  tags: [],
  metadata: null,
  created_at: '',
  last_modified_at: '',
};

describe('boxFields', () => {
  it('lists top-level Detections and Detection fields in schema order', () => {
    const fields: FieldInfo[] = [
      { path: 'filepath', type: 'string', builtin: true },
      { path: 'predictions', type: 'Detections', builtin: false },
      { path: 'predictions.detections.iscrowd', type: 'float', builtin: false },
      { path: 'classification', type: 'Classification', builtin: false },
      { path: 'best', type: 'Detection', builtin: false },
    ];
    expect(boxFields(fields)).toEqual(['predictions', 'best']);
  });
});

describe('labelBoxes', () => {
  const sample = {
    ...base,
    ground_truth: {
      _cls: 'Detections',
      detections: [
        { _cls: 'Detection', label: 'cat', bounding_box: [0.1, 0.2, 0.3, 0.4], confidence: 0.9 },
        { _cls: 'Detection', label: 'dog', bounding_box: [0.5, 0.5, 0.2, 0.2] },
        { _cls: 'Detection', label: 'broken', bounding_box: [0.5, 0.5] },
        { _cls: 'Detection', label: 'nan', bounding_box: [0.5, Number.NaN, 0.1, 0.1] },
      ],
    },
    best: { _cls: 'Detection', label: 'cat', bounding_box: [0, 0, 1, 1] },
    weather: { sky: 'clear' },
  } as Sample;

  it('reads a Detections list, skipping boxes that are not four numbers', () => {
    expect(labelBoxes(sample, 'ground_truth')).toEqual([
      { x: 0.1, y: 0.2, w: 0.3, h: 0.4, label: 'cat', color: labelColor('cat'), confidence: 0.9 },
      { x: 0.5, y: 0.5, w: 0.2, h: 0.2, label: 'dog', color: labelColor('dog') },
    ]);
  });

  it('reads a single Detection; other fields, missing ones and no field give nothing', () => {
    expect(labelBoxes(sample, 'best')).toEqual([{ x: 0, y: 0, w: 1, h: 1, label: 'cat', color: labelColor('cat') }]);
    expect(labelBoxes(sample, 'weather')).toEqual([]);
    expect(labelBoxes(sample, 'absent')).toEqual([]);
    expect(labelBoxes(sample, undefined)).toEqual([]);
  });

  it('gives one label the same colour everywhere', () => {
    expect(labelColor('person')).toBe(labelColor('person'));
    expect(labelColor('person')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('containedRect', () => {
  it('a wide image in a square frame fills the width, centred vertically', () => {
    expect(containedRect(2, 1)).toEqual({ left: 0, top: 0.25, width: 1, height: 0.5 });
  });
  it('a tall image in a 4:3 frame fills the height, centred horizontally', () => {
    const rect = containedRect(0.5, 4 / 3);
    expect(rect.top).toBe(0);
    expect(rect.height).toBe(1);
    expect(rect.width).toBeCloseTo(0.375);
    expect(rect.left).toBeCloseTo(0.3125);
  });
  it('an unknown aspect uses the whole frame', () => {
    expect(containedRect(Number.NaN, 1)).toEqual({ left: 0, top: 0, width: 1, height: 1 });
  });
});

describe('fileName', () => {
  it('is the last part of the path', () => {
    expect(fileName('/data/street/frame-0001.jpg')).toBe('frame-0001.jpg');
    expect(fileName('C:\\data\\x.png')).toBe('x.png');
    expect(fileName('plain.jpg')).toBe('plain.jpg');
  });
});
