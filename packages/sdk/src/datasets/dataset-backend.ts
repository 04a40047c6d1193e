// DatasetBackend: every dataset and sample operation the SDK needs, in contract shapes, over HTTP or straight into core.
import type {
  AddFieldBody,
  AddSamplesBody,
  AddSamplesResult,
  AggregateBody,
  AggregateResult,
  CloneDatasetBody,
  CountTagsBody,
  CreateDatasetBody,
  Dataset,
  DatasetPage,
  DeleteSamplesBody,
  FieldInfo,
  ListDatasetsQuery,
  PatchSampleBody,
  QuerySamplesBody,
  Sample,
  SamplePage,
  SavedView,
  SaveViewBody,
  SetValuesBody,
  TagBody,
  TagProgressResult,
  UpdateDatasetBody,
  UpdatedResult,
  ValuesBody,
} from '@teamset/contract';

/**
 * Both implementations return the same shapes and throw the same typed SDK errors (TeamsetError
 * subclasses), so Dataset and DatasetView above them cannot tell which connection they run over.
 * `dataset` is always the dataset's name; a `view` in a body is omitted for the whole dataset.
 */
export interface DatasetBackend {
  /** Which connection this is, for messages and tests; behaviour must not depend on it. */
  readonly kind: 'api' | 'database';

  listDatasets(query: ListDatasetsQuery): Promise<DatasetPage>;
  getDataset(dataset: string): Promise<Dataset>;
  createDataset(body: CreateDatasetBody): Promise<Dataset>;
  updateDataset(dataset: string, body: UpdateDatasetBody): Promise<Dataset>;
  deleteDataset(dataset: string): Promise<void>;
  cloneDataset(dataset: string, body: CloneDatasetBody): Promise<Dataset>;

  /** One all-or-nothing batch; `json`, when given, holds each sample's JSON text (an HTTP backend sends it as is). */
  addSamples(dataset: string, body: AddSamplesBody, json?: readonly string[]): Promise<AddSamplesResult>;
  getSample(dataset: string, sampleId: string): Promise<Sample>;
  patchSample(dataset: string, sampleId: string, body: PatchSampleBody): Promise<Sample>;
  deleteSamples(dataset: string, body: DeleteSamplesBody): Promise<{ deleted: number }>;
  querySamples(dataset: string, body: QuerySamplesBody): Promise<SamplePage>;
  values(dataset: string, body: ValuesBody): Promise<unknown[]>;
  setValues(dataset: string, body: SetValuesBody): Promise<UpdatedResult>;
  aggregate(dataset: string, body: AggregateBody): Promise<AggregateResult>;

  tag(dataset: string, body: TagBody): Promise<UpdatedResult>;
  untag(dataset: string, body: TagBody): Promise<UpdatedResult>;
  /** How far the caller's tag request named `token` (its body's `progress`) has come. */
  tagProgress(dataset: string, token: string): Promise<TagProgressResult>;
  countTags(dataset: string, body: CountTagsBody): Promise<Record<string, number>>;

  getFieldSchema(dataset: string): Promise<FieldInfo[]>;
  addField(dataset: string, body: AddFieldBody): Promise<FieldInfo[]>;
  deleteField(dataset: string, path: string): Promise<void>;
  renameField(dataset: string, path: string, newPath: string): Promise<FieldInfo[]>;

  listSavedViews(dataset: string): Promise<SavedView[]>;
  getSavedView(dataset: string, name: string): Promise<SavedView>;
  saveView(dataset: string, name: string, body: SaveViewBody): Promise<SavedView>;
  deleteSavedView(dataset: string, name: string): Promise<void>;
}
