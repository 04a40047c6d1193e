// The charts' path choices from a schema, and histogram bin names.
import type { FieldInfo } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { binName, classPaths, numericPaths } from './chart-fields';

const fields: FieldInfo[] = [
  { path: 'filepath', type: 'string', builtin: true },
  { path: 'tags', type: 'list<string>', builtin: true },
  { path: 'metadata.width', type: 'int', builtin: true },
  { path: 'ground_truth', type: 'Detections', builtin: false },
  { path: 'ground_truth.detections.iscrowd', type: 'float', builtin: false },
  { path: 'pose', type: 'Keypoints', builtin: false },
  { path: 'lanes', type: 'Polylines', builtin: false },
  { path: 'weather', type: 'Classification', builtin: false },
  { path: 'depth', type: 'Regression', builtin: false },
  { path: 'camera', type: 'string', builtin: false },
  { path: 'uniqueness', type: 'float', builtin: false },
];

describe('chart paths', () => {
  it('classes: label names of every label field, then tags, then string fields', () => {
    expect(classPaths(fields)).toEqual([
      'ground_truth.detections.label',
      'pose.keypoints.label',
      'lanes.polylines.label',
      'weather.label',
      'tags',
      'camera',
    ]);
  });

  it('numbers: confidences (not of keypoints), regression values, numeric fields', () => {
    expect(numericPaths(fields)).toEqual([
      'ground_truth.detections.confidence',
      'lanes.polylines.confidence',
      'weather.confidence',
      'depth.value',
      'metadata.width',
      'ground_truth.detections.iscrowd',
      'uniqueness',
    ]);
  });

  it('names bins by their edges', () => {
    expect(binName(0, 0.25)).toBe('0–0.25');
    expect(binName(0.3333333, 0.6666666)).toBe('0.333–0.667');
  });
});
