// The direct backend: calls core's dataset and sample services as the system actor (full access, docs/design.md §4).
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
  FieldType,
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
import type * as Core from '@teamset/core';
import type { CoreServices, DatabaseConnection } from '../connection/database-connection.js';
import { loadCore, type CoreModule } from '../connection/load-core.js';
import type { DatasetBackend } from './dataset-backend.js';
import { errorFromAppError, errorFromUnexpected } from './error-from-app-error.js';

export class DirectDatasetBackend implements DatasetBackend {
  readonly kind = 'database';

  private constructor(
    private readonly core: CoreModule,
    private readonly connection: DatabaseConnection,
  ) {}

  /** Opens the connection's database; core is imported here so API-connection users never load it. */
  static async open(connection: DatabaseConnection): Promise<DirectDatasetBackend> {
    const [core] = await Promise.all([loadCore(), connection.services()]);
    return new DirectDatasetBackend(core, connection);
  }

  private get actor(): Core.Actor {
    return this.core.SYSTEM_ACTOR;
  }

  /**
   * Runs a core call, turning its errors into the classes the HTTP backend would throw. The services are
   * asked of the connection each time (a cached promise), so a connection closed and used again reopens.
   */
  private async call<T>(run: (services: CoreServices) => Promise<T>): Promise<T> {
    const services = await this.connection.services();
    try {
      return await run(services);
    } catch (error) {
      throw this.core.isAppError(error) ? errorFromAppError(error) : errorFromUnexpected(error);
    }
  }

  listDatasets(query: ListDatasetsQuery): Promise<DatasetPage> {
    return this.call((s) => s.datasets.list(this.actor, query));
  }

  getDataset(dataset: string): Promise<Dataset> {
    return this.call((s) => s.datasets.get(this.actor, dataset));
  }

  createDataset(body: CreateDatasetBody): Promise<Dataset> {
    return this.call((s) => s.datasets.create(this.actor, body));
  }

  updateDataset(dataset: string, body: UpdateDatasetBody): Promise<Dataset> {
    return this.call((s) => s.datasets.update(this.actor, dataset, body));
  }

  deleteDataset(dataset: string): Promise<void> {
    return this.call((s) => s.datasets.delete(this.actor, dataset));
  }

  cloneDataset(dataset: string, body: CloneDatasetBody): Promise<Dataset> {
    return this.call((s) => s.clones.clone(this.actor, dataset, body));
  }

  addSamples(dataset: string, body: AddSamplesBody): Promise<AddSamplesResult> {
    return this.call((s) => s.samples.addSamples(this.actor, dataset, body.samples));
  }

  getSample(dataset: string, sampleId: string): Promise<Sample> {
    return this.call((s) => s.samples.getSample(this.actor, dataset, sampleId));
  }

  patchSample(dataset: string, sampleId: string, body: PatchSampleBody): Promise<Sample> {
    return this.call((s) => s.samples.patchSample(this.actor, dataset, sampleId, body));
  }

  deleteSamples(dataset: string, body: DeleteSamplesBody): Promise<{ deleted: number }> {
    return this.call((s) => s.samples.deleteSamples(this.actor, dataset, body));
  }

  querySamples(dataset: string, body: QuerySamplesBody): Promise<SamplePage> {
    return this.call((s) => s.samples.querySamples(this.actor, dataset, body));
  }

  values(dataset: string, body: ValuesBody): Promise<unknown[]> {
    return this.call((s) => s.samples.values(this.actor, dataset, body));
  }

  setValues(dataset: string, body: SetValuesBody): Promise<UpdatedResult> {
    return this.call((s) => s.samples.setValues(this.actor, dataset, body));
  }

  aggregate(dataset: string, body: AggregateBody): Promise<AggregateResult> {
    return this.call((s) => s.samples.aggregate(this.actor, dataset, body));
  }

  tag(dataset: string, body: TagBody): Promise<UpdatedResult> {
    return this.call((s) => s.samples.tag(this.actor, dataset, body));
  }

  untag(dataset: string, body: TagBody): Promise<UpdatedResult> {
    return this.call((s) => s.samples.untag(this.actor, dataset, body));
  }

  tagProgress(dataset: string, token: string): Promise<TagProgressResult> {
    return this.call(async (s): Promise<TagProgressResult> => {
      const progress = await s.samples.tagProgress(this.actor, dataset, token);
      if (!progress) return { state: 'unknown', done: 0, total: 0 };
      return { state: progress.finished ? 'finished' : 'running', done: progress.done, total: progress.total };
    });
  }

  countTags(dataset: string, body: CountTagsBody): Promise<Record<string, number>> {
    return this.call((s) => s.samples.countTags(this.actor, dataset, body));
  }

  getFieldSchema(dataset: string): Promise<FieldInfo[]> {
    return this.call((s) => s.samples.getFieldSchema(this.actor, dataset));
  }

  addField(dataset: string, body: AddFieldBody): Promise<FieldInfo[]> {
    return this.call((s) => s.samples.addField(this.actor, dataset, body.path, body.type as FieldType));
  }

  deleteField(dataset: string, path: string): Promise<void> {
    return this.call((s) => s.samples.deleteField(this.actor, dataset, path));
  }

  renameField(dataset: string, path: string, newPath: string): Promise<FieldInfo[]> {
    return this.call((s) => s.samples.renameField(this.actor, dataset, path, newPath));
  }

  listSavedViews(dataset: string): Promise<SavedView[]> {
    return this.call((s) => s.savedViews.list(this.actor, dataset));
  }

  getSavedView(dataset: string, name: string): Promise<SavedView> {
    return this.call((s) => s.savedViews.get(this.actor, dataset, name));
  }

  saveView(dataset: string, name: string, body: SaveViewBody): Promise<SavedView> {
    return this.call((s) => s.savedViews.save(this.actor, dataset, name, body));
  }

  deleteSavedView(dataset: string, name: string): Promise<void> {
    return this.call((s) => s.savedViews.delete(this.actor, dataset, name));
  }
}
