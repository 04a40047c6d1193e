// Dataset: the whole dataset as a view, plus its record, samples, field schema and saved views (FiftyOne's names in camelCase).
import type {
  DatasetPermission,
  Dataset as DatasetRecord,
  FieldType,
  MediaType,
  PatchSampleBody,
  Sample,
  SampleInput,
  SavedView,
  View,
} from '@teamset/contract';
import type { Connection } from '../connection/connect.js';
import { prepareImport } from '../formats/prepare-import.js';
import { runImport } from '../formats/run-import.js';
import type { FromDirOptions, ImportDirOptions, TransferSummary } from '../formats/transfer-types.js';
import { ViewBuilder } from '../views/view-stages.js';
import { backendFor } from './backend-for.js';
import type { DatasetBackend } from './dataset-backend.js';
import { DatasetState } from './dataset-state.js';
import { DatasetView, type SampleIds } from './dataset-view.js';
import { defaultConnection } from './default-connection.js';
import { jsonText, streamBatches, type BatchLimits } from './sample-batches.js';

export interface AddSamplesProgress {
  /** Samples stored so far. */
  added: number;
  elapsedMs: number;
}

export interface AddSamplesOptions {
  /** Called after each batch is stored. */
  progress?: (progress: AddSamplesProgress) => void;
  /** false: return only the count, so adding millions of samples does not keep millions of ids in memory. */
  returnIds?: boolean;
  /** Override the batch limits (~1 MB of JSON, 0.2 s); mainly for tests and benchmarks. */
  batch?: Partial<BatchLimits>;
}

export interface EditDatasetInput {
  tags?: string[];
  description?: string | null;
  info?: Record<string, unknown>;
}

export interface GetFieldSchemaOptions {
  /** Include id, filepath, tags, metadata and the timestamps (default true). */
  builtins?: boolean;
}

export interface SaveViewOptions {
  description?: string | null;
  /** The colour the App shows it with, `#rrggbb`. */
  color?: string | null;
  /** Replace an existing saved view of that name (otherwise a ConflictError). */
  overwrite?: boolean;
}

/** A view to save: a DatasetView of this dataset, a ViewBuilder, or view JSON. */
export type ViewLike = DatasetView | ViewBuilder | View;

export class Dataset extends DatasetView {
  constructor(backend: DatasetBackend, record: DatasetRecord) {
    super(new DatasetState(backend, record, (other) => new Dataset(backend, other)));
  }

  // ---- import (formats/) ----

  /**
   * FiftyOne's Dataset.from_dir: a new dataset `options.name` (members and admins) holding a COCO, YOLO or
   * FiftyOne-format directory. The whole input is checked before the dataset is created; if adding fails
   * later, the new dataset is deleted again, so nothing is half-imported.
   */
  static async fromDir(dir: string, options: FromDirOptions, via?: Connection): Promise<Dataset> {
    return (await Dataset.importFromDir(dir, options, via)).dataset;
  }

  /** fromDir, also returning what the import did: samples, labels, seconds and warnings. */
  static async importFromDir(
    dir: string,
    options: FromDirOptions,
    via?: Connection,
  ): Promise<{ dataset: Dataset; summary: TransferSummary }> {
    const prepared = await prepareImport(dir, options);
    const backend = await backendFor(via ?? defaultConnection());
    const dataset = new Dataset(
      backend,
      await backend.createDataset({ ...prepared.datasetDefaults, name: options.name }),
    );
    try {
      const summary = await runImport(dataset, prepared, { ...transferHooks(options), createdByImport: true });
      await dataset.reload();
      return { dataset, summary };
    } catch (error) {
      // The import's own failure is the one to report, not a failed clean-up.
      await dataset.delete().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Adds the samples of a COCO, YOLO or FiftyOne-format directory (EDIT). The input is checked whole first;
   * if a batch fails later, the samples this call added are deleted again.
   */
  async addDir(dir: string, options: ImportDirOptions): Promise<TransferSummary> {
    const prepared = await prepareImport(dir, options);
    return runImport(this, prepared, { ...transferHooks(options), createdByImport: false });
  }

  // ---- the record (as of the last load, edit or reload) ----

  get id(): string {
    return this.state.record.id;
  }
  get name(): string {
    return this.state.record.name;
  }
  get slug(): string {
    return this.state.record.slug;
  }
  get mediaType(): MediaType {
    return this.state.record.mediaType;
  }
  get tags(): string[] {
    return [...this.state.record.tags];
  }
  get description(): string | null {
    return this.state.record.description;
  }
  /** A copy: change it through edit({ info }). */
  get info(): Record<string, unknown> {
    return structuredClone(this.state.record.info);
  }
  get createdAt(): string {
    return this.state.record.createdAt;
  }
  get lastModifiedAt(): string {
    return this.state.record.lastModifiedAt;
  }
  get createdBy(): string | null {
    return this.state.record.createdBy;
  }
  get defaultPermission(): DatasetPermission {
    return this.state.record.defaultPermission;
  }
  /** Your effective permission (MANAGE over the database connection). */
  get permission(): DatasetPermission {
    return this.state.record.permission;
  }
  /** 'api' or 'database'. */
  get connectionKind(): DatasetBackend['kind'] {
    return this.state.backend.kind;
  }

  /** The record as a plain object. */
  toRecord(): DatasetRecord {
    return structuredClone(this.state.record);
  }

  async reload(): Promise<this> {
    this.state.record = await this.state.backend.getDataset(this.state.name);
    return this;
  }

  /** Changes tags, description and/or info (EDIT). */
  async edit(changes: EditDatasetInput): Promise<this> {
    this.state.record = await this.state.backend.updateDataset(this.state.name, changes);
    return this;
  }

  /** MANAGE. Views made from this Dataset follow the new name. */
  async rename(newName: string): Promise<this> {
    this.state.record = await this.state.backend.updateDataset(this.state.name, { name: newName });
    return this;
  }

  /** Deletes the dataset and its samples (MANAGE). */
  async delete(): Promise<void> {
    await this.state.backend.deleteDataset(this.state.name);
  }

  /** An unfiltered view of the whole dataset, or the view that view JSON (a saved view's, a file's) describes. */
  view(json?: unknown): DatasetView {
    return json === undefined ? new DatasetView(this.state) : new DatasetView(this.state, ViewBuilder.fromJSON(json));
  }

  // ---- samples ----

  async addSample(sample: SampleInput): Promise<string> {
    checkSample(sample, 0);
    const { ids } = await this.state.backend.addSamples(this.state.name, { samples: [sample] });
    return ids[0] as string;
  }

  /**
   * Streams samples from an array, iterable or async iterable in batches of ~1 MB of JSON or 0.2 s, whichever
   * comes first, with one request in flight while the next batch is gathered. Each batch is all-or-nothing;
   * when one fails the error is thrown and earlier batches stay. Returns the new ids in input order, or with
   * `returnIds: false` only their number.
   */
  addSamples(
    samples: Iterable<SampleInput> | AsyncIterable<SampleInput>,
    options?: AddSamplesOptions & { returnIds?: true },
  ): Promise<string[]>;
  addSamples(
    samples: Iterable<SampleInput> | AsyncIterable<SampleInput>,
    options: AddSamplesOptions & { returnIds: false },
  ): Promise<number>;
  addSamples(
    samples: Iterable<SampleInput> | AsyncIterable<SampleInput>,
    options?: AddSamplesOptions,
  ): Promise<string[] | number>;
  async addSamples(
    samples: Iterable<SampleInput> | AsyncIterable<SampleInput>,
    options: AddSamplesOptions = {},
  ): Promise<string[] | number> {
    const { backend, name } = this.state;
    const ids: string[] | undefined = options.returnIds === false ? undefined : [];
    const started = performance.now();
    let added = 0;
    await streamBatches(samples, (batch, texts) => backend.addSamples(name, { samples: batch }, texts), {
      ...(options.batch ? { limits: options.batch } : {}),
      encode: (sample, index) => {
        checkSample(sample, index);
        return jsonText(sample, index);
      },
      onSent: (result, size) => {
        added += size;
        if (ids) for (const id of result.ids) ids.push(id);
        options.progress?.({ added, elapsedMs: performance.now() - started });
      },
    });
    return ids ?? added;
  }

  /** NotFoundError when the dataset has no such sample. */
  getSample(sampleId: string): Promise<Sample> {
    return this.state.backend.getSample(this.state.name, sampleId);
  }

  /** Sets fields (filepath, tags, metadata or custom, labels included) and clears custom ones; returns the sample as stored. */
  patchSample(sampleId: string, patch: PatchSampleBody): Promise<Sample> {
    return this.state.backend.patchSample(this.state.name, sampleId, patch);
  }

  /**
   * Deletes the samples with these ids (sent ~1 MB of ids per request). With no argument, deletes every
   * sample, as deleteSamples() of the whole-dataset view does; an empty list deletes nothing.
   */
  override async deleteSamples(sampleIds?: SampleIds): Promise<number> {
    if (sampleIds === undefined) return super.deleteSamples();
    const { backend, name } = this.state;
    const ids = typeof sampleIds === 'string' ? [sampleIds] : sampleIds;
    let deleted = 0;
    await streamBatches(ids, (batch) => backend.deleteSamples(name, { ids: batch }), {
      measure: (id) => id.length + 2,
      onSent: (result) => {
        deleted += result.deleted;
      },
    });
    return deleted;
  }

  /** Deletes every sample, keeping the dataset, its schema and saved views. */
  clear(): Promise<number> {
    return this.deleteSamples();
  }

  // ---- field schema ----

  /** Path → type: built-in fields (unless `builtins: false`), custom fields and custom label attributes. */
  async getFieldSchema(options: GetFieldSchemaOptions = {}): Promise<Record<string, FieldType>> {
    const fields = await this.state.backend.getFieldSchema(this.state.name);
    const keep = options.builtins === false ? fields.filter((f) => !f.builtin) : fields;
    return Object.fromEntries(keep.map((f) => [f.path, f.type]));
  }

  /** Declares a field before any sample has it (EDIT). */
  async addSampleField(path: string, type: FieldType): Promise<void> {
    await this.state.backend.addField(this.state.name, { path, type });
  }

  /** Removes a custom field (or label attribute) from the schema and every sample (EDIT). */
  async deleteSampleField(path: string): Promise<void> {
    await this.state.backend.deleteField(this.state.name, path);
  }

  async renameSampleField(path: string, newPath: string): Promise<void> {
    await this.state.backend.renameField(this.state.name, path, newPath);
  }

  // ---- saved views ----

  async saveView(viewName: string, view: ViewLike, options: SaveViewOptions = {}): Promise<SavedView> {
    if (view instanceof DatasetView && view.datasetName !== this.name) {
      throw new TypeError(
        `saveView: the view is of dataset ${JSON.stringify(view.datasetName)}, not ${JSON.stringify(this.name)}`,
      );
    }
    const json = view instanceof DatasetView || view instanceof ViewBuilder ? view.toJSON() : view;
    return this.state.backend.saveView(this.state.name, viewName, {
      view: json,
      ...(options.description !== undefined ? { description: options.description } : {}),
      ...(options.color !== undefined ? { color: options.color } : {}),
      ...(options.overwrite !== undefined ? { overwrite: options.overwrite } : {}),
    });
  }

  /** The saved view as a DatasetView of this dataset. */
  async loadSavedView(viewName: string): Promise<DatasetView> {
    const saved = await this.state.backend.getSavedView(this.state.name, viewName);
    return new DatasetView(this.state, ViewBuilder.fromJSON(saved.view));
  }

  /** The saved view's record: name, description, view JSON, dates. */
  getSavedViewInfo(viewName: string): Promise<SavedView> {
    return this.state.backend.getSavedView(this.state.name, viewName);
  }

  /** Names of the saved views, or (with `info: true`) their records. */
  listSavedViews(options?: { info?: false }): Promise<string[]>;
  listSavedViews(options: { info: true }): Promise<SavedView[]>;
  async listSavedViews(options: { info?: boolean } = {}): Promise<string[] | SavedView[]> {
    const views = await this.state.backend.listSavedViews(this.state.name);
    return options.info ? views : views.map((v) => v.name);
  }

  async deleteSavedView(viewName: string): Promise<void> {
    await this.state.backend.deleteSavedView(this.state.name, viewName);
  }
}

function transferHooks(options: ImportDirOptions): Pick<ImportDirOptions, 'progress' | 'batch'> {
  return {
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.batch ? { batch: options.batch } : {}),
  };
}

function checkSample(sample: unknown, index: number): void {
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) {
    throw new TypeError(
      `sample ${index} must be an object with a filepath, got ${Array.isArray(sample) ? 'an array' : String(sample)}`,
    );
  }
}
