// DatasetView: an immutable view of a dataset (FiftyOne's stages in camelCase) and everything that reads or writes through it.
import { DEFAULT_SAMPLE_PAGE, MAX_SAMPLE_PAGE, type Sample, type Stage, type View } from '@teamset/contract';
import { BadRequestError } from '../errors.js';
import { exportView } from '../formats/export-view.js';
import type { ExportDirOptions, TransferSummary } from '../formats/transfer-types.js';
import type { ViewExpression } from '../views/view-expression.js';
import {
  ViewBuilder,
  type FilterLabelsOptions,
  type SeedOptions,
  type SelectOptions,
  type SortByOptions,
} from '../views/view-stages.js';
import {
  Bounds,
  Count,
  CountValues,
  Distinct,
  HistogramValues,
  Mean,
  Sum,
  type AggregationResults,
  type AggregationScalar,
  type AggregationSpec,
  type CountValuesResult,
  type HistogramOptions,
  type HistogramResult,
} from './aggregations.js';
import type { Dataset } from './dataset.js';
import { viewFacets, type Facets, type FacetsOptions } from './facets.js';
import type { DatasetState } from './dataset-state.js';
import { DEFAULT_BATCH_LIMITS, jsonBytes, streamBatches } from './sample-batches.js';
import { iterateSamplePages } from './sample-pages.js';
import { retag, type TagOptions } from './tag-with-progress.js';

/** One sample id, or several. */
export type SampleIds = string | Iterable<string>;

export interface MatchTagsOptions {
  /** false: samples without the tags. */
  bool?: boolean;
  /** Require every tag rather than any. */
  all?: boolean;
}

export interface IterateOptions {
  /** Samples per request, 1…5000 (default 1000). */
  pageSize?: number;
}

export interface ValuesOptions {
  /** Through a label list, one flat list instead of a list per sample. */
  unwind?: boolean;
}

/** setValues input: values aligned with the view's samples in view order, or keyed by sample id. */
export type SetValuesInput =
  readonly unknown[] | { byId: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown> };

/** Label fields to tag or count: one, several, or (omitted) every label field of the dataset. */
export type LabelFields = string | readonly string[] | undefined;

export class DatasetView implements AsyncIterable<Sample> {
  protected readonly state: DatasetState;
  /** The stages, as the SDK's immutable builder. */
  readonly builder: ViewBuilder;

  constructor(state: DatasetState, builder: ViewBuilder = new ViewBuilder()) {
    this.state = state;
    this.builder = builder;
  }

  /** The name of the dataset this view reads (follows a rename of the Dataset it came from). */
  get datasetName(): string {
    return this.state.name;
  }

  get stages(): readonly Stage[] {
    return this.builder.stages;
  }

  /** The view JSON of the contract (what saved views store). */
  toJSON(): View {
    return this.builder.toJSON();
  }

  // ---- stages: each returns a new view and leaves this one unchanged ----

  match(filter: ViewExpression): DatasetView {
    return this.#with(this.builder.match(filter));
  }

  matchTags(tags: string | readonly string[], options: MatchTagsOptions = {}): DatasetView {
    return this.#with(this.builder.matchTags(tags, options.bool, options.all));
  }

  exists(field: string, bool?: boolean): DatasetView {
    return this.#with(this.builder.exists(field, bool));
  }

  filterLabels(field: string, filter: ViewExpression, options: FilterLabelsOptions = {}): DatasetView {
    return this.#with(this.builder.filterLabels(field, filter, options));
  }

  sortBy(fieldOrExpr: string | ViewExpression, options: SortByOptions = {}): DatasetView {
    return this.#with(this.builder.sortBy(fieldOrExpr, options));
  }

  skip(n: number): DatasetView {
    return this.#with(this.builder.skip(n));
  }

  limit(n: number): DatasetView {
    return this.#with(this.builder.limit(n));
  }

  /** A random `size` samples; pass a seed to replay the same choice later. */
  take(size: number, options: SeedOptions = {}): DatasetView {
    return this.#with(this.builder.take(size, options));
  }

  shuffle(options: SeedOptions = {}): DatasetView {
    return this.#with(this.builder.shuffle(options));
  }

  select(sampleIds: SampleIds, options: SelectOptions = {}): DatasetView {
    return this.#with(this.builder.select(idList(sampleIds), options));
  }

  exclude(sampleIds: SampleIds): DatasetView {
    return this.#with(this.builder.exclude(idList(sampleIds)));
  }

  selectFields(fields?: string | readonly string[]): DatasetView {
    return this.#with(this.builder.selectFields(fields));
  }

  excludeFields(fields: string | readonly string[]): DatasetView {
    return this.#with(this.builder.excludeFields(fields));
  }

  /**
   * The patches of a Detections or Polylines field (FiftyOne's `to_patches`): each row is one object, with its
   * label under `field`, `sample_id` naming its sample, and the label's tags. Read-only: tag or edit through a view
   * of the samples.
   */
  toPatches(field: string): DatasetView {
    return this.#with(this.builder.toPatches(field));
  }

  // ---- reading samples ----

  /** Samples in the view, or (with a path) non-null values of it, list elements unwound. */
  count(path?: string): Promise<number> {
    return this.aggregate(new Count(path));
  }

  /** `for await (const sample of view)`: every sample in view order, a page (1000) per request, the next prefetched. */
  [Symbol.asyncIterator](): AsyncIterator<Sample> {
    return this.iterSamples()[Symbol.asyncIterator]();
  }

  iterSamples(options: IterateOptions = {}): AsyncIterable<Sample> {
    const { backend, name } = this.state;
    const limit = options.pageSize ?? DEFAULT_SAMPLE_PAGE;
    const view = this.#viewBody();
    return iterateSamplePages((after) =>
      backend.querySamples(name, { ...view, ...(after === undefined ? {} : { after }), limit }),
    );
  }

  /** The first sample, or undefined when the view is empty. */
  async first(): Promise<Sample | undefined> {
    return (await this.head(1))[0];
  }

  /** The first `n` samples (default 3), without prefetching pages that will not be read. */
  async head(n = 3): Promise<Sample[]> {
    if (!Number.isInteger(n) || n < 0) throw new TypeError('head(n): n must be a non-negative integer');
    const { backend, name } = this.state;
    const view = this.#viewBody();
    const out: Sample[] = [];
    let after: string | undefined;
    while (out.length < n) {
      const page = await backend.querySamples(name, {
        ...view,
        ...(after === undefined ? {} : { after }),
        limit: Math.min(n - out.length, MAX_SAMPLE_PAGE),
      });
      out.push(...page.samples.slice(0, n - out.length));
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    return out;
  }

  /** One value per sample in view order; through a label list a list per sample, unless `unwind`. */
  async values<T = unknown>(path: string, options: ValuesOptions = {}): Promise<T[]> {
    const { backend, name } = this.state;
    return (await backend.values(name, {
      ...this.#viewBody(),
      path,
      ...(options.unwind === undefined ? {} : { unwind: options.unwind }),
    })) as T[];
  }

  // ---- writing through the view ----

  /**
   * FiftyOne's set_values: an array aligned with the view's samples (view order), or `{ byId }`. Returns the
   * number of samples changed. An input over ~1 MB of JSON is sent in several requests (keyed by id), each
   * all-or-nothing on its own; a smaller one is a single all-or-nothing request.
   */
  async setValues(path: string, values: SetValuesInput): Promise<number> {
    const { backend, name } = this.state;
    if (Array.isArray(values)) {
      if (valuesBytes(values) <= DEFAULT_BATCH_LIMITS.maxBytes) {
        return (await backend.setValues(name, { ...this.#viewBody(), path, values: [...(values as unknown[])] }))
          .updated;
      }
      const ids = await this.values<string>('id');
      if (ids.length !== values.length) {
        throw new BadRequestError(`setValues: got ${values.length} values for the ${ids.length} samples of the view`, {
          details: { field: 'values' },
        });
      }
      return this.#setValuesById(
        path,
        ids.map((id, i): [string, unknown] => [id, (values as unknown[])[i]]),
      );
    }
    if (typeof values === 'object' && values !== null && 'byId' in values) {
      const { byId } = values;
      return this.#setValuesById(path, byId instanceof Map ? byId.entries() : Object.entries(byId));
    }
    throw new TypeError('setValues(path, values): values must be an array, or { byId: { [sampleId]: value } }');
  }

  /** Tags the view's samples in one request; `onProgress` follows a large view as the server writes it. */
  tagSamples(tags: string | readonly string[], options?: TagOptions): Promise<number> {
    const { backend, name } = this.state;
    return retag(backend, name, true, { ...this.#viewBody(), tags: tagList(tags) }, options);
  }

  untagSamples(tags: string | readonly string[], options?: TagOptions): Promise<number> {
    const { backend, name } = this.state;
    return retag(backend, name, false, { ...this.#viewBody(), tags: tagList(tags) }, options);
  }

  /** Sample tag → number of the view's samples carrying it. */
  countSampleTags(): Promise<Record<string, number>> {
    const { backend, name } = this.state;
    return backend.countTags(name, this.#viewBody());
  }

  /** Tags the labels the view shows (after filterLabels) in `fields`, or in every label field. */
  tagLabels(tags: string | readonly string[], fields?: LabelFields, options?: TagOptions): Promise<number> {
    const { backend, name } = this.state;
    return retag(backend, name, true, { ...this.#viewBody(), tags: tagList(tags), ...labelTarget(fields) }, options);
  }

  untagLabels(tags: string | readonly string[], fields?: LabelFields, options?: TagOptions): Promise<number> {
    const { backend, name } = this.state;
    return retag(backend, name, false, { ...this.#viewBody(), tags: tagList(tags), ...labelTarget(fields) }, options);
  }

  /** Label tag → number of labels the view shows in `fields` (or every label field) carrying it. */
  countLabelTags(fields?: LabelFields): Promise<Record<string, number>> {
    const { backend, name } = this.state;
    return backend.countTags(name, { ...this.#viewBody(), ...labelTarget(fields) });
  }

  /** Deletes the view's samples from the dataset; returns how many. */
  async deleteSamples(): Promise<number> {
    const { backend, name } = this.state;
    return (await backend.deleteSamples(name, { view: this.builder.toJSON() })).deleted;
  }

  /** A new dataset holding this view's samples (labels and fields as the view shows them); you get MANAGE on it. */
  async clone(newName: string): Promise<Dataset> {
    const { backend, name } = this.state;
    return this.state.open(await backend.cloneDataset(name, { name: newName, ...this.#viewBody() }));
  }

  // ---- export (formats/) ----

  /**
   * Writes the view's samples to `dir` as COCO, YOLO or a FiftyOne dataset directory (VIEW), copying the
   * images by default (`media`). Labels as the view shows them, so filterLabels narrows what is exported.
   */
  export(dir: string, options: ExportDirOptions): Promise<TransferSummary> {
    const { backend, name } = this.state;
    return exportView(
      { samples: this, readRecord: () => backend.getDataset(name), readFields: () => backend.getFieldSchema(name) },
      dir,
      options,
    );
  }

  // ---- aggregations ----

  /** One aggregation, or several in one request (results in the same order, typed per position). */
  aggregate<R>(aggregation: AggregationSpec<R>): Promise<R>;
  aggregate<const A extends readonly AggregationSpec<unknown>[]>(aggregations: A): Promise<AggregationResults<A>>;
  async aggregate(input: AggregationSpec<unknown> | readonly AggregationSpec<unknown>[]): Promise<unknown> {
    const { backend, name } = this.state;
    const list = Array.isArray(input)
      ? (input as readonly AggregationSpec<unknown>[])
      : [input as AggregationSpec<unknown>];
    if (list.length === 0) return [];
    const { results } = await backend.aggregate(name, {
      ...this.#viewBody(),
      aggregations: list.map((a) => a.toJSON()),
    });
    const parsed = list.map((aggregation, i) => aggregation.parse(results[i]));
    return Array.isArray(input) ? parsed : parsed[0];
  }

  distinct(path: string): Promise<AggregationScalar[]> {
    return this.aggregate(new Distinct(path));
  }

  /** Value → count as a Map (keys keep their JSON types; null counts samples without a value), most frequent first. */
  countValues(path: string): Promise<CountValuesResult> {
    return this.aggregate(new CountValues(path));
  }

  bounds(path: string): Promise<[number | null, number | null]> {
    return this.aggregate(new Bounds(path));
  }

  mean(path: string): Promise<number | null> {
    return this.aggregate(new Mean(path));
  }

  sum(path: string): Promise<number> {
    return this.aggregate(new Sum(path));
  }

  histogramValues(path: string, options: HistogramOptions = {}): Promise<HistogramResult> {
    return this.aggregate(new HistogramValues(path, options));
  }

  /**
   * The App sidebar's numbers for this view: sample count, sample and label tags, per label field the class counts
   * (top `top`, and how many distinct) and a confidence histogram, per scalar field its bounds and histogram or its
   * value counts. Two requests: the field schema, then every aggregation at once.
   */
  async facets(options: FacetsOptions = {}): Promise<Facets> {
    const { backend, name } = this.state;
    const view = this.#viewBody();
    return viewFacets(
      await backend.getFieldSchema(name),
      this.stages,
      async (aggregations) => (await backend.aggregate(name, { ...view, aggregations })).results,
      options,
    );
  }

  // ---- internals ----

  /** The `view` member of a request body; left out for the whole dataset. */
  #viewBody(): { view?: View } {
    return this.builder.stages.length === 0 ? {} : { view: this.builder.toJSON() };
  }

  #with(builder: ViewBuilder): DatasetView {
    return new DatasetView(this.state, builder);
  }

  async #setValuesById(path: string, entries: Iterable<[string, unknown]>): Promise<number> {
    const { backend, name } = this.state;
    const view = this.#viewBody();
    let updated = 0;
    await streamBatches(
      entries,
      (batch) => backend.setValues(name, { ...view, path, valuesById: Object.fromEntries(batch) }),
      {
        onSent: (result) => {
          updated += result.updated;
        },
      },
    );
    return updated;
  }
}

function valuesBytes(values: readonly unknown[]): number {
  try {
    return jsonBytes(values, 0);
  } catch (error) {
    throw new TypeError('setValues: the values cannot be serialized as JSON', { cause: error });
  }
}

function idList(ids: SampleIds): string[] {
  return typeof ids === 'string' ? [ids] : [...ids];
}

function tagList(tags: string | readonly string[]): string[] {
  return typeof tags === 'string' ? [tags] : [...tags];
}

function labelTarget(fields: LabelFields): { labels: true } | { labelFields: string[] } {
  if (fields === undefined) return { labels: true };
  return { labelFields: typeof fields === 'string' ? [fields] : [...fields] };
}
