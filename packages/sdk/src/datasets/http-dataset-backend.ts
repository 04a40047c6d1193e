// The HTTP backend: each operation is one call to a route in PATHS, acting as the API key's user.
import {
  fillPath,
  NDJSON_CONTENT_TYPE,
  PATHS,
  type AddFieldBody,
  type AddSamplesBody,
  type AddSamplesResult,
  type AggregateBody,
  type AggregateResult,
  type CloneDatasetBody,
  type CountTagsBody,
  type CreateDatasetBody,
  type Dataset,
  type DatasetPage,
  type DeleteSamplesBody,
  type FieldInfo,
  type FieldList,
  type ListDatasetsQuery,
  type PatchSampleBody,
  type QuerySamplesBody,
  type Sample,
  type SamplePage,
  type SavedView,
  type SavedViewList,
  type SaveViewBody,
  type SetValuesBody,
  type TagBody,
  type TagCounts,
  type UpdateDatasetBody,
  type UpdatedResult,
  type ValuesBody,
  type ValuesResult,
} from '@teamset/contract';
import type { HttpClient } from '../http/http-client.js';
import type { DatasetBackend } from './dataset-backend.js';

type PathName = keyof typeof PATHS;

export class HttpDatasetBackend implements DatasetBackend {
  readonly kind = 'api';

  constructor(private readonly http: HttpClient) {}

  listDatasets(query: ListDatasetsQuery): Promise<DatasetPage> {
    return this.http.get<DatasetPage>(PATHS.datasets, {
      search: query.search,
      page: query.page,
      pageSize: query.pageSize,
    });
  }

  getDataset(dataset: string): Promise<Dataset> {
    return this.http.get<Dataset>(path('dataset', dataset));
  }

  createDataset(body: CreateDatasetBody): Promise<Dataset> {
    return this.http.post<Dataset>(PATHS.datasets, body);
  }

  updateDataset(dataset: string, body: UpdateDatasetBody): Promise<Dataset> {
    return this.http.patch<Dataset>(path('dataset', dataset), body);
  }

  deleteDataset(dataset: string): Promise<void> {
    return this.http.delete(path('dataset', dataset));
  }

  cloneDataset(dataset: string, body: CloneDatasetBody): Promise<Dataset> {
    return this.http.post<Dataset>(path('datasetClone', dataset), body);
  }

  addSamples(dataset: string, body: AddSamplesBody, json?: readonly string[]): Promise<AddSamplesResult> {
    // The texts the batch was sized by, one per line: no second JSON.stringify of any sample, and a body the
    // server can cut at a line end and encode on two threads.
    if (json !== undefined && json.length === body.samples.length)
      return this.http.postText<AddSamplesResult>(path('samples', dataset), json.join('\n'), NDJSON_CONTENT_TYPE);
    return this.http.post<AddSamplesResult>(path('samples', dataset), body);
  }

  getSample(dataset: string, sampleId: string): Promise<Sample> {
    return this.http.get<Sample>(path('sample', dataset, { sampleId }));
  }

  patchSample(dataset: string, sampleId: string, body: PatchSampleBody): Promise<Sample> {
    return this.http.patch<Sample>(path('sample', dataset, { sampleId }), body);
  }

  deleteSamples(dataset: string, body: DeleteSamplesBody): Promise<{ deleted: number }> {
    return this.http.post<{ deleted: number }>(path('samplesDelete', dataset), body);
  }

  querySamples(dataset: string, body: QuerySamplesBody): Promise<SamplePage> {
    return this.http.post<SamplePage>(path('samplesQuery', dataset), body);
  }

  async values(dataset: string, body: ValuesBody): Promise<unknown[]> {
    return (await this.http.post<ValuesResult>(path('values', dataset), body)).values;
  }

  setValues(dataset: string, body: SetValuesBody): Promise<UpdatedResult> {
    return this.http.post<UpdatedResult>(path('setValues', dataset), body);
  }

  aggregate(dataset: string, body: AggregateBody): Promise<AggregateResult> {
    return this.http.post<AggregateResult>(path('aggregate', dataset), body);
  }

  tag(dataset: string, body: TagBody): Promise<UpdatedResult> {
    return this.http.post<UpdatedResult>(path('tag', dataset), body);
  }

  untag(dataset: string, body: TagBody): Promise<UpdatedResult> {
    return this.http.post<UpdatedResult>(path('untag', dataset), body);
  }

  async countTags(dataset: string, body: CountTagsBody): Promise<Record<string, number>> {
    return (await this.http.post<TagCounts>(path('countTags', dataset), body)).counts;
  }

  async getFieldSchema(dataset: string): Promise<FieldInfo[]> {
    return (await this.http.get<FieldList>(path('fields', dataset))).fields;
  }

  async addField(dataset: string, body: AddFieldBody): Promise<FieldInfo[]> {
    return (await this.http.post<FieldList>(path('fields', dataset), body)).fields;
  }

  deleteField(dataset: string, fieldPath: string): Promise<void> {
    return this.http.delete(path('field', dataset, { path: fieldPath }));
  }

  async renameField(dataset: string, fieldPath: string, newPath: string): Promise<FieldInfo[]> {
    return (await this.http.patch<FieldList>(path('field', dataset, { path: fieldPath }), { newPath })).fields;
  }

  async listSavedViews(dataset: string): Promise<SavedView[]> {
    return (await this.http.get<SavedViewList>(path('savedViews', dataset))).views;
  }

  getSavedView(dataset: string, name: string): Promise<SavedView> {
    return this.http.get<SavedView>(path('savedView', dataset, { view: name }));
  }

  saveView(dataset: string, name: string, body: SaveViewBody): Promise<SavedView> {
    return this.http.put<SavedView>(path('savedView', dataset, { view: name }), body);
  }

  deleteSavedView(dataset: string, name: string): Promise<void> {
    return this.http.delete(path('savedView', dataset, { view: name }));
  }
}

function path(route: PathName, dataset: string, params: Record<string, string> = {}): string {
  return fillPath(PATHS[route], { ...params, name: dataset });
}
