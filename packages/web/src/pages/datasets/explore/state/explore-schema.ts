// What the sidebar can filter, read from the dataset's field schema: label fields (and where their labels sit), numeric, string and boolean fields, and the built-in metadata's attributes.
import type { FieldInfo } from '@teamset/contract';
import { METADATA_ATTRIBUTES } from '@teamset/contract/constants';

/** A label field: `items` is where its labels are (`ground_truth.detections` for Detections, the field itself for a Detection). */
export interface LabelFieldInfo {
  path: string;
  labelClass: string;
  items: string;
  /** A list label (Detections…): many labels per sample. */
  list: boolean;
  /** Keypoints carry a confidence per point, so there is no per-label confidence to filter. */
  hasConfidence: boolean;
  hasClass: boolean;
}

/** Paths of plain fields by how the sidebar filters them: a range, a value list, true / false / none. */
export interface FieldGroup {
  numbers: string[];
  strings: string[];
  bools: string[];
}

export interface ExploreSchema extends FieldGroup {
  labels: LabelFieldInfo[];
  /**
   * `metadata.width`… (FiftyOne's ImageMetadata) when the dataset has the built-in `metadata`: a section of its own,
   * counted only while open, as reading them scans every sample's document.
   */
  metadata?: FieldGroup;
}

/** The key of each list label class's label list (the contract's LIST_LABEL_ITEMS; web imports only its constants entry). */
const LIST_ITEMS: Record<string, string> = {
  Classifications: 'classifications',
  Detections: 'detections',
  Keypoints: 'keypoints',
  Polylines: 'polylines',
};
const SINGLE_LABELS = new Set(['Classification', 'Detection', 'Keypoint', 'Polyline', 'Regression']);
/** Built-in fields with their own controls (tags) or nothing worth filtering by value (ids, paths, timestamps). */
const SKIPPED_BUILTINS = new Set(['id', 'filepath', 'tags', 'created_at', 'last_modified_at']);

export const EMPTY_SCHEMA: ExploreSchema = { labels: [], numbers: [], strings: [], bools: [] };

function metadataGroup(): FieldGroup {
  const group: FieldGroup = { numbers: [], strings: [], bools: [] };
  for (const [name, type] of Object.entries(METADATA_ATTRIBUTES)) {
    const path = `metadata.${name}`;
    if (type === 'int' || type === 'float') group.numbers.push(path);
    else if (type === 'string') group.strings.push(path);
    else if (type === 'bool') group.bools.push(path);
  }
  return group;
}

export function exploreSchema(fields: readonly FieldInfo[]): ExploreSchema {
  const schema: ExploreSchema = { labels: [], numbers: [], strings: [], bools: [] };
  for (const field of fields) {
    const listKey = LIST_ITEMS[field.type];
    if (!field.builtin && (listKey || SINGLE_LABELS.has(field.type))) {
      schema.labels.push({
        path: field.path,
        labelClass: field.type,
        items: listKey ? `${field.path}.${listKey}` : field.path,
        list: Boolean(listKey),
        hasConfidence: field.type !== 'Keypoints' && field.type !== 'Keypoint',
        hasClass: field.type !== 'Regression',
      });
    }
  }
  const insideLabel = (path: string) => schema.labels.some((l) => path.startsWith(`${l.path}.`));
  for (const field of fields) {
    if (SKIPPED_BUILTINS.has(field.path) || insideLabel(field.path)) continue;
    if (field.type === 'int' || field.type === 'float') schema.numbers.push(field.path);
    else if (field.type === 'string') schema.strings.push(field.path);
    else if (field.type === 'bool') schema.bools.push(field.path);
    else if (field.builtin && field.path === 'metadata') schema.metadata = metadataGroup();
  }
  return schema;
}
