// The SDK's datasets: module functions, Dataset and DatasetView, aggregation builders and the backend seam.
export {
  createDataset,
  loadDataset,
  listDatasets,
  datasetExists,
  deleteDataset,
  type CreateDatasetOptions,
  type ListDatasetNamesOptions,
} from './dataset-functions.js';
export {
  Dataset,
  type AddSamplesOptions,
  type AddSamplesProgress,
  type EditDatasetInput,
  type GetFieldSchemaOptions,
  type SaveViewOptions,
  type ViewLike,
} from './dataset.js';
export {
  DatasetView,
  type IterateOptions,
  type LabelFields,
  type MatchTagsOptions,
  type SampleIds,
  type SetValuesInput,
  type ValuesOptions,
} from './dataset-view.js';
export type { TagOptions } from './tag-with-progress.js';
export {
  DEFAULT_FACET_BINS,
  DEFAULT_FACET_TOP,
  type Facets,
  type FacetsOptions,
  type FieldFacet,
  type LabelFieldFacet,
  type NumericFacet,
  type TopValues,
  type ValueCount,
} from './facets.js';
export {
  AggregationSpec,
  Bounds,
  Count,
  CountValues,
  Distinct,
  HistogramValues,
  Mean,
  Sum,
  type AggregationResults,
  type AggregationScalar,
  type CountValuesResult,
  type HistogramOptions,
  type HistogramResult,
} from './aggregations.js';
export type { DatasetBackend } from './dataset-backend.js';
export { backendFor } from './backend-for.js';
export { closeDefaultConnections } from './default-connection.js';
export { DEFAULT_BATCH_LIMITS, type BatchLimits } from './sample-batches.js';
