// The HTTP backend: one call per operation to a contract route, as the API key's user (sample and view routes name their own types: callAs).
import {
  DATASET_ROUTES,
  FIELD_ROUTES,
  NDJSON_CONTENT_TYPE,
  SAMPLE_ROUTES,
  SAVED_VIEW_ROUTES,
  TAG_ROUTES,
  VIEW_READ_ROUTES,
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
  type TagProgressResult,
  type TagCounts,
  type UpdateDatasetBody,
  type UpdatedResult,
  type ValuesBody,
  type ValuesResult,
} from '@teamset/contract';
import type { HttpClient } from '../http/http-client.js';
import type { DatasetBackend } from './dataset-backend.js';

export class HttpDatasetBackend implements DatasetBackend {
  readonly kind = 'api';

  constructor(private readonly http: HttpClient) {}

  listDatasets(query: ListDatasetsQuery): Promise<DatasetPage> {
    return this.http.call(
      DATASET_ROUTES.list,
      {},
      {
        query: { search: query.search, page: query.page, pageSize: query.pageSize },
      },
    );
  }

  getDataset(dataset: string): Promise<Dataset> {
    return this.http.call(DATASET_ROUTES.get, { name: dataset });
  }

  createDataset(body: CreateDatasetBody): Promise<Dataset> {
    return this.http.call(DATASET_ROUTES.create, {}, { body });
  }

  updateDataset(dataset: string, body: UpdateDatasetBody): Promise<Dataset> {
    return this.http.call(DATASET_ROUTES.update, { name: dataset }, { body });
  }

  deleteDataset(dataset: string): Promise<void> {
    return this.http.call(DATASET_ROUTES.delete, { name: dataset });
  }

  cloneDataset(dataset: string, body: CloneDatasetBody): Promise<Dataset> {
    return this.http.callAs<Dataset>(DATASET_ROUTES.clone, { name: dataset }, { body });
  }

  addSamples(dataset: string, body: AddSamplesBody, json?: readonly string[]): Promise<AddSamplesResult> {
    // The texts the batch was sized by, one per line: no second JSON.stringify of any sample, and a body the
    // server can cut at a line end and encode on two threads.
    if (json !== undefined && json.length === body.samples.length)
      return this.http.call(
        SAMPLE_ROUTES.add,
        { name: dataset },
        { text: json.join('\n'), contentType: NDJSON_CONTENT_TYPE },
      );
    return this.http.callAs<AddSamplesResult>(SAMPLE_ROUTES.add, { name: dataset }, { body });
  }

  getSample(dataset: string, sampleId: string): Promise<Sample> {
    return this.http.callAs<Sample>(SAMPLE_ROUTES.get, { name: dataset, sampleId });
  }

  patchSample(dataset: string, sampleId: string, body: PatchSampleBody): Promise<Sample> {
    return this.http.callAs<Sample>(SAMPLE_ROUTES.patch, { name: dataset, sampleId }, { body });
  }

  deleteSamples(dataset: string, body: DeleteSamplesBody): Promise<{ deleted: number }> {
    return this.http.callAs<{ deleted: number }>(SAMPLE_ROUTES.delete, { name: dataset }, { body });
  }

  querySamples(dataset: string, body: QuerySamplesBody): Promise<SamplePage> {
    return this.http.callAs<SamplePage>(VIEW_READ_ROUTES.query, { name: dataset }, { body });
  }

  async values(dataset: string, body: ValuesBody): Promise<unknown[]> {
    return (await this.http.callAs<ValuesResult>(VIEW_READ_ROUTES.values, { name: dataset }, { body })).values;
  }

  setValues(dataset: string, body: SetValuesBody): Promise<UpdatedResult> {
    return this.http.callAs<UpdatedResult>(SAMPLE_ROUTES.setValues, { name: dataset }, { body });
  }

  aggregate(dataset: string, body: AggregateBody): Promise<AggregateResult> {
    return this.http.callAs<AggregateResult>(VIEW_READ_ROUTES.aggregate, { name: dataset }, { body });
  }

  tag(dataset: string, body: TagBody): Promise<UpdatedResult> {
    return this.http.callAs<UpdatedResult>(TAG_ROUTES.tag, { name: dataset }, { body });
  }

  untag(dataset: string, body: TagBody): Promise<UpdatedResult> {
    return this.http.callAs<UpdatedResult>(TAG_ROUTES.untag, { name: dataset }, { body });
  }

  tagProgress(dataset: string, token: string): Promise<TagProgressResult> {
    return this.http.callAs<TagProgressResult>(TAG_ROUTES.progress, { name: dataset, token });
  }

  async countTags(dataset: string, body: CountTagsBody): Promise<Record<string, number>> {
    return (await this.http.callAs<TagCounts>(VIEW_READ_ROUTES.countTags, { name: dataset }, { body })).counts;
  }

  async getFieldSchema(dataset: string): Promise<FieldInfo[]> {
    return (await this.http.callAs<FieldList>(FIELD_ROUTES.list, { name: dataset })).fields;
  }

  async addField(dataset: string, body: AddFieldBody): Promise<FieldInfo[]> {
    return (await this.http.callAs<FieldList>(FIELD_ROUTES.add, { name: dataset }, { body })).fields;
  }

  deleteField(dataset: string, fieldPath: string): Promise<void> {
    return this.http.call(FIELD_ROUTES.delete, { name: dataset, path: fieldPath });
  }

  async renameField(dataset: string, fieldPath: string, newPath: string): Promise<FieldInfo[]> {
    return (
      await this.http.callAs<FieldList>(FIELD_ROUTES.rename, { name: dataset, path: fieldPath }, { body: { newPath } })
    ).fields;
  }

  async listSavedViews(dataset: string): Promise<SavedView[]> {
    return (await this.http.callAs<SavedViewList>(SAVED_VIEW_ROUTES.list, { name: dataset })).views;
  }

  getSavedView(dataset: string, name: string): Promise<SavedView> {
    return this.http.callAs<SavedView>(SAVED_VIEW_ROUTES.get, { name: dataset, view: name });
  }

  saveView(dataset: string, name: string, body: SaveViewBody): Promise<SavedView> {
    return this.http.callAs<SavedView>(SAVED_VIEW_ROUTES.save, { name: dataset, view: name }, { body });
  }

  deleteSavedView(dataset: string, name: string): Promise<void> {
    return this.http.call(SAVED_VIEW_ROUTES.delete, { name: dataset, view: name });
  }
}
