// Edits (EDIT): patch one sample (set / unset fields, typed like adds) and delete samples by id or by view.
import { BUILTIN_SAMPLE_FIELDS, SAMPLE_ID_PATTERN, type Sample } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { nowIso } from '../db/database.js';
import { badRequest } from '../errors/app-error.js';
import { FieldValues } from '../encoding/field-values.js';
import { isPlainObject } from '../encoding/json-check.js';
import type { SampleContext } from './sample-context.js';
import {
  checkCustomFieldName,
  normalizeFilepath,
  normalizeMetadata,
  normalizeSampleTags,
} from '../encoding/sample-input.js';
import { sampleNotFound } from './sample-reads.js';
import { toSample } from './sample-shape.js';
import { SchemaBuilder } from '../fields/schema-inference.js';

/** Built-ins a patch may not set: the server owns them. */
const READ_ONLY = new Set(['id', 'created_at', 'last_modified_at']);
const SAMPLE_ID = new RegExp(SAMPLE_ID_PATTERN);

interface NormalizedPatch {
  filepath?: string;
  tags?: string[];
  metadata?: Record<string, unknown> | null;
  fields: Record<string, unknown>;
  unset: string[];
}

function normalizePatch(patch: unknown, values: FieldValues): NormalizedPatch {
  if (!isPlainObject(patch)) throw badRequest('patch must be an object {set?, unset?}');
  const { set, unset } = patch as { set?: unknown; unset?: unknown };
  if (set !== undefined && !isPlainObject(set))
    throw badRequest('set must be an object of field → value', { field: 'set' });
  if (unset !== undefined && (!Array.isArray(unset) || !unset.every((u) => typeof u === 'string')))
    throw badRequest('unset must be a list of field names', { field: 'unset' });
  const out: NormalizedPatch = { fields: {}, unset: [] };
  for (const name of (unset as string[] | undefined) ?? []) {
    if (Object.hasOwn(BUILTIN_SAMPLE_FIELDS, name))
      throw badRequest(`${JSON.stringify(name)} is a built-in field and cannot be unset`, { field: name });
    checkCustomFieldName(name);
    if (values.schema.typeOf(name) === undefined)
      throw badRequest(`The dataset has no field ${JSON.stringify(name)} to unset`, { field: name });
    if (!out.unset.includes(name)) out.unset.push(name);
  }
  for (const [name, value] of Object.entries(set ?? {})) {
    if (value === undefined) continue;
    if (READ_ONLY.has(name)) throw badRequest(`${JSON.stringify(name)} is read-only`, { field: name });
    if (out.unset.includes(name))
      throw badRequest(`Field ${JSON.stringify(name)} is both set and unset`, { field: name });
    if (name === 'filepath') out.filepath = normalizeFilepath(value);
    else if (name === 'tags') out.tags = normalizeSampleTags(value);
    else if (name === 'metadata') out.metadata = normalizeMetadata(value);
    else {
      checkCustomFieldName(name);
      const normalized = values.field(name, value);
      // A null for a field nothing has typed would be an untyped key: leave the sample without it.
      if (normalized !== null || values.schema.typeOf(name) !== undefined) out.fields[name] = normalized;
    }
  }
  if (
    out.filepath === undefined &&
    out.tags === undefined &&
    out.metadata === undefined &&
    Object.keys(out.fields).length === 0 &&
    out.unset.length === 0
  ) {
    throw badRequest('Nothing to change: give set and/or unset');
  }
  return out;
}

function checkIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && SAMPLE_ID.test(id)))
    throw badRequest('ids must be a list of 24-hex sample ids', { field: 'ids' });
  return [...new Set(ids as string[])];
}

export class SampleEdits {
  constructor(private readonly ctx: SampleContext) {}

  async patch(
    actor: Actor,
    dataset: string,
    sampleId: string,
    patch: { set?: Record<string, unknown>; unset?: string[] },
  ): Promise<Sample> {
    const { record, target } = await this.ctx.open(actor, dataset, 'EDIT');
    const schema = new SchemaBuilder(target.schema);
    const change = normalizePatch(patch, new FieldValues(schema));
    const at = nowIso();
    return this.ctx.database.db.transaction().execute(async (trx) => {
      // Locks in the order every write takes them (schema rows, sample rows, dataset row): no deadlock cycles on PostgreSQL.
      await this.ctx.fields.apply(trx, record.id, schema.changes(), at);
      const [row] =
        typeof sampleId === 'string' ? await this.ctx.samples.findByIds(trx, record.id, [sampleId], true) : [];
      if (!row) throw sampleNotFound(String(sampleId), record.name);
      const fields = { ...row.fields };
      for (const name of change.unset) delete fields[name];
      Object.assign(fields, change.fields);
      const doc = {
        id: row.id,
        filepath: change.filepath ?? row.filepath,
        tags: change.tags ?? row.tags,
        metadata: change.metadata !== undefined ? change.metadata : row.metadata,
        fields,
      };
      await this.ctx.samples.writeBack(trx, record.id, [doc], at);
      await this.ctx.touch(trx, record.id, at);
      return toSample({ ...row, ...doc, last_modified_at: at });
    });
  }

  async delete(
    actor: Actor,
    dataset: string,
    target: { ids?: string[]; view?: unknown },
  ): Promise<{ deleted: number }> {
    const opened = await this.ctx.open(actor, dataset, 'EDIT');
    if (!isPlainObject(target) || (target.ids === undefined) === (target.view === undefined))
      throw badRequest('Give exactly one of ids and view');
    const datasetId = opened.record.id;
    let ids: string[] | 'all';
    if (target.ids !== undefined) ids = checkIds(target.ids);
    else {
      const view = this.ctx.reader.parse(opened.target, target.view);
      ids = view.stages.length === 0 ? 'all' : await this.ctx.reader.sampleIds(opened.target, view);
    }
    if (ids !== 'all' && ids.length === 0) return { deleted: 0 };
    const at = nowIso();
    const deleted = await this.ctx.database.db.transaction().execute(async (trx) => {
      const n =
        ids === 'all'
          ? await this.ctx.samples.deleteAll(trx, datasetId)
          : await this.ctx.samples.deleteByIds(trx, datasetId, ids);
      if (n > 0) await this.ctx.touch(trx, datasetId, at);
      return n;
    });
    return { deleted };
  }
}
