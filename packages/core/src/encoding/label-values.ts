// Label validation (docs/design.md §5): each class's built-in attributes checked, ids and tags filled in, custom attributes handed to the schema.
import {
  LABEL_ATTRIBUTES,
  LABEL_CLASSES,
  LIST_LABEL_ATTRIBUTES,
  LIST_LABEL_ITEMS,
  isListLabelClass,
  listElementType,
  type FieldType,
  type LabelClass,
  type ListLabelClass,
  type SingleLabelClass,
} from '@teamset/contract';
import { badRequest } from '../errors/app-error.js';
import { ID_PATTERN } from '../ids.js';
import { checkJson, isFiniteNumber, isPlainObject, own, stringProblem } from './json-check.js';
import { typeMismatch } from '../fields/schema-inference.js';

/** Custom attribute names: identifiers, and not `_`-prefixed (FiftyOne's private names; `_cls` is the class tag). */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Where custom label attributes go: typed like any field by the schema, returned normalized. */
export interface AttributeTyper {
  /** Custom attribute `key` of a label at `path`; the name is checked by the caller. */
  customAttribute(path: string, key: string, value: unknown): unknown;
}

export interface LabelContext {
  typer: AttributeTyper;
  newId: () => string;
}

export function isLabelValue(value: unknown): value is Record<string, unknown> & { _cls: unknown } {
  return isPlainObject(value) && Object.hasOwn(value, '_cls');
}

/** The label class of a `_cls`-tagged value; an unknown class is a 400 naming the field. */
export function labelClassOf(value: { _cls: unknown }, field: string): LabelClass {
  const cls = value._cls;
  if (typeof cls === 'string' && (LABEL_CLASSES as readonly string[]).includes(cls)) return cls as LabelClass;
  throw badRequest(
    `Field ${JSON.stringify(field)} has unknown label class ${JSON.stringify(cls)}; expected one of ${LABEL_CLASSES.join(', ')}`,
    { field },
  );
}

/** The actual type to report when a built-in attribute's value does not fit its declared type, else undefined; null always fits. */
function builtinMismatch(type: FieldType, value: unknown): string | undefined {
  if (value === null) return undefined;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : kindOf(value);
    case 'float':
      return isFiniteNumber(value) ? undefined : kindOf(value);
    case 'int':
      return isFiniteNumber(value) && Number.isInteger(value) ? undefined : kindOf(value);
    case 'bool':
      return typeof value === 'boolean' ? undefined : kindOf(value);
    case 'any':
      return undefined;
    default: {
      const element = listElementType(type);
      if (element === undefined || !Array.isArray(value)) return kindOf(value);
      for (const item of value) {
        if (item !== null && builtinMismatch(element as FieldType, item) !== undefined) return `list<${kindOf(item)}>`;
      }
      return undefined;
    }
  }
}

/** A built-in attribute `key` of the label at `path` against its declared type. The path is only built for an error: this runs per attribute of every label. */
function checkBuiltin(path: string, key: string, type: FieldType, value: unknown): void {
  const actual = builtinMismatch(type, value);
  if (actual !== undefined) throw typeMismatch(`${path}.${key}`, type, actual);
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    if (problem)
      throw badRequest(`Field ${JSON.stringify(`${path}.${key}`)}: strings ${problem}`, { field: `${path}.${key}` });
  } else if (type === 'any' && value !== null) {
    checkJson(value, `${path}.${key}`);
  }
}

/** A short type name of an arbitrary value, for mismatch messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? 'float' : 'non-finite number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  if (isLabelValue(value)) return typeof value._cls === 'string' ? value._cls : 'dict';
  if (isPlainObject(value)) return 'dict';
  return typeof value;
}

function normalizeLabelTags(value: unknown, path: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw typeMismatch(`${path}.tags`, 'list<string>', kindOf(value));
  const out: string[] = [];
  for (const tag of value) {
    if (typeof tag !== 'string') throw typeMismatch(`${path}.tags`, 'list<string>', `list containing ${kindOf(tag)}`);
    const problem = stringProblem(tag);
    if (problem)
      throw badRequest(`Field ${JSON.stringify(`${path}.tags`)}: tags ${problem}`, { field: `${path}.tags` });
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

export function checkAttributeName(path: string, key: string): void {
  if (!ATTRIBUTE_NAME.test(key)) {
    throw badRequest(
      `Field ${JSON.stringify(path)}: label attribute ${JSON.stringify(key)} must be an identifier not starting with "_"`,
      { field: `${path}.${key}` },
    );
  }
}

function customValue(path: string, key: string, value: unknown, ctx: LabelContext): unknown {
  return ctx.typer.customAttribute(path, key, value);
}

/**
 * One attribute of a single label of class `cls` at `path`: `id` 24-hex, `tags` a de-duplicated string list
 * (null → []), `bounding_box` four finite numbers, other built-ins by their declared type, and custom
 * attributes typed through the schema.
 */
export function normalizeLabelAttribute(
  cls: SingleLabelClass,
  path: string,
  key: string,
  value: unknown,
  ctx: LabelContext,
): unknown {
  if (key === 'id') {
    if (typeof value !== 'string' || !ID_PATTERN.test(value))
      throw badRequest(`Field ${JSON.stringify(`${path}.id`)}: label ids are 24 lowercase hex characters`, {
        field: `${path}.id`,
      });
    return value;
  }
  if (key === 'tags') return normalizeLabelTags(value, path);
  if (key === 'bounding_box' && cls === 'Detection') {
    if (value !== null && (!Array.isArray(value) || value.length !== 4 || !value.every(isFiniteNumber))) {
      throw badRequest(
        `Field ${JSON.stringify(`${path}.bounding_box`)} must be 4 finite numbers [x, y, width, height]`,
        { field: `${path}.bounding_box` },
      );
    }
    return value;
  }
  const builtin = own(LABEL_ATTRIBUTES[cls], key);
  if (builtin !== undefined) {
    checkBuiltin(path, key, builtin, value);
    return value;
  }
  return customValue(path, key, value, ctx);
}

/** An attribute of a list label itself (Classifications.logits, or a custom one), not of its items. */
export function normalizeListAttribute(
  cls: ListLabelClass,
  field: string,
  key: string,
  value: unknown,
  ctx: LabelContext,
): unknown {
  const builtin = own(LIST_LABEL_ATTRIBUTES[cls], key);
  if (builtin !== undefined) {
    checkBuiltin(field, key, builtin, value);
    return value;
  }
  return customValue(field, key, value, ctx);
}

/**
 * One single label (Detection, Classification, …) at `path` (`ground_truth` or, inside a list label,
 * `ground_truth.detections`): built-ins checked by class, `id` kept or assigned, `tags` defaulted to [].
 */
export function normalizeSingleLabel(
  value: Record<string, unknown>,
  cls: SingleLabelClass,
  path: string,
  ctx: LabelContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = { _cls: cls };
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (key === '_cls' || member === undefined || (key === 'id' && member === null)) continue;
    out[key] = normalizeLabelAttribute(cls, path, key, member, ctx);
  }
  out.id ??= ctx.newId();
  out.tags ??= [];
  return out;
}

function normalizeListLabel(
  value: Record<string, unknown>,
  cls: ListLabelClass,
  field: string,
  ctx: LabelContext,
): Record<string, unknown> {
  const { key: itemsKey, itemClass } = LIST_LABEL_ITEMS[cls];
  const itemsPath = `${field}.${itemsKey}`;
  const out: Record<string, unknown> = { _cls: cls };
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (key === '_cls' || key === itemsKey || member === undefined) continue;
    out[key] = normalizeListAttribute(cls, field, key, member, ctx);
  }
  const items = value[itemsKey];
  if (items === null || items === undefined) {
    out[itemsKey] = [];
    return out;
  }
  if (!Array.isArray(items)) throw typeMismatch(itemsPath, `list<${itemClass}>`, kindOf(items));
  out[itemsKey] = items.map((item: unknown) => {
    if (!isPlainObject(item)) throw typeMismatch(itemsPath, `list<${itemClass}>`, `list containing ${kindOf(item)}`);
    // FiftyOne always writes `_cls`; a bare item inside a list label can only be of its item class.
    if (item._cls !== undefined && item._cls !== itemClass) {
      throw badRequest(
        `Field ${JSON.stringify(itemsPath)} holds ${itemClass} labels; got ${JSON.stringify(item._cls)}`,
        { field: itemsPath, expected: itemClass, actual: item._cls },
      );
    }
    return normalizeSingleLabel(item, itemClass, itemsPath, ctx);
  });
  return out;
}

/** A label field's value, validated and normalized per its class. */
export function normalizeLabel(
  value: Record<string, unknown>,
  cls: LabelClass,
  field: string,
  ctx: LabelContext,
): Record<string, unknown> {
  return isListLabelClass(cls)
    ? normalizeListLabel(value, cls, field, ctx)
    : normalizeSingleLabel(value, cls, field, ctx);
}
