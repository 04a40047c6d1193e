// Label shapes: which fields are drawn, each label class as its shape, stacking, bounds and the SVG coordinates.
import type { FieldInfo, Sample } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { labelColor } from './label-boxes';
import {
  boxShape,
  captionTextColor,
  describeShapes,
  fieldShapes,
  labelAnchor,
  labelShapes,
  shapeBounds,
  shapeCaption,
  shapeFields,
  svgPoints,
} from './label-shapes';

const sample = {
  id: 'a'.repeat(24),
  filepath: '/data/a.jpg',
  tags: [],
  metadata: null,
  created_at: '',
  last_modified_at: '',
  ground_truth: {
    _cls: 'Detections',
    detections: [
      { _cls: 'Detection', id: 'd1', label: 'cat', bounding_box: [0.1, 0.2, 0.3, 0.4], confidence: 0.9, iscrowd: 0 },
      { _cls: 'Detection', id: 'd2', label: 'big', bounding_box: [0, 0, 0.9, 0.9], tags: ['checked'] },
      { _cls: 'Detection', label: 'broken', bounding_box: [0.5, 0.5] },
    ],
  },
  pose: {
    _cls: 'Keypoints',
    keypoints: [
      {
        _cls: 'Keypoint',
        id: 'k1',
        label: 'person',
        points: [
          [0.2, 0.3],
          [null, null],
          [0.4, 0.1],
        ],
      },
      { _cls: 'Keypoint', id: 'k2', label: 'empty', points: [[null, null]] },
    ],
  },
  lanes: {
    _cls: 'Polylines',
    polylines: [
      {
        _cls: 'Polyline',
        id: 'p1',
        label: 'lane',
        points: [
          [
            [0, 1],
            [0.5, 0.5],
          ],
          [],
        ],
        closed: false,
        filled: false,
      },
      {
        _cls: 'Polyline',
        id: 'p2',
        label: 'road',
        points: [
          [
            [0.1, 0.9],
            [0.9, 0.9],
            [0.5, 0.6],
          ],
        ],
        closed: true,
        filled: true,
      },
    ],
  },
  best: { _cls: 'Detection', id: 'b1', label: 'dog', bounding_box: [0.5, 0.5, 0.1, 0.1] },
  nose: { _cls: 'Keypoint', label: 'nose', points: [[0.5, 0.5]] },
  weather: { _cls: 'Classification', label: 'rain' },
} as Sample;

describe('shapeFields', () => {
  it('lists top-level Detection(s), Keypoint(s) and Polyline(s) fields in schema order', () => {
    const fields: FieldInfo[] = [
      { path: 'filepath', type: 'string', builtin: true },
      { path: 'ground_truth', type: 'Detections', builtin: false },
      { path: 'ground_truth.detections.iscrowd', type: 'float', builtin: false },
      { path: 'weather', type: 'Classification', builtin: false },
      { path: 'pose', type: 'Keypoints', builtin: false },
      { path: 'lanes', type: 'Polylines', builtin: false },
      { path: 'nose', type: 'Keypoint', builtin: false },
    ];
    expect(shapeFields(fields)).toEqual(['ground_truth', 'pose', 'lanes', 'nose']);
  });
});

describe('fieldShapes', () => {
  it('reads boxes with their id, confidence, tags and custom attributes; skips malformed ones', () => {
    expect(fieldShapes(sample, 'ground_truth')).toEqual([
      {
        kind: 'box',
        field: 'ground_truth',
        id: 'd1',
        label: 'cat',
        color: labelColor('cat'),
        confidence: 0.9,
        tags: [],
        attributes: { iscrowd: 0 },
        x: 0.1,
        y: 0.2,
        w: 0.3,
        h: 0.4,
      },
      {
        kind: 'box',
        field: 'ground_truth',
        id: 'd2',
        label: 'big',
        color: labelColor('big'),
        tags: ['checked'],
        attributes: {},
        x: 0,
        y: 0,
        w: 0.9,
        h: 0.9,
      },
    ]);
  });

  it('reads keypoints without their missing points, and drops a keypoint with none', () => {
    const shapes = fieldShapes(sample, 'pose');
    expect(shapes).toHaveLength(1);
    expect(shapes[0]).toMatchObject({
      kind: 'points',
      id: 'k1',
      label: 'person',
      points: [
        [0.2, 0.3],
        [0.4, 0.1],
      ],
    });
  });

  it('reads polylines with their paths (empty ones left out), closed and filled', () => {
    const [lane, road] = fieldShapes(sample, 'lanes');
    expect(lane).toMatchObject({
      kind: 'polyline',
      paths: [
        [
          [0, 1],
          [0.5, 0.5],
        ],
      ],
      closed: false,
      filled: false,
    });
    expect(road).toMatchObject({ kind: 'polyline', closed: true, filled: true });
  });

  it('reads single labels; other classes, missing fields and non-labels give nothing', () => {
    expect(fieldShapes(sample, 'best')).toMatchObject([{ kind: 'box', id: 'b1', label: 'dog' }]);
    expect(fieldShapes(sample, 'nose')).toMatchObject([{ kind: 'points', id: undefined, points: [[0.5, 0.5]] }]);
    expect(fieldShapes(sample, 'weather')).toEqual([]);
    expect(fieldShapes(sample, 'absent')).toEqual([]);
    expect(fieldShapes(sample, 'filepath')).toEqual([]);
  });
});

describe('labelShapes', () => {
  it('draws big boxes first, so smaller ones, points and lines are on top to point at', () => {
    const order = labelShapes(sample, ['ground_truth', 'pose', 'lanes', 'best']).map((s) => s.id);
    expect(order).toEqual(['d2', 'd1', 'b1', 'k1', 'p1', 'p2']);
  });
});

describe('geometry', () => {
  it('bounds and the name anchor of each kind', () => {
    const [person] = fieldShapes(sample, 'pose');
    const [, road] = fieldShapes(sample, 'lanes');
    const [cat] = fieldShapes(sample, 'ground_truth');
    if (!person || !road || !cat) throw new Error('fixture');
    expect(shapeBounds(cat)).toEqual({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 });
    const bounds = shapeBounds(person);
    expect(bounds.x).toBeCloseTo(0.2);
    expect(bounds.y).toBeCloseTo(0.1);
    expect(bounds.w).toBeCloseTo(0.2);
    expect(bounds.h).toBeCloseTo(0.2);
    expect(labelAnchor(road)).toEqual([0.1, 0.6]);
    expect(labelAnchor(cat)).toEqual([0.1, 0.2]);
  });

  it('scales points to the picture for SVG', () => {
    expect(
      svgPoints(
        [
          [0.5, 0.25],
          [1, 1 / 3],
        ],
        640,
        480,
      ),
    ).toBe('320,120 640,160');
  });

  it('captions with or without the confidence, and describes the picture', () => {
    const shapes = fieldShapes(sample, 'ground_truth');
    expect(shapes.map((s) => shapeCaption(s, true))).toEqual(['cat 0.90', 'big']);
    expect(shapes.map((s) => shapeCaption(s, false))).toEqual(['cat', 'big']);
    expect(describeShapes('a.jpg', [...shapes, ...shapes])).toBe('a.jpg: 2 cat, 2 big');
    expect(describeShapes('a.jpg', [])).toBe('a.jpg');
  });

  it('turns a label-boxes box into a box shape', () => {
    expect(boxShape({ x: 0.1, y: 0.2, w: 0.3, h: 0.4, label: 'cat', color: '#000', confidence: 0.5 })).toMatchObject({
      kind: 'box',
      label: 'cat',
      confidence: 0.5,
      x: 0.1,
      w: 0.3,
    });
  });
});

describe('captionTextColor', () => {
  it('picks the text colour with the better contrast, at least 4.5:1 on any colour', () => {
    expect(captionTextColor('#000000')).toBe('#fff');
    expect(captionTextColor('#ffffff')).toBe('#000');
    expect(captionTextColor('#862e9c')).toBe('#fff');
    expect(captionTextColor('#f08c00')).toBe('#000');
    expect(captionTextColor('not a colour')).toBe('#fff');
  });
});
