// Resolves a dotted field path against a dataset's schema: its type, where it is stored, and which list it walks through.
import { BUILTIN_SAMPLE_FIELDS, METADATA_ATTRIBUTES } from './builtin-fields.js';
import {
  isLabelClass,
  isListLabelClass,
  listElementType,
  type FieldType,
  type SingleLabelClass,
} from './field-types.js';
import { LABEL_ATTRIBUTES, LIST_LABEL_ATTRIBUTES, LIST_LABEL_ITEMS } from './labels.js';

/**
 * A dataset's custom field schema: path → type, for top-level custom fields and for the custom attributes of
 * labels (`ground_truth.detections.iscrowd`). Built-in fields and built-in label attributes are not stored
 * here; they come from BUILTIN_SAMPLE_FIELDS and LABEL_ATTRIBUTES.
 */
export type FieldSchema = Readonly<Record<string, FieldType>>;

export interface ResolvedPath {
  path: string;
  /** Type of the value at the end of the path, per element when `listPath` is set. */
  type: FieldType;
  /** Where the top-level field lives: its own column (id, filepath, tags, timestamps), `metadata`, or the custom `fields` document. */
  root: 'column' | 'metadata' | 'fields';
  /**
   * The list this path walks through, when it goes inside one: for `ground_truth.detections.label` it is
   * `ground_truth.detections` and `type` is that of one label's `label`. Aggregations unwind it; `values`
   * returns a list per sample. Undefined when the path ends at or before any list.
   */
  listPath?: string;
  /** Set when the path names a label field itself (`ground_truth`): its class. */
  labelClass?: string;
}

export type PathResolution = { ok: true; resolved: ResolvedPath } | { ok: false; problem: string };

const fail = (problem: string): PathResolution => ({ ok: false, problem });

/** Attribute of a single label: built-in, or custom from the schema under `labelPath`. */
function labelAttributeType(
  schema: FieldSchema,
  labelClass: SingleLabelClass,
  labelPath: string,
  attr: string,
): FieldType | undefined {
  return LABEL_ATTRIBUTES[labelClass][attr] ?? schema[`${labelPath}.${attr}`];
}

export function resolveFieldPath(schema: FieldSchema, path: string): PathResolution {
  const segments = path.split('.');
  const head = segments[0] as string;
  const rest = segments.slice(1);

  const builtin = BUILTIN_SAMPLE_FIELDS[head];
  if (builtin !== undefined) {
    if (head === 'metadata') {
      if (rest.length === 0) return { ok: true, resolved: { path, type: 'dict', root: 'metadata' } };
      const type = rest.length === 1 ? (METADATA_ATTRIBUTES[rest[0] as string] ?? 'any') : 'any';
      return { ok: true, resolved: { path, type, root: 'metadata' } };
    }
    if (rest.length > 0)
      return fail(`${JSON.stringify(head)} is a ${builtin} and has no field ${JSON.stringify(rest.join('.'))}`);
    return { ok: true, resolved: { path, type: builtin, root: 'column' } };
  }

  const top = schema[head];
  if (top === undefined) return fail(`the dataset has no field ${JSON.stringify(head)}`);
  if (rest.length === 0)
    return {
      ok: true,
      resolved: { path, type: top, root: 'fields', ...(isLabelClass(top) ? { labelClass: top } : {}) },
    };

  if (isListLabelClass(top)) {
    const { key, itemClass } = LIST_LABEL_ITEMS[top];
    const [second, ...more] = rest as [string, ...string[]];
    if (second !== key) {
      const attr = LIST_LABEL_ATTRIBUTES[top][second] ?? schema[`${head}.${second}`];
      if (attr === undefined || more.length > 0)
        return fail(`${JSON.stringify(head)} is ${top}: its labels are under ${JSON.stringify(`${head}.${key}`)}`);
      return { ok: true, resolved: { path, type: attr, root: 'fields' } };
    }
    const listPath = `${head}.${key}`;
    if (more.length === 0) return { ok: true, resolved: { path, type: `list<${itemClass}>`, root: 'fields' } };
    if (more.length > 1) return fail(`${JSON.stringify(more[0])} of a ${itemClass} has no sub-fields`);
    const attr = labelAttributeType(schema, itemClass, listPath, more[0] as string);
    if (attr === undefined)
      return fail(`${itemClass} labels in ${JSON.stringify(listPath)} have no attribute ${JSON.stringify(more[0])}`);
    return { ok: true, resolved: { path, type: attr, root: 'fields', listPath } };
  }

  if (isLabelClass(top)) {
    if (rest.length > 1) return fail(`${JSON.stringify(rest[0])} of a ${top} has no sub-fields`);
    const attr = labelAttributeType(schema, top, head, rest[0] as string);
    if (attr === undefined)
      return fail(`${top} field ${JSON.stringify(head)} has no attribute ${JSON.stringify(rest[0])}`);
    return { ok: true, resolved: { path, type: attr, root: 'fields' } };
  }

  if (top === 'dict' || top === 'any') return { ok: true, resolved: { path, type: 'any', root: 'fields' } };
  if (listElementType(top) === 'dict')
    return { ok: true, resolved: { path, type: 'any', root: 'fields', listPath: head } };
  return fail(`${JSON.stringify(head)} is a ${top} and has no field ${JSON.stringify(rest.join('.'))}`);
}

/**
 * The attribute type of one element of a label list, for `{"op":"elem","path":…}` inside a filter_labels
 * filter or a filter/any/all predicate over `listPath`. Undefined when the element has no such attribute.
 */
export function resolveElementPath(schema: FieldSchema, listPath: string, elementPath: string): FieldType | undefined {
  const resolved = resolveFieldPath(schema, `${listPath}.${elementPath}`);
  return resolved.ok ? resolved.resolved.type : undefined;
}
