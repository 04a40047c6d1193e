// The sample-level operations of a dataset (docs/design.md §2, §5): the contract SampleService implements, each behind its permission.
import type {
  AggregateResult,
  Aggregation,
  FieldInfo,
  FieldType,
  Sample,
  SampleInput,
  SamplePage,
  View,
} from '@teamset/contract';
import type { Actor } from '../actor.js';

/** A page of samples as JSON text, for a server to write into its response unparsed. */
export interface SamplePageJson {
  /** UTF-8: the samples' JSON texts (each the contract's Sample) joined by commas; an array's contents. */
  samples: Uint8Array;
  /** Samples in `samples`. */
  count: number;
  nextCursor: string | null;
}

/**
 * Every method takes the acting user (or SYSTEM_ACTOR for the database connection) and the dataset's name,
 * checks the permission in brackets through DatasetService.access (404 when the dataset is invisible, 403 with
 * required/actual below it), and throws AppError: BAD_REQUEST (details.field / details.problems) for bad input,
 * QUERY_TIMEOUT when a view query runs past its budget. A `view` argument is untrusted JSON: it is validated
 * (structure, limits, and against the dataset's schema) before use; undefined means the whole dataset.
 */
export interface SampleOperations {
  /** [EDIT] One all-or-nothing batch: every sample is validated and the schema extended, or nothing changes. Returns ids in input order. */
  addSamples(actor: Actor, dataset: string, samples: SampleInput[]): Promise<{ ids: string[] }>;
  /** [EDIT] The same, for a batch sent as NDJSON (one sample object per line, text or UTF-8 bytes); a large one in bytes is encoded on two threads. */
  addSamplesNdjson(actor: Actor, dataset: string, body: string | Uint8Array): Promise<{ ids: string[] }>;
  /** [VIEW] One sample by id; 404 when the dataset has no such sample. */
  getSample(actor: Actor, dataset: string, sampleId: string): Promise<Sample>;
  /** [EDIT] Set fields (built-in filepath/tags/metadata or custom, labels included) and clear custom fields. */
  patchSample(
    actor: Actor,
    dataset: string,
    sampleId: string,
    patch: { set?: Record<string, unknown>; unset?: string[] },
  ): Promise<Sample>;
  /** [EDIT] Delete samples by id or every sample of a view. */
  deleteSamples(
    actor: Actor,
    dataset: string,
    target: { ids?: string[]; view?: unknown },
  ): Promise<{ deleted: number }>;

  /** [VIEW] One keyset page of a view's samples in view order. */
  querySamples(
    actor: Actor,
    dataset: string,
    query: { view?: unknown; after?: string; limit?: number },
  ): Promise<SamplePage>;
  /** [VIEW] The same page, each sample as its JSON text, made without parsing the stored documents. */
  querySamplesJson(
    actor: Actor,
    dataset: string,
    query: { view?: unknown; after?: string; limit?: number },
  ): Promise<SamplePageJson>;
  /** [VIEW] One entry per sample of the view, in view order (lists per sample for paths through label lists unless `unwind`). */
  values(actor: Actor, dataset: string, query: { view?: unknown; path: string; unwind?: boolean }): Promise<unknown[]>;
  /** [EDIT] Write one value per sample of the view (aligned, view order) or per id; validated and typed like addSamples. */
  setValues(
    actor: Actor,
    dataset: string,
    input: { view?: unknown; path: string; values?: unknown[]; valuesById?: Record<string, unknown> },
  ): Promise<{ updated: number }>;
  /** [VIEW] Several aggregations over one view, in one request. */
  aggregate(
    actor: Actor,
    dataset: string,
    query: { view?: unknown; aggregations: Aggregation[] },
  ): Promise<AggregateResult>;

  /** [TAG] Add or remove sample tags on the view's samples, or label tags on the labels it shows (`labels`/`labelFields`). */
  tag(
    actor: Actor,
    dataset: string,
    input: { view?: unknown; tags: string[]; labels?: boolean; labelFields?: string[] },
  ): Promise<{ updated: number }>;
  untag(
    actor: Actor,
    dataset: string,
    input: { view?: unknown; tags: string[]; labels?: boolean; labelFields?: string[] },
  ): Promise<{ updated: number }>;
  /** [VIEW] Tag → count over the view's samples, or over the labels it shows. */
  countTags(
    actor: Actor,
    dataset: string,
    input: { view?: unknown; labels?: boolean; labelFields?: string[] },
  ): Promise<Record<string, number>>;

  /** [VIEW] Built-in fields, custom fields and custom label attributes. */
  getFieldSchema(actor: Actor, dataset: string): Promise<FieldInfo[]>;
  /** [EDIT] Declare a field before any sample has it (FiftyOne add_sample_field). */
  addField(actor: Actor, dataset: string, path: string, type: FieldType): Promise<FieldInfo[]>;
  /** [EDIT] Remove a custom field (or custom label attribute) from the schema and every sample. */
  deleteField(actor: Actor, dataset: string, path: string): Promise<void>;
  /** [EDIT] Rename a custom top-level field in the schema and every sample. */
  renameField(actor: Actor, dataset: string, path: string, newPath: string): Promise<FieldInfo[]>;
}

export type { View };
