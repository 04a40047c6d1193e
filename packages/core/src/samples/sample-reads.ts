// Reads (VIEW): one sample by id, and through the view reader pages of a view, values() and aggregations.
import {
  DEFAULT_SAMPLE_PAGE,
  MAX_AGGREGATIONS_PER_REQUEST,
  MAX_SAMPLE_PAGE,
  fieldPathProblem,
  type AggregateResult,
  type Aggregation,
  type Sample,
  type SamplePage,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import { badRequest, notFound } from '../errors/app-error.js';
import type { SampleContext } from './sample-context.js';
import type { SamplePageJson } from './sample-operations.js';
import { toSample } from './sample-shape.js';

interface PageQuery {
  view?: unknown;
  after?: string;
  limit?: number;
}

export function sampleNotFound(sampleId: string, dataset: string) {
  return notFound(`Sample ${sampleId} not found in dataset ${JSON.stringify(dataset)}`);
}

export function checkPath(path: unknown, field = 'path'): string {
  const problem = fieldPathProblem(path);
  if (problem) throw badRequest(`${field}: ${problem}`, { field });
  return path as string;
}

function pageLimit(limit: unknown): number {
  if (limit === undefined) return DEFAULT_SAMPLE_PAGE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_SAMPLE_PAGE) {
    throw badRequest(`limit must be an integer from 1 to ${MAX_SAMPLE_PAGE}`, { field: 'limit' });
  }
  return limit;
}

export class SampleReads {
  constructor(private readonly ctx: SampleContext) {}

  async get(actor: Actor, dataset: string, sampleId: string): Promise<Sample> {
    const { record } = await this.ctx.datasets.access(actor, dataset, 'VIEW');
    const row = typeof sampleId === 'string' ? await this.ctx.samples.findById(record.id, sampleId) : undefined;
    if (!row) throw sampleNotFound(String(sampleId), record.name);
    return toSample(row);
  }

  async query(actor: Actor, dataset: string, query: PageQuery): Promise<SamplePage> {
    const { target, view, options } = await this.openPage(actor, dataset, query);
    const page = await this.ctx.reader.page(target, view, options);
    return { samples: page.rows.map(toSample), nextCursor: page.nextCursor };
  }

  /** The same page as query(), each sample as its JSON text (see ViewReader.pageJson). */
  async queryJson(actor: Actor, dataset: string, query: PageQuery): Promise<SamplePageJson> {
    const { target, view, options } = await this.openPage(actor, dataset, query);
    return this.ctx.reader.pageJson(target, view, options);
  }

  private async openPage(actor: Actor, dataset: string, query: PageQuery) {
    const { target } = await this.ctx.open(actor, dataset, 'VIEW');
    const view = this.ctx.reader.parse(target, query.view);
    const limit = pageLimit(query.limit);
    if (query.after !== undefined && typeof query.after !== 'string')
      throw badRequest('after must be a cursor string from a previous page', { field: 'after' });
    return { target, view, options: { ...(query.after !== undefined ? { after: query.after } : {}), limit } };
  }

  async values(
    actor: Actor,
    dataset: string,
    query: { view?: unknown; path: string; unwind?: boolean },
  ): Promise<unknown[]> {
    const { target } = await this.ctx.open(actor, dataset, 'VIEW');
    const view = this.ctx.reader.parse(target, query.view);
    const path = checkPath(query.path);
    return this.ctx.reader.values(target, view, path, { unwind: query.unwind === true });
  }

  async aggregate(
    actor: Actor,
    dataset: string,
    query: { view?: unknown; aggregations: Aggregation[] },
  ): Promise<AggregateResult> {
    const { target } = await this.ctx.open(actor, dataset, 'VIEW');
    const view = this.ctx.reader.parse(target, query.view);
    const aggregations = query.aggregations;
    if (!Array.isArray(aggregations) || aggregations.length < 1 || aggregations.length > MAX_AGGREGATIONS_PER_REQUEST) {
      throw badRequest(`aggregations must be a list of 1–${MAX_AGGREGATIONS_PER_REQUEST} aggregations`, {
        field: 'aggregations',
      });
    }
    return { results: await this.ctx.reader.aggregate(target, view, aggregations) };
  }
}
