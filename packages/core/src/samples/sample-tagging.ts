// Tagging (TAG) and tag counts (VIEW): sample tags of a view's samples, or label tags of the labels it shows.
import { isLabelClass, type FieldSchema, type View } from '@teamset/contract';
import { actorUserId, type Actor } from '../actor.js';
import { nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest } from '../errors/app-error.js';
import type { ViewTarget } from '../views/view-target.js';
import { isPlainObject, own, stringProblem } from '../encoding/json-check.js';
import { retagLabels } from './label-tags.js';
import type { SampleContext } from './sample-context.js';
import { chunks } from './sample-documents.js';
import { PROGRESS_TOKEN, TagProgressBoard, type TagProgress } from './tag-progress.js';

/** Bounds of one tag request (as the HTTP schema TagBody). */
const MAX_TAGS = 100;
const MAX_TAG_LENGTH = 100;
const WRITE_CHUNK = 500;
/** Sample ids tagged between two progress reports: small enough to move the bar often, large enough to stay one statement per 1,000 ids. */
const PROGRESS_CHUNK = 10_000;

export interface TagInput {
  view?: unknown;
  tags: string[];
  labels?: boolean;
  labelFields?: string[];
  /** A client-chosen token: while the request runs, tagProgress(token) says how far it has come. */
  progress?: string;
}

/**
 * Lets the event loop turn between two chunks. SQLite's driver is synchronous, so a chain of chunks would otherwise
 * run to the end before the server reads another request (the App's progress polls among them).
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reports progress to the board under one request's key, or nowhere when the client did not ask. */
type Report = (done: number, total: number) => void;

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

function progressKey(actor: Actor, datasetId: string, token: string): string {
  return `${datasetId}\u0000${actorUserId(actor) ?? 'system'}\u0000${token}`;
}

function progressToken(input: { progress?: unknown }): string | undefined {
  if (input.progress === undefined) return undefined;
  if (typeof input.progress !== 'string' || !PROGRESS_TOKEN.test(input.progress))
    throw badRequest('progress must be 8–64 letters, digits, "-" or "_"', { field: 'progress' });
  return input.progress;
}

export class SampleTagging {
  /** Progress of this process's tagging requests that asked for it (one request, polled by the App while it runs). */
  readonly #progress = new TagProgressBoard();

  constructor(private readonly ctx: SampleContext) {}

  /** Adds (`add`) or removes tags; returns how many samples changed. With `progress`, reports how far it has come. */
  async retag(actor: Actor, dataset: string, input: TagInput, add: boolean): Promise<{ updated: number }> {
    const { record, target } = await this.ctx.open(actor, dataset, 'TAG');
    if (!isPlainObject(input)) throw badRequest('tagging takes {tags, view?, labels?, labelFields?, progress?}');
    const tags = normalizeTags(input.tags);
    const view = this.ctx.reader.parse(target, input.view);
    const labelFields = labelFieldsOf(target.schema, input);
    const token = progressToken(input);
    const key = token === undefined ? undefined : progressKey(actor, record.id, token);
    // Total 0 until the view's samples are known: the App says "finding the samples" meanwhile.
    if (key) this.#progress.start(key, 0);
    const report: Report = key
      ? (done, total) => {
          if (this.#progress.read(key)?.total !== total) this.#progress.start(key, total);
          this.#progress.advance(key, done);
        }
      : () => {};
    try {
      const at = nowIso();
      const updated =
        labelFields === undefined
          ? await this.retagSamples(target, view, record.id, tags, add, at, report)
          : await this.retagLabels(target, view, labelFields, tags, add, at, report);
      if (key) this.#progress.finish(key, true);
      return { updated };
    } catch (error) {
      if (key) this.#progress.finish(key, false);
      throw error;
    }
  }

  /** How far the caller's tagging request `token` on the dataset has come; undefined when unknown (not started, or long finished). */
  async progress(actor: Actor, dataset: string, token: string): Promise<TagProgress | undefined> {
    const { record } = await this.ctx.open(actor, dataset, 'TAG');
    if (!PROGRESS_TOKEN.test(token)) throw badRequest('progress must be 8–64 letters, digits, "-" or "_"');
    return this.#progress.read(progressKey(actor, record.id, token));
  }

  /** Sample tags: all samples in one statement when the view is the whole dataset, else the view's ids a chunk at a time. */
  private async retagSamples(
    target: ViewTarget,
    view: View,
    datasetId: string,
    tags: string[],
    add: boolean,
    at: string,
    report: Report,
  ): Promise<number> {
    const ids = view.stages.length === 0 ? 'all' : await this.ctx.reader.sampleIds(target, view);
    if (ids !== 'all' && ids.length === 0) return 0;
    // The whole dataset is one UPDATE (no ids travel): its progress goes from 0 to all at once.
    const total = ids === 'all' ? await this.ctx.reader.count(target, view) : ids.length;
    report(0, total);
    let changed = 0;
    let done = 0;
    for (const part of ids === 'all' ? ['all' as const] : chunks(ids, PROGRESS_CHUNK)) {
      changed += await this.inTransaction(datasetId, at, (trx) =>
        add
          ? this.ctx.bulk.addTags(trx, datasetId, part, tags, at)
          : this.ctx.bulk.removeTags(trx, datasetId, part, tags, at),
      );
      done += part === 'all' ? total : part.length;
      report(done, total);
      await yieldToEventLoop();
    }
    return changed;
  }

  /**
   * One chunk of a tag request in its own transaction, the dataset stamped modified when it changed anything. Not the
   * whole request in one: on SQLite a transaction holds the one write connection, so every other request (the App's
   * progress polls, other people's pages) would wait for all of a 1M-sample view. Tagging is idempotent, so a request
   * that fails part way is simply sent again.
   */
  private inTransaction(datasetId: string, at: string, write: (trx: Db) => Promise<number>): Promise<number> {
    return this.ctx.database.db.transaction().execute(async (trx) => {
      const changed = await write(trx);
      if (changed > 0) await this.ctx.touch(trx, datasetId, at);
      return changed;
    });
  }

  /** Label tags: the labels the view shows (after filter_labels), rewritten a batch of samples at a time (a transaction each). */
  private async retagLabels(
    target: ViewTarget,
    view: View,
    fields: string[],
    tags: string[],
    add: boolean,
    at: string,
    report: Report,
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
    report(0, visible.size);
    let updated = 0;
    let done = 0;
    for (const part of chunks([...visible.keys()], WRITE_CHUNK)) {
      updated += await this.inTransaction(target.datasetId, at, async (trx) => {
        const rows = await this.ctx.samples.findByIds(trx, target.datasetId, part, true);
        const changed = rows.filter((row) => {
          let any = false;
          for (const [field, ids] of visible.get(row.id) ?? [])
            any = retagLabels(row.fields, field, ids, tags, add) || any;
          return any;
        });
        await this.ctx.samples.writeBack(trx, target.datasetId, changed, at);
        return changed.length;
      });
      done += part.length;
      report(done, visible.size);
      await yieldToEventLoop();
    }
    return updated;
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
