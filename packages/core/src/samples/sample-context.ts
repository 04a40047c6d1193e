// What every sample operation shares: the database, the permission check, the view reader, the stores, and the dataset it acts on.
import type { DatasetPermission } from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { Database } from '../db/database.js';
import type { Db } from '../db/schema.js';
import type { DatasetService } from '../datasets/dataset-service.js';
import { DatasetStore, type DatasetRecord } from '../datasets/dataset-store.js';
import { AppError } from '../errors/app-error.js';
import type { ViewReader } from '../views/view-reader.js';
import type { ViewTarget } from '../views/view-target.js';
import { FieldStore } from '../fields/field-store.js';
import { SampleBulkEditStore } from './sample-bulk-edit-store.js';
import { SampleStore } from './sample-store.js';

export interface SampleOptions {
  /** Most entries one dataset's schema may hold (default DEFAULT_MAX_SCHEMA_FIELDS). */
  maxSchemaFields?: number;
}

/** A dataset the caller may act on, with its schema read once for this request. */
export interface OpenDataset {
  record: DatasetRecord;
  permission: DatasetPermission;
  target: ViewTarget;
}

export class SampleContext {
  readonly samples: SampleStore;
  /** Edits done in SQL alone: tags, one field's values, field removal and renaming, whole-dataset copies. */
  readonly bulk: SampleBulkEditStore;
  readonly fields: FieldStore;
  readonly #datasetStore: DatasetStore;

  constructor(
    readonly database: Database,
    readonly datasets: DatasetService,
    readonly reader: ViewReader,
    options: SampleOptions = {},
  ) {
    this.samples = new SampleStore(database);
    this.bulk = new SampleBulkEditStore(database);
    this.fields = new FieldStore(database, options.maxSchemaFields);
    this.#datasetStore = new DatasetStore(database);
  }

  /** The permission check of docs/design.md §2 first (404 invisible, 403 below `required`), then the dataset's schema. */
  async open(actor: Actor, name: string, required: DatasetPermission): Promise<OpenDataset> {
    const { record, permission } = await this.datasets.access(actor, name, required);
    const schema = await this.fields.load(record.id);
    return { record, permission, target: { datasetId: record.id, schema } };
  }

  /** Stamps the dataset modified, inside the write's transaction. */
  async touch(trx: Db, datasetId: string, at: string): Promise<void> {
    await this.#datasetStore.update(trx, datasetId, { last_modified_at: at });
  }
}

/** Re-throws an AppError from one sample of a batch with its index in `details`, so the caller can find it. */
export function atIndex<T>(index: number, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, { ...error.details, index });
    throw error;
  }
}
