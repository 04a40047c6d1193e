// What a Dataset and all views made from it share: the backend, the dataset's latest record, and a way to open others.
import type { Dataset as DatasetRecord } from '@teamset/contract';
import type { Dataset } from './dataset.js';
import type { DatasetBackend } from './dataset-backend.js';

/**
 * Mutable on purpose: after `dataset.rename()` or `reload()`, views made earlier from the same Dataset
 * address it by its new name, as FiftyOne views follow their dataset.
 */
export class DatasetState {
  constructor(
    readonly backend: DatasetBackend,
    public record: DatasetRecord,
    /** Builds a Dataset for another record on the same backend (clone). Injected to keep dataset.ts ↔ dataset-view.ts acyclic at load time. */
    readonly open: (record: DatasetRecord) => Dataset,
  ) {}

  get name(): string {
    return this.record.name;
  }
}
