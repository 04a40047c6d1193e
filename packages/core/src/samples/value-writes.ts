// setValues paths: which part of a sample a path writes, each value normalized, and the write applied to one document.
import {
  BUILTIN_SAMPLE_FIELDS,
  LIST_LABEL_ITEMS,
  isLabelClass,
  isListLabelClass,
  type FieldSchema,
  type ListLabelClass,
  type SingleLabelClass,
} from '@teamset/contract';
import { badRequest } from '../errors/app-error.js';
import type { FieldValues } from '../encoding/field-values.js';
import { isPlainObject, own } from '../encoding/json-check.js';
import {
  checkCustomFieldName,
  normalizeFilepath,
  normalizeMetadata,
  normalizeSampleTags,
} from '../encoding/sample-input.js';
import type { SampleDocument } from './sample-store.js';

/** What a setValues path writes. */
export type WritePath =
  | { kind: 'builtin'; name: 'filepath' | 'tags' | 'metadata' }
  | { kind: 'field'; name: string }
  /** An attribute of a single label field (`ground_truth.label` on a Classification). */
  | { kind: 'label'; field: string; cls: SingleLabelClass; attr: string }
  /** An attribute of a list label itself (`predictions.logits`). */
  | { kind: 'list'; field: string; cls: ListLabelClass; attr: string }
  /** An attribute of every label in a list label (`ground_truth.detections.label`): one list per sample. */
  | { kind: 'items'; field: string; itemsKey: string; itemClass: SingleLabelClass; attr: string };

const READ_ONLY = new Set(['id', 'created_at', 'last_modified_at']);

function readOnlyAttribute(path: string): never {
  throw badRequest(`${JSON.stringify(path)} is read-only: label ids are assigned when labels are added`, {
    field: path,
  });
}

/** Resolves a setValues path against the schema; a 400 naming the path when it is not writable. */
export function resolveWritePath(schema: FieldSchema, path: string): WritePath {
  const [head = '', ...rest] = path.split('.');
  if (rest.length === 0) {
    if (head === 'filepath' || head === 'tags' || head === 'metadata') return { kind: 'builtin', name: head };
    if (READ_ONLY.has(head)) throw badRequest(`${JSON.stringify(head)} is read-only`, { field: head });
    checkCustomFieldName(head);
    return { kind: 'field', name: head };
  }
  if (Object.hasOwn(BUILTIN_SAMPLE_FIELDS, head))
    throw badRequest(
      `setValues cannot write inside the built-in field ${JSON.stringify(head)}; write the whole field`,
      { field: path },
    );
  const type = own(schema, head);
  if (type === undefined) throw badRequest(`The dataset has no field ${JSON.stringify(head)}`, { field: path });
  if (isListLabelClass(type)) {
    const { key, itemClass } = LIST_LABEL_ITEMS[type];
    const [second = '', attr, ...more] = rest;
    if (second === key && attr !== undefined && more.length === 0) {
      if (attr === 'id') readOnlyAttribute(path);
      return { kind: 'items', field: head, itemsKey: key, itemClass, attr };
    }
    if (second !== key && attr === undefined) return { kind: 'list', field: head, cls: type, attr: second };
  } else if (isLabelClass(type) && rest.length === 1) {
    const attr = rest[0] as string;
    if (attr === 'id') readOnlyAttribute(path);
    return { kind: 'label', field: head, cls: type, attr };
  }
  throw badRequest(
    `setValues writes top-level fields and label attributes (e.g. "ground_truth.detections.label"); ${JSON.stringify(path)} is neither`,
    { field: path },
  );
}

/** One sample's value, validated and typed like an add; for `items` a list with one value per label (or null: leave the sample alone). */
export function normalizeWriteValue(write: WritePath, value: unknown, values: FieldValues): unknown {
  switch (write.kind) {
    case 'builtin':
      if (write.name === 'filepath') return normalizeFilepath(value);
      return write.name === 'tags' ? normalizeSampleTags(value) : normalizeMetadata(value);
    case 'field':
      return values.field(write.name, value);
    case 'label':
      return value === null ? null : values.labelAttribute(write.cls, write.field, write.attr, value);
    case 'list':
      return value === null ? null : values.listAttribute(write.cls, write.field, write.attr, value);
    case 'items': {
      if (value === null || value === undefined) return null;
      const path = `${write.field}.${write.itemsKey}.${write.attr}`;
      if (!Array.isArray(value))
        throw badRequest(`${JSON.stringify(path)} takes one list per sample, aligned with its labels`, { field: path });
      return value.map((item: unknown) =>
        item === null
          ? null
          : values.labelAttribute(write.itemClass, `${write.field}.${write.itemsKey}`, write.attr, item),
      );
    }
  }
}

/** Label tags are never null: a null clears them to []. */
function attributeValue(attr: string, value: unknown): unknown {
  return value === null && attr === 'tags' ? [] : value;
}

/**
 * Applies one normalized value to a document (mutating it). `visible`, for `items`, restricts the write to
 * the labels a filter_labels view shows, in list order; the value's length must match those labels.
 * `keepNull` is false when nothing typed a new top-level field: a null then removes the key instead.
 */
export function applyWrite(
  doc: SampleDocument,
  write: WritePath,
  value: unknown,
  options: { keepNull: boolean; visible?: ReadonlySet<string> },
): void {
  switch (write.kind) {
    case 'builtin':
      if (write.name === 'filepath') doc.filepath = value as string;
      else if (write.name === 'tags') doc.tags = value as string[];
      else doc.metadata = value as Record<string, unknown> | null;
      return;
    case 'field':
      if (value === null && !options.keepNull) delete doc.fields[write.name];
      else doc.fields[write.name] = value;
      return;
    case 'label':
    case 'list': {
      const label = doc.fields[write.field];
      if (!isPlainObject(label)) {
        if (value === null) return;
        throw badRequest(
          `Sample ${doc.id} has no label in ${JSON.stringify(write.field)} to set ${JSON.stringify(write.attr)} on`,
          { field: `${write.field}.${write.attr}`, sampleId: doc.id },
        );
      }
      label[write.attr] = attributeValue(write.attr, value);
      return;
    }
    case 'items': {
      if (value === null) return;
      const path = `${write.field}.${write.itemsKey}.${write.attr}`;
      const container = doc.fields[write.field];
      const all =
        isPlainObject(container) && Array.isArray(container[write.itemsKey])
          ? (container[write.itemsKey] as Record<string, unknown>[])
          : [];
      const targets = options.visible ? all.filter((item) => options.visible?.has(item.id as string)) : all;
      const list = value as unknown[];
      if (list.length !== targets.length) {
        throw badRequest(
          `Sample ${doc.id}: ${JSON.stringify(path)} needs ${targets.length} values, one per label; got ${list.length}`,
          {
            field: path,
            sampleId: doc.id,
            expected: targets.length,
            actual: list.length,
          },
        );
      }
      targets.forEach((item, i) => {
        item[write.attr] = attributeValue(write.attr, list[i]);
      });
    }
  }
}
