// A `dataset` argument as FiftyOne takes it: a dataset name, or a Dataset object (its name is used).
import type { Dataset } from '@teamset/contract';

export type DatasetLike = string | Pick<Dataset, 'name'>;

/** The name exactly as given: names may contain spaces and '/', which the path encoding handles. */
export function datasetRef(dataset: DatasetLike): string {
  const name = typeof dataset === 'string' ? dataset : dataset.name;
  if (typeof name !== 'string' || name.length === 0)
    throw new TypeError('dataset must be a non-empty dataset name, or a Dataset');
  return name;
}
