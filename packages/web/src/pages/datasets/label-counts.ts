// Label counts of a sample: for each label field, how many labels it holds (FiftyOne documents tag labels with `_cls`).
import type { Sample } from '@teamset/contract';

export interface LabelCount {
  field: string;
  /** The label class, e.g. Detections. */
  cls: string;
  count: number;
}

const BUILTIN_FIELDS = new Set(['id', 'filepath', 'tags', 'metadata', 'created_at', 'last_modified_at']);

function isLabel(value: unknown): value is { _cls: string } & Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { _cls?: unknown })._cls === 'string'
  );
}

/** A list label (Detections, Classifications, Keypoints, Polylines) counts its items; a single label counts one. */
function countOf(label: Record<string, unknown>): number {
  for (const value of Object.values(label)) {
    if (Array.isArray(value) && value.every(isLabel)) return value.length;
  }
  return 1;
}

export function labelCounts(sample: Sample): LabelCount[] {
  const counts: LabelCount[] = [];
  for (const [field, value] of Object.entries(sample)) {
    if (BUILTIN_FIELDS.has(field) || !isLabel(value)) continue;
    counts.push({ field, cls: value._cls, count: countOf(value) });
  }
  return counts.sort((a, b) => a.field.localeCompare(b.field));
}
