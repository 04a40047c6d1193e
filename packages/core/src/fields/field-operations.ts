// The field schema (docs/design.md §5): list it (VIEW), declare, delete and rename fields (EDIT) — schema rows and sample data together.
import {
  BUILTIN_SAMPLE_FIELDS,
  DECLARABLE_FIELD_TYPES,
  LABEL_ATTRIBUTES,
  LIST_LABEL_ATTRIBUTES,
  LIST_LABEL_ITEMS,
  isFieldType,
  isLabelClass,
  isListLabelClass,
  resolveFieldPath,
  type FieldInfo,
  type FieldSchema,
  type FieldType,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import { isUniqueViolation, nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest, conflict, notFound } from '../errors/app-error.js';
import { isPlainObject, own } from '../encoding/json-check.js';
import { labelsOf } from '../samples/label-tags.js';
import type { SampleContext } from '../samples/sample-context.js';
import { checkCustomFieldName } from '../encoding/sample-input.js';
import { checkPath } from '../samples/sample-reads.js';

const SCAN_CHUNK = 500;
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Built-ins, custom fields and custom label attributes, sorted by path. */
export function fieldInfos(schema: FieldSchema): FieldInfo[] {
  const builtins = Object.entries(BUILTIN_SAMPLE_FIELDS).map(([path, type]) => ({ path, type, builtin: true }));
  const custom = Object.keys(schema).map((path) => ({ path, type: schema[path] as FieldType, builtin: false }));
  return [...builtins, ...custom].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function alreadyExists(path: string) {
  return conflict(`Field ${JSON.stringify(path)} already exists`, { field: path });
}

/** Where a label attribute path points: the label field, and whether it names an attribute of the items of a list label. */
interface AttributePath {
  field: string;
  attr: string;
  inItems: boolean;
}

/** A declarable label attribute path (`gt.detections.iscrowd`, `gt.iscrowd`): 400 unless under a label field, 409 for a built-in attribute. */
function labelAttributePath(schema: FieldSchema, path: string): AttributePath {
  const [head = '', ...rest] = path.split('.');
  const type = own(schema, head);
  if (type === undefined || !isLabelClass(type)) {
    throw badRequest(
      `Only label attributes can be declared below a field, and ${JSON.stringify(head)} is not a label field of the dataset`,
      { field: path },
    );
  }
  let attr: string;
  let inItems = false;
  if (isListLabelClass(type)) {
    const { key, itemClass } = LIST_LABEL_ITEMS[type];
    if (rest.length === 2 && rest[0] === key) {
      attr = rest[1] as string;
      inItems = true;
      if (Object.hasOwn(LABEL_ATTRIBUTES[itemClass], attr)) throw alreadyExists(path);
    } else if (rest.length === 1 && rest[0] !== key) {
      attr = rest[0] as string;
      if (Object.hasOwn(LIST_LABEL_ATTRIBUTES[type], attr)) throw alreadyExists(path);
    } else {
      throw badRequest(
        `${JSON.stringify(head)} is ${type}: declare attributes of its labels as ${JSON.stringify(`${head}.${key}.<name>`)}`,
        { field: path },
      );
    }
  } else {
    if (rest.length !== 1)
      throw badRequest(
        `${JSON.stringify(head)} is a ${type}: declare its attributes as ${JSON.stringify(`${head}.<name>`)}`,
        { field: path },
      );
    attr = rest[0] as string;
    if (Object.hasOwn(LABEL_ATTRIBUTES[type], attr)) throw alreadyExists(path);
  }
  if (!ATTRIBUTE_NAME.test(attr))
    throw badRequest(`Label attribute ${JSON.stringify(attr)} must be an identifier not starting with "_"`, {
      field: path,
    });
  return { field: head, attr, inItems };
}

/** Removes attribute `attr` from the labels of one sample's field (or from a list label itself); true when anything changed. */
function removeAttribute(fields: Record<string, unknown>, where: AttributePath): boolean {
  const value = fields[where.field];
  const targets = where.inItems ? labelsOf(value) : isPlainObject(value) ? [value] : [];
  let changed = false;
  for (const label of targets) {
    if (Object.hasOwn(label, where.attr)) {
      delete label[where.attr];
      changed = true;
    }
  }
  return changed;
}

export class FieldOperations {
  constructor(private readonly ctx: SampleContext) {}

  async list(actor: Actor, dataset: string): Promise<FieldInfo[]> {
    const { target } = await this.ctx.open(actor, dataset, 'VIEW');
    return fieldInfos(target.schema);
  }

  async add(actor: Actor, dataset: string, path: string, type: FieldType): Promise<FieldInfo[]> {
    const { record, target } = await this.ctx.open(actor, dataset, 'EDIT');
    checkPath(path);
    if (!isFieldType(type) || !DECLARABLE_FIELD_TYPES.includes(type))
      throw badRequest(`type must be one of ${DECLARABLE_FIELD_TYPES.join(', ')}`, { field: 'type' });
    if (!path.includes('.')) {
      if (Object.hasOwn(BUILTIN_SAMPLE_FIELDS, path)) throw alreadyExists(path);
      checkCustomFieldName(path);
    } else {
      labelAttributePath(target.schema, path);
      if (isLabelClass(type)) throw badRequest('A label attribute cannot itself be a label', { field: 'type' });
    }
    const at = nowIso();
    await this.ctx.database.db.transaction().execute(async (trx) => {
      if (!(await this.ctx.fields.insert(trx, record.id, path, type, at))) throw alreadyExists(path);
      await this.ctx.touch(trx, record.id, at);
    });
    return fieldInfos(await this.ctx.fields.load(record.id));
  }

  async delete(actor: Actor, dataset: string, path: string): Promise<void> {
    const { record, target } = await this.ctx.open(actor, dataset, 'EDIT');
    checkPath(path);
    const head = path.split('.')[0] as string;
    if (Object.hasOwn(BUILTIN_SAMPLE_FIELDS, head))
      throw badRequest(`${JSON.stringify(head)} is a built-in field and cannot be deleted`, { field: path });
    if (own(target.schema, path) === undefined) {
      if (resolveFieldPath(target.schema, path).ok)
        throw badRequest(`${JSON.stringify(path)} is a built-in label attribute and cannot be deleted`, {
          field: path,
        });
      throw notFound(`Field ${JSON.stringify(path)} not found in dataset ${JSON.stringify(record.name)}`);
    }
    const at = nowIso();
    await this.ctx.database.db.transaction().execute(async (trx) => {
      await this.ctx.fields.deleteTree(trx, record.id, path);
      if (head === path) await this.ctx.bulk.removeField(trx, record.id, path, at);
      else await this.removeFromLabels(trx, record.id, labelAttributePathForDelete(target.schema, path), at);
      await this.ctx.touch(trx, record.id, at);
    });
  }

  /** Rewrites every sample holding the label field, a chunk at a time in insertion order. */
  private async removeFromLabels(trx: Db, datasetId: string, where: AttributePath, at: string): Promise<void> {
    let after = 0;
    for (;;) {
      const rows = await this.ctx.samples.scan(trx, datasetId, after, SCAN_CHUNK, { lock: true, field: where.field });
      if (rows.length === 0) return;
      after = (rows[rows.length - 1] as { seq: number }).seq;
      await this.ctx.samples.writeBack(
        trx,
        datasetId,
        rows.filter((row) => removeAttribute(row.fields, where)),
        at,
      );
    }
  }

  async rename(actor: Actor, dataset: string, path: string, newPath: string): Promise<FieldInfo[]> {
    const { record, target } = await this.ctx.open(actor, dataset, 'EDIT');
    checkPath(path);
    checkPath(newPath, 'newPath');
    if (path.includes('.') || newPath.includes('.'))
      throw badRequest('Only top-level custom fields can be renamed', { field: path });
    if (Object.hasOwn(BUILTIN_SAMPLE_FIELDS, path))
      throw badRequest(`${JSON.stringify(path)} is a built-in field and cannot be renamed`, { field: path });
    if (own(target.schema, path) === undefined)
      throw notFound(`Field ${JSON.stringify(path)} not found in dataset ${JSON.stringify(record.name)}`);
    if (Object.hasOwn(BUILTIN_SAMPLE_FIELDS, newPath) || own(target.schema, newPath) !== undefined)
      throw alreadyExists(newPath);
    checkCustomFieldName(newPath);
    if (path === newPath) return fieldInfos(target.schema);
    const at = nowIso();
    try {
      await this.ctx.database.db.transaction().execute(async (trx) => {
        await this.ctx.fields.renameTree(trx, record.id, path, newPath);
        await this.ctx.bulk.renameField(trx, record.id, path, newPath, at);
        await this.ctx.touch(trx, record.id, at);
      });
    } catch (error) {
      // Declared concurrently under the new name.
      if (isUniqueViolation(error)) throw alreadyExists(newPath);
      throw error;
    }
    return fieldInfos(await this.ctx.fields.load(record.id));
  }
}

/** The attribute a stored custom label attribute path names (already known to be in the schema). */
function labelAttributePathForDelete(schema: FieldSchema, path: string): AttributePath {
  const [head = '', ...rest] = path.split('.');
  const type = own(schema, head);
  const inItems = isListLabelClass(type) && rest.length === 2 && rest[0] === LIST_LABEL_ITEMS[type].key;
  return { field: head, attr: rest[rest.length - 1] as string, inItems };
}
