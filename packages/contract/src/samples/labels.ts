// The label classes of docs/design.md §5 (FiftyOne's): which key holds a list label's items and the typed attributes of each class.
import type { FieldType, ListLabelClass, SingleLabelClass } from './field-types.js';

/** The key under which a list label keeps its items, and their class: `Detections.detections` holds `Detection`s. */
export const LIST_LABEL_ITEMS: Readonly<Record<ListLabelClass, { key: string; itemClass: SingleLabelClass }>> = {
  Classifications: { key: 'classifications', itemClass: 'Classification' },
  Detections: { key: 'detections', itemClass: 'Detection' },
  Keypoints: { key: 'keypoints', itemClass: 'Keypoint' },
  Polylines: { key: 'polylines', itemClass: 'Polyline' },
};

/** Attributes every label has: its own id and its tags. */
const COMMON: Record<string, FieldType> = { id: 'string', tags: 'list<string>' };

/**
 * The built-in attributes of each single label class and their types. Other attributes a client puts
 * on a label (`iscrowd`, `area`) become schema entries under the label path, typed by inference like any
 * field. `points` are nested lists (`[[x, y], …]`), kept as `any`: filterable by `exists`/`length` only.
 */
export const LABEL_ATTRIBUTES: Readonly<Record<SingleLabelClass, Readonly<Record<string, FieldType>>>> = {
  Classification: { ...COMMON, label: 'string', confidence: 'float', logits: 'list<float>' },
  Detection: { ...COMMON, label: 'string', bounding_box: 'list<float>', confidence: 'float', index: 'int' },
  Keypoint: { ...COMMON, label: 'string', points: 'any', confidence: 'list<float>', index: 'int' },
  Polyline: {
    ...COMMON,
    label: 'string',
    points: 'any',
    confidence: 'float',
    index: 'int',
    closed: 'bool',
    filled: 'bool',
  },
  Regression: { ...COMMON, value: 'float', confidence: 'float' },
};

/** Attributes of list label classes besides their items (FiftyOne's Classifications carry logits). */
export const LIST_LABEL_ATTRIBUTES: Readonly<Record<ListLabelClass, Readonly<Record<string, FieldType>>>> = {
  Classifications: { logits: 'list<float>' },
  Detections: {},
  Keypoints: {},
  Polylines: {},
};
