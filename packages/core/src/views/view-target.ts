// What the view read path needs to know about a dataset: its id and its custom field schema, and the rows it returns.
import type { FieldSchema } from '@teamset/contract';

/** The dataset a view runs over. The schema is read once per request by the caller (samples service). */
export interface ViewTarget {
  datasetId: string;
  schema: FieldSchema;
}

/**
 * One sample as the read path returns it: the row of `samples` with its documents parsed, after the view's
 * projections (select_fields / exclude_fields) and label filters (filter_labels) are applied to `fields`.
 */
export interface SampleRow {
  seq: number;
  id: string;
  filepath: string;
  tags: string[];
  metadata: Record<string, unknown> | null;
  fields: Record<string, unknown>;
  created_at: string;
  last_modified_at: string;
}

/** The labels of one label field of one sample that a view shows (after filter_labels): what tag_labels acts on. */
export interface VisibleLabels {
  sampleId: string;
  field: string;
  labelIds: string[];
}
