// Field types of the sample schema (docs/design.md §5): one string per type, so errors can name both sides of a mismatch.

export const SCALAR_TYPES = ['string', 'int', 'float', 'bool'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

/** Label classes that are one label (they have an `id`). */
export const SINGLE_LABEL_CLASSES = ['Classification', 'Detection', 'Keypoint', 'Polyline', 'Regression'] as const;
export type SingleLabelClass = (typeof SINGLE_LABEL_CLASSES)[number];

/** Label classes that wrap a list of single labels under one key (`Detections.detections`). */
export const LIST_LABEL_CLASSES = ['Classifications', 'Detections', 'Keypoints', 'Polylines'] as const;
export type ListLabelClass = (typeof LIST_LABEL_CLASSES)[number];

export type LabelClass = SingleLabelClass | ListLabelClass;
export const LABEL_CLASSES: readonly LabelClass[] = [...SINGLE_LABEL_CLASSES, ...LIST_LABEL_CLASSES];

/**
 * Every field type:
 * - scalars `string`, `int`, `float`, `bool`;
 * - `dict`: a free-form JSON object that is not a label (paths inside it are `any`);
 * - `any`: a value whose type is not tracked (inside dicts, and a list's elements before any was seen);
 * - `list<…>` of a scalar, of `dict`, of `any`, or of a single label class (the list inside a list label);
 * - a label class (`Detections`), stored as a `_cls`-tagged object.
 * Numbers are inferred as `float` (JSON cannot tell 1 from 1.0); `int` only when declared.
 */
export type ElementType = ScalarType | 'dict' | 'any' | SingleLabelClass;
export type FieldType = ScalarType | 'dict' | 'any' | `list<${ElementType}>` | LabelClass;

const ELEMENT_TYPES: readonly string[] = [...SCALAR_TYPES, 'dict', 'any', ...SINGLE_LABEL_CLASSES];

export function isLabelClass(value: unknown): value is LabelClass {
  return typeof value === 'string' && (LABEL_CLASSES as readonly string[]).includes(value);
}

export function isListLabelClass(value: unknown): value is ListLabelClass {
  return typeof value === 'string' && (LIST_LABEL_CLASSES as readonly string[]).includes(value);
}

export function isScalarType(value: unknown): value is ScalarType {
  return typeof value === 'string' && (SCALAR_TYPES as readonly string[]).includes(value);
}

/** The element type of a `list<…>` type, or undefined for any other type. */
export function listElementType(type: FieldType): ElementType | undefined {
  const m = /^list<(.+)>$/.exec(type);
  return m ? (m[1] as ElementType) : undefined;
}

export function isFieldType(value: unknown): value is FieldType {
  if (typeof value !== 'string') return false;
  if (isScalarType(value) || value === 'dict' || value === 'any' || isLabelClass(value)) return true;
  const m = /^list<(.+)>$/.exec(value);
  return m !== null && ELEMENT_TYPES.includes(m[1] as string);
}

/** Every type a client may declare with addSampleField, for messages and the OpenAPI enum. */
export const DECLARABLE_FIELD_TYPES: readonly FieldType[] = [
  ...SCALAR_TYPES,
  'dict',
  ...SCALAR_TYPES.map((t) => `list<${t}>` as const),
  'list<dict>',
  ...LABEL_CLASSES,
];
