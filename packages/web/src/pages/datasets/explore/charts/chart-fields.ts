// Which paths the charts offer, from the dataset's schema: classes (label names, tags, string fields) and numbers (label confidences, numeric fields).
import type { FieldInfo } from '@teamset/contract';

/** The key of a list label's items; single label classes are read at the field itself. */
const LIST_KEYS: Readonly<Record<string, string>> = {
  Detections: 'detections',
  Classifications: 'classifications',
  Keypoints: 'keypoints',
  Polylines: 'polylines',
};
/** Label classes with a `label` name, and those with one numeric `confidence` (a Keypoint's is a list per point). */
const NAMED = new Set(['Classification', 'Detection', 'Keypoint', 'Polyline', ...Object.keys(LIST_KEYS)]);
const WITH_CONFIDENCE = new Set([
  'Classification',
  'Classifications',
  'Detection',
  'Detections',
  'Polyline',
  'Polylines',
]);

/** Where a label field's labels are: `ground_truth.detections` for a list class, the field itself for a single one. */
function labelPath(field: FieldInfo): string {
  const key = LIST_KEYS[field.type];
  return key ? `${field.path}.${key}` : field.path;
}

/** Paths whose values are classes: every label field's `label`, then `tags`, then top-level string fields. */
export function classPaths(fields: readonly FieldInfo[]): string[] {
  const top = fields.filter((f) => !f.path.includes('.'));
  return [
    ...top.filter((f) => NAMED.has(f.type)).map((f) => `${labelPath(f)}.label`),
    'tags',
    ...top.filter((f) => !f.builtin && f.type === 'string').map((f) => f.path),
  ];
}

/** Paths whose values are numbers: label confidences, Regression values, then every numeric field in schema order. */
export function numericPaths(fields: readonly FieldInfo[]): string[] {
  const top = fields.filter((f) => !f.path.includes('.'));
  const paths = [
    ...top.filter((f) => WITH_CONFIDENCE.has(f.type)).map((f) => `${labelPath(f)}.confidence`),
    ...top.filter((f) => f.type === 'Regression').map((f) => `${f.path}.value`),
    ...fields
      .filter((f) => f.type === 'float' || f.type === 'int' || f.type === 'list<float>' || f.type === 'list<int>')
      .map((f) => f.path),
  ];
  return [...new Set(paths)];
}

/** "0.25–0.5": a histogram bin by its edges, short. */
export function binName(low: number, high: number): string {
  const short = (value: number) => String(Number(value.toPrecision(3)));
  return `${short(low)}–${short(high)}`;
}
