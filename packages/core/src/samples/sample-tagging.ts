// Tagging (TAG) and tag counts (VIEW): sample tags of a view's samples, or label tags of the labels it shows.
import { isLabelClass, type FieldSchema, type View } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { nowIso } from '../db/database.js';
import { badRequest } from '../errors/app-error.js';
import type { ViewTarget } from '../views/view-target.js';
import { isPlainObject, own, stringProblem } from '../encoding/json-check.js';
import { retagLabels } from './label-tags.js';
import type { SampleContext } from './sample-context.js';
import { chunks } from './sample-documents.js';

/** Bounds of one tag request (as the HTTP schema TagBody). */
const MAX_TAGS = 100;
const MAX_TAG_LENGTH = 100;
const WRITE_CHUNK = 500;

export interface TagInput {
  view?: unknown;
  tags: string[];
  labels?: boolean;
  labelFields?: string[];
}

function normalizeTags(tags: unknown): string[] {
  if (!Array.isArray(tags) || tags.length < 1 || tags.length > MAX_TAGS)
    throw badRequest(`tags must be a list of 1–${MAX_TAGS} tags`, { field: 'tags' });
  const out: string[] = [];
  for (const tag of tags) {
    if (typeof tag !== 'string' || tag.length < 1 || tag.length > MAX_TAG_LENGTH || stringProblem(tag)) {
      throw badRequest(`each tag must be a string of 1–${MAX_TAG_LENGTH} characters`, { field: 'tags' });
    }
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/** The label fields a request names (`labelFields`), every label field (`labels: true`), or undefined for sample tags. */
export function labelFieldsOf(
  schema: FieldSchema,
  input: { labels?: unknown; labelFields?: unknown },
): string[] | undefined {
  if (input.labelFields !== undefined) {
    if (!Array.isArray(input.labelFields) || input.labelFields.length === 0)
      throw badRequest('labelFields must be a non-empty list of label fields', { field: 'labelFields' });
    for (const field of input.labelFields) {
      if (typeof field !== 'string' || !isLabelClass(own(schema, field)))
        throw badRequest(`${JSON.stringify(field)} is not a label field of the dataset`, { field: 'labelFields' });
    }
    return [...new Set(input.labelFields as string[])];
  }
  if (input.labels === true)
    return Object.keys(schema)
      .filter((path) => !path.includes('.') && isLabelClass(schema[path]))
      .sort();
  return undefined;
}

export class SampleTagging {
  constructor(private readonly ctx: SampleContext) {}

  /** Adds (`add`) or removes tags; returns how many samples changed. */
  async retag(actor: Actor, dataset: string, input: TagInput, add: boolean): Promise<{ updated: number }> {
    const { record, target } = await this.ctx.open(actor, dataset, 'TAG');
    if (!isPlainObject(input)) throw badRequest('tagging takes {tags, view?, labels?, labelFields?}');
    const tags = normalizeTags(input.tags);
    const view = this.ctx.reader.parse(target, input.view);
    const labelFields = labelFieldsOf(target.schema, input);
    const at = nowIso();
    if (labelFields === undefined) {
      const ids = view.stages.length === 0 ? 'all' : await this.ctx.reader.sampleIds(target, view);
      if (ids !== 'all' && ids.length === 0) return { updated: 0 };
      const updated = await this.ctx.database.db.transaction().execute(async (trx) => {
        const n = add
          ? await this.ctx.bulk.addTags(trx, record.id, ids, tags, at)
          : await this.ctx.bulk.removeTags(trx, record.id, ids, tags, at);
        if (n > 0) await this.ctx.touch(trx, record.id, at);
        return n;
      });
      return { updated };
    }
    return { updated: await this.retagLabels(target, view, labelFields, tags, add, at) };
  }

  /** Label tags: the labels the view shows (after filter_labels), rewritten a batch of samples at a time in one transaction. */
  private async retagLabels(
    target: ViewTarget,
    view: View,
    fields: string[],
    tags: string[],
    add: boolean,
    at: string,
  ): Promise<number> {
    if (fields.length === 0) return 0;
    const visible = new Map<string, Map<string, Set<string>>>();
    for (const entry of await this.ctx.reader.visibleLabels(target, view, fields)) {
      if (entry.labelIds.length === 0) continue;
      let perField = visible.get(entry.sampleId);
      if (!perField) visible.set(entry.sampleId, (perField = new Map()));
      perField.set(entry.field, new Set(entry.labelIds));
    }
    if (visible.size === 0) return 0;
    return this.ctx.database.db.transaction().execute(async (trx) => {
      let updated = 0;
      for (const part of chunks([...visible.keys()], WRITE_CHUNK)) {
        const rows = await this.ctx.samples.findByIds(trx, target.datasetId, part, true);
        const changed = rows.filter((row) => {
          let any = false;
          for (const [field, ids] of visible.get(row.id) ?? [])
            any = retagLabels(row.fields, field, ids, tags, add) || any;
          return any;
        });
        await this.ctx.samples.writeBack(trx, target.datasetId, changed, at);
        updated += changed.length;
      }
      if (updated > 0) await this.ctx.touch(trx, target.datasetId, at);
      return updated;
    });
  }

  async countTags(
    actor: Actor,
    dataset: string,
    input: { view?: unknown; labels?: boolean; labelFields?: string[] },
  ): Promise<Record<string, number>> {
    const { target } = await this.ctx.open(actor, dataset, 'VIEW');
    const view = this.ctx.reader.parse(target, isPlainObject(input) ? input.view : undefined);
    const labelFields = labelFieldsOf(target.schema, isPlainObject(input) ? input : {});
    if (labelFields === undefined) return this.ctx.reader.countSampleTags(target, view);
    if (labelFields.length === 0) return {};
    return this.ctx.reader.countLabelTags(target, view, labelFields);
  }
}
