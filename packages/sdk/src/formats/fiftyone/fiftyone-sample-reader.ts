// One FiftyOne sample document (as in samples.json) → a Teamset sample: ids, tags, metadata, custom fields and labels.
import { isAbsolute, join } from 'node:path';
import {
  LIST_LABEL_ITEMS,
  isListLabelClass,
  reservedFieldNameProblem,
  type SampleInput,
  type SingleLabelClass,
} from '@teamset/contract';
import { describeValue, jsonPath } from '../json-path.js';
import type { ProblemLog } from '../problem-log.js';
import { ATTRIBUTE_NAME, FIELD_NAME, isFiniteNumber, isPlainObject, stringProblem } from '../text-checks.js';
import { fromExtendedJson, objectIdOf } from './extended-json.js';
import { FIFTYONE_ONLY_LABEL_ATTRIBUTES, UNSUPPORTED_LABEL_CLASSES, isTeamsetLabelClass } from './fiftyone-classes.js';

/** Sample keys FiftyOne sets itself; the server sets Teamset's own timestamps. */
const SERVER_SET = new Set(['created_at', 'last_modified_at']);

export interface SampleReaderContext {
  /** Relative filepaths are relative to the export directory (FiftyOne's `data/…`). */
  datasetDir: string;
  problems: ProblemLog;
  /** Name of samples.json in messages. */
  file: string;
}

/** Thrown inside one sample's conversion to skip it; the problem was reported already. */
class SkipSample extends Error {}

export interface ReadSample {
  sample: SampleInput;
  labels: number;
}

/** The sample, or undefined when it is invalid (reported to `ctx.problems`). */
export function readFiftyOneSample(doc: unknown, index: number, ctx: SampleReaderContext): ReadSample | undefined {
  const reader = new SampleReader(index, ctx);
  try {
    return reader.read(doc);
  } catch (error) {
    if (error instanceof SkipSample) return undefined;
    throw error;
  }
}

class SampleReader {
  labels = 0;

  constructor(
    private readonly index: number,
    private readonly ctx: SampleReaderContext,
  ) {}

  #where(...parts: Array<string | number>): string {
    return `${this.ctx.file}: ${jsonPath('samples', this.index, ...parts)}`;
  }

  #invalid(message: string): never {
    this.ctx.problems.invalid(message);
    throw new SkipSample();
  }

  read(doc: unknown): ReadSample {
    if (!isPlainObject(doc)) this.#invalid(`${this.#where()}: expected a sample object, got ${describeValue(doc)}`);
    const id = objectIdOf(doc._id);
    if (id === undefined)
      this.#invalid(
        `${this.#where('_id')}: expected an ObjectId ({"$oid": "<24 hex digits>"}), got ${describeValue(doc._id)}`,
      );
    const filepath = doc.filepath;
    if (typeof filepath !== 'string' || filepath === '')
      this.#invalid(`${this.#where('filepath')}: expected a file path, got ${describeValue(filepath)}`);
    const bad = stringProblem(filepath);
    if (bad) this.#invalid(`${this.#where('filepath')}: the path ${bad}`);
    const sample: SampleInput = { id, filepath: isAbsolute(filepath) ? filepath : join(this.ctx.datasetDir, filepath) };

    const tags = doc.tags;
    if (tags !== undefined && tags !== null) {
      if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && t !== '' && !stringProblem(t))) {
        this.#invalid(`${this.#where('tags')}: expected a list of non-empty strings, got ${describeValue(tags)}`);
      }
      sample.tags = tags as string[];
    }
    sample.metadata = this.#metadata(doc.metadata);

    for (const key of Object.keys(doc)) {
      if (
        key === '_id' ||
        key === 'filepath' ||
        key === 'tags' ||
        key === 'metadata' ||
        key.startsWith('_') ||
        SERVER_SET.has(key)
      )
        continue;
      const value = doc[key];
      if (value === undefined || value === null) continue;
      if (!FIELD_NAME.test(key) || reservedFieldNameProblem(key)) {
        this.ctx.problems.warnOnce(
          `field:${key}`,
          `${this.#where(key)}: field ${JSON.stringify(key)} is not imported (${reservedFieldNameProblem(key) ?? 'field names are letters, digits and "_", starting with a letter'})`,
        );
        continue;
      }
      const converted = this.#value(value, key);
      if (converted !== undefined) sample[key] = converted;
    }
    return { sample, labels: this.labels };
  }

  #metadata(value: unknown): Record<string, unknown> | null {
    if (value === undefined || value === null) return null;
    if (!isPlainObject(value))
      this.#invalid(`${this.#where('metadata')}: expected an object, got ${describeValue(value)}`);
    const plain = fromExtendedJson(value, this.#where('metadata'), this.ctx.problems) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(plain)) if (key !== '_cls' && v !== null) out[key] = v;
    for (const key of ['width', 'height', 'size_bytes', 'num_channels']) {
      const v = out[key];
      if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0))
        this.#invalid(`${this.#where('metadata', key)}: expected a whole number ≥ 0, got ${describeValue(v)}`);
    }
    return out;
  }

  /** A field value: labels converted, other embedded documents as plain objects; undefined to leave the field out. */
  #value(value: unknown, field: string): unknown {
    if (isPlainObject(value) && typeof value._cls === 'string') {
      const cls = value._cls;
      if (isTeamsetLabelClass(cls))
        return isListLabelClass(cls) ? this.#listLabel(value, cls, field) : this.#label(value, cls, field, [field]);
      if (UNSUPPORTED_LABEL_CLASSES.has(cls)) {
        this.ctx.problems.warnOnce(
          `cls:${field}`,
          `${this.ctx.file}: field ${JSON.stringify(field)} holds ${cls} labels, which Teamset does not keep; not imported`,
        );
        return undefined;
      }
    }
    if (
      Array.isArray(value) &&
      value.some((item) => isPlainObject(item) && isTeamsetLabelClass(item._cls) && !isListLabelClass(item._cls))
    ) {
      // A list of single labels (FiftyOne's ListField(EmbeddedDocumentField(Classification))).
      return value.map((item: unknown, i) =>
        isPlainObject(item) && isTeamsetLabelClass(item._cls) && !isListLabelClass(item._cls)
          ? this.#label(item, item._cls, field, [field, i])
          : stripClasses(fromExtendedJson(item, this.#where(field, i), this.ctx.problems)),
      );
    }
    return stripClasses(fromExtendedJson(value, this.#where(field), this.ctx.problems));
  }

  #listLabel(
    value: Record<string, unknown>,
    cls: keyof typeof LIST_LABEL_ITEMS,
    field: string,
  ): Record<string, unknown> {
    const { key, itemClass } = LIST_LABEL_ITEMS[cls];
    const out: Record<string, unknown> = { _cls: cls };
    for (const [name, member] of Object.entries(value)) {
      if (name === '_cls' || name === key || name.startsWith('_') || member === null || member === undefined) continue;
      const converted = stripClasses(fromExtendedJson(member, this.#where(field, name), this.ctx.problems));
      if (converted !== undefined) out[name] = converted;
    }
    const items = value[key] ?? [];
    if (!Array.isArray(items))
      this.#invalid(`${this.#where(field, key)}: expected a list of ${itemClass} labels, got ${describeValue(items)}`);
    out[key] = items.map((item: unknown, i: number) => {
      const path = [field, key, i];
      if (!isPlainObject(item))
        this.#invalid(`${this.#where(...path)}: expected a ${itemClass}, got ${describeValue(item)}`);
      if (item._cls !== undefined && item._cls !== itemClass)
        this.#invalid(`${this.#where(...path, '_cls')}: expected ${itemClass}, got ${describeValue(item._cls)}`);
      return this.#label(item, itemClass, field, path);
    });
    return out;
  }

  /** A single label: `_id` → `id`, legacy `attributes` flattened, nulls dropped (FiftyOne's None is "not set"). */
  #label(
    value: Record<string, unknown>,
    cls: SingleLabelClass,
    field: string,
    path: Array<string | number>,
  ): Record<string, unknown> {
    this.labels++;
    const out: Record<string, unknown> = { _cls: cls };
    const id = value._id ?? value.id;
    if (id !== undefined && id !== null) {
      const hex = objectIdOf(id);
      if (hex === undefined)
        this.#invalid(`${this.#where(...path, '_id')}: expected an ObjectId, got ${describeValue(id)}`);
      out.id = hex;
    }
    for (const [name, member] of Object.entries(value)) {
      if (name === '_cls' || name === '_id' || name === 'id' || member === null || member === undefined) continue;
      if (name === 'attributes') {
        this.#legacyAttributes(member, out, field);
        continue;
      }
      if (!ATTRIBUTE_NAME.test(name) || (FIFTYONE_ONLY_LABEL_ATTRIBUTES.has(name) && name !== 'mask_path')) {
        if (!name.startsWith('_'))
          this.ctx.problems.warnOnce(
            `attr:${field}.${name}`,
            `${this.ctx.file}: label attribute ${JSON.stringify(`${field}.${name}`)} is not imported`,
          );
        continue;
      }
      const converted = stripClasses(fromExtendedJson(member, this.#where(...path, name), this.ctx.problems));
      if (converted !== undefined) out[name] = converted;
    }
    if (cls === 'Detection' && out.bounding_box !== undefined) {
      const box = out.bounding_box;
      if (!Array.isArray(box) || box.length !== 4 || !box.every(isFiniteNumber)) {
        this.#invalid(
          `${this.#where(...path, 'bounding_box')}: expected 4 numbers [x, y, width, height], got ${describeValue(box)}`,
        );
      }
    }
    if (out.label !== undefined && typeof out.label !== 'string')
      this.#invalid(`${this.#where(...path, 'label')}: expected a string, got ${describeValue(out.label)}`);
    if (out.tags !== undefined && !(Array.isArray(out.tags) && out.tags.every((t) => typeof t === 'string'))) {
      this.#invalid(`${this.#where(...path, 'tags')}: expected a list of strings, got ${describeValue(out.tags)}`);
    }
    return out;
  }

  /** FiftyOne's legacy `attributes: {name: {_cls: "…Attribute", value}}` become plain attributes where the name is free. */
  #legacyAttributes(member: unknown, out: Record<string, unknown>, field: string): void {
    if (!isPlainObject(member)) return;
    for (const [name, attribute] of Object.entries(member)) {
      const value = isPlainObject(attribute) && 'value' in attribute ? attribute.value : attribute;
      if (!ATTRIBUTE_NAME.test(name) || Object.hasOwn(out, name) || value === null || value === undefined) {
        this.ctx.problems.warnOnce(
          `legacy:${field}.${name}`,
          `${this.ctx.file}: legacy attribute ${JSON.stringify(`${field}.attributes.${name}`)} is not imported`,
        );
        continue;
      }
      out[name] = stripClasses(fromExtendedJson(value, `${field}.attributes.${name}`, this.ctx.problems));
    }
  }
}

/** Embedded documents that are not labels lose their `_cls` (the server reads `_cls` as a label class). */
function stripClasses(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripClasses);
  if (!isPlainObject(value)) return value;
  if (isTeamsetLabelClass(value._cls)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (key !== '_cls') out[key] = stripClasses(member);
  return out;
}
