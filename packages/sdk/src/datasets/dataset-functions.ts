// The module-level dataset functions (FiftyOne's fo.Dataset / load_dataset / list_datasets / … in camelCase).
import { MAX_PAGE_SIZE, type MediaType } from '@teamset/contract';
import type { Connection } from '../connection/connect.js';
import { NotFoundError } from '../errors.js';
import { backendFor } from './backend-for.js';
import { Dataset } from './dataset.js';
import { defaultConnection } from './default-connection.js';

export interface CreateDatasetOptions {
  mediaType?: MediaType;
  tags?: string[];
  description?: string | null;
  info?: Record<string, unknown>;
}

export interface ListDatasetNamesOptions {
  /** Substring of the name (case-insensitive). */
  search?: string;
}

/** `via` omitted: the configured connection (API when api_uri is set, else the database), opened once and reused. */
async function backend(via: Connection | undefined) {
  return backendFor(via ?? defaultConnection());
}

/** Creates an empty dataset (members and admins over the API); you get MANAGE on it. ConflictError when the name is taken. */
export async function createDataset(
  name: string,
  options: CreateDatasetOptions = {},
  via?: Connection,
): Promise<Dataset> {
  const b = await backend(via);
  return new Dataset(b, await b.createDataset({ name, ...options }));
}

/** NotFoundError when it does not exist, or (API) you cannot see it. */
export async function loadDataset(name: string, via?: Connection): Promise<Dataset> {
  const b = await backend(via);
  return new Dataset(b, await b.getDataset(name));
}

/** Names of every dataset you can see, in the server's order. */
export async function listDatasets(options: ListDatasetNamesOptions = {}, via?: Connection): Promise<string[]> {
  const b = await backend(via);
  const names: string[] = [];
  for (let page = 1; ; page++) {
    const result = await b.listDatasets({
      page,
      pageSize: MAX_PAGE_SIZE,
      ...(options.search ? { search: options.search } : {}),
    });
    names.push(...result.datasets.map((d) => d.name));
    if (result.datasets.length === 0 || page * result.pageSize >= result.total) return names;
  }
}

/** False also for a dataset you cannot see: over the API the two are indistinguishable (docs/design.md §2). */
export async function datasetExists(name: string, via?: Connection): Promise<boolean> {
  try {
    await (await backend(via)).getDataset(name);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/** Deletes the dataset and its samples (MANAGE). */
export async function deleteDataset(name: string, via?: Connection): Promise<void> {
  await (await backend(via)).deleteDataset(name);
}
