// Samples on the wire (docs/design.md §5): FiftyOne's flat document — built-in fields and custom fields side by side.
import { Type, type Static } from 'typebox';
import { SAMPLE_ID_PATTERN, ViewSchema, type View } from '../views/stages.js';
import { FIELD_PATH_MAX_LENGTH, FIELD_PATH_PATTERN } from '../views/field-path.js';
import { DatasetName } from '../schemas/datasets.js';

/** Most samples one add request may carry; the SDK batches far below this (~1 MB per request). */
export const MAX_SAMPLES_PER_BATCH = 10_000;
/**
 * The other body the add-samples route takes: one sample object per line. The SDK sends it, since it has each
 * sample's JSON already; the server can cut such a body at a line end and encode its parts on two threads.
 */
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';
/** Largest page of a sample query. */
export const MAX_SAMPLE_PAGE = 5_000;
export const DEFAULT_SAMPLE_PAGE = 1_000;
/** Longest filepath; FiftyOne accepts any string, a bound keeps indexes healthy. */
export const FILEPATH_MAX_LENGTH = 4_096;

/**
 * A sample as read: `id`, `filepath`, `tags`, `metadata` (null when unknown), `created_at`,
 * `last_modified_at`, and every custom field at the top level. Labels are `_cls`-tagged objects with ids.
 */
export interface Sample {
  id: string;
  filepath: string;
  tags: string[];
  metadata: Record<string, unknown> | null;
  created_at: string;
  last_modified_at: string;
  [field: string]: unknown;
}

/** A sample to add: `filepath` required; `id` optional (kept when given, e.g. by a FiftyOne import); timestamps are set by the server. */
export interface SampleInput {
  id?: string;
  filepath: string;
  tags?: string[];
  metadata?: Record<string, unknown> | null;
  [field: string]: unknown;
}

export const SampleId = Type.String({ pattern: SAMPLE_ID_PATTERN, description: '24 hex characters' });
export const FieldPathString = Type.String({
  pattern: FIELD_PATH_PATTERN,
  maxLength: FIELD_PATH_MAX_LENGTH,
  description: 'Dotted field path',
});

/** `/datasets/:name/samples/:sampleId`. */
export const DatasetSampleParams = Type.Object(
  { name: DatasetName, sampleId: SampleId },
  { additionalProperties: false },
);
export type DatasetSampleParams = Static<typeof DatasetSampleParams>;

/** Samples are open documents: custom fields are checked by the server against the dataset's schema, not here. */
export const SampleSchema = Type.Object(
  {
    id: SampleId,
    filepath: Type.String(),
    tags: Type.Array(Type.String()),
    metadata: Type.Unknown(),
    created_at: Type.String(),
    last_modified_at: Type.String(),
  },
  { title: 'Sample', additionalProperties: true },
);
export const SampleInputSchema = Type.Object(
  { id: Type.Optional(SampleId), filepath: Type.String({ minLength: 1, maxLength: FILEPATH_MAX_LENGTH }) },
  { title: 'SampleInput', additionalProperties: true },
);

export const AddSamplesBody = Type.Object(
  { samples: Type.Array(SampleInputSchema, { minItems: 1, maxItems: MAX_SAMPLES_PER_BATCH }) },
  { additionalProperties: false },
);
export type AddSamplesBody = { samples: SampleInput[] };
export const AddSamplesResult = Type.Object({ ids: Type.Array(SampleId) });
export type AddSamplesResult = Static<typeof AddSamplesResult>;

/** An optional view: absent means the whole dataset. */
const OptionalView = Type.Optional(ViewSchema);

/**
 * One page of a view's samples in view order. `after` is the `nextCursor` of the previous page, opaque
 * to clients; paging is by key, so samples added or removed meanwhile neither repeat nor vanish elsewhere.
 */
export const QuerySamplesBody = Type.Object(
  {
    view: OptionalView,
    after: Type.Optional(Type.String({ maxLength: 4096 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SAMPLE_PAGE })),
  },
  { additionalProperties: false },
);
export type QuerySamplesBody = { view?: View; after?: string; limit?: number };
export const SamplePage = Type.Object({
  samples: Type.Array(SampleSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type SamplePage = { samples: Sample[]; nextCursor: string | null };

/** `set`: fields to write (built-ins filepath/tags/metadata included); `unset`: custom fields to clear. */
export const PatchSampleBody = Type.Object(
  { set: Type.Optional(Type.Record(Type.String(), Type.Unknown())), unset: Type.Optional(Type.Array(FieldPathString)) },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchSampleBody = { set?: Record<string, unknown>; unset?: string[] };

/** Exactly one of `ids` and `view`. */
export const DeleteSamplesBody = Type.Object(
  { ids: Type.Optional(Type.Array(SampleId, { maxItems: 100_000 })), view: OptionalView },
  { additionalProperties: false, minProperties: 1 },
);
export type DeleteSamplesBody = { ids?: string[]; view?: View };
export const DeleteSamplesResult = Type.Object({ deleted: Type.Integer() });

/** FiftyOne's values(): one entry per sample in view order; a path through a label list gives a list per sample unless `unwind`. */
export const ValuesBody = Type.Object(
  { view: OptionalView, path: FieldPathString, unwind: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ValuesBody = { view?: View; path: string; unwind?: boolean };
export const ValuesResult = Type.Object({ values: Type.Array(Type.Unknown()) });
export type ValuesResult = { values: unknown[] };

/**
 * FiftyOne's set_values(): `values` aligned with the view's samples in view order, or `valuesById` keyed by
 * sample id. A path into a label list (`ground_truth.detections.label`) takes one list per sample.
 */
export const SetValuesBody = Type.Object(
  {
    view: OptionalView,
    path: FieldPathString,
    values: Type.Optional(Type.Array(Type.Unknown())),
    valuesById: Type.Optional(Type.Record(Type.String({ pattern: SAMPLE_ID_PATTERN }), Type.Unknown())),
  },
  { additionalProperties: false },
);
export type SetValuesBody = { view?: View; path: string; values?: unknown[]; valuesById?: Record<string, unknown> };
export const UpdatedResult = Type.Object({ updated: Type.Integer({ description: 'Samples changed' }) });
export type UpdatedResult = Static<typeof UpdatedResult>;

export const TagTag = Type.String({ minLength: 1, maxLength: 100 });
/** A random name the client gives its tag request, to poll the request's progress while it runs. */
const ProgressToken = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
/** Tag or untag the samples of a view, or (with `labelFields`, or `labels: true` for every label field) the labels it shows. */
export const TagBody = Type.Object(
  {
    view: OptionalView,
    tags: Type.Array(TagTag, { minItems: 1, maxItems: 100 }),
    labels: Type.Optional(Type.Boolean()),
    labelFields: Type.Optional(Type.Array(FieldPathString)),
    progress: Type.Optional(ProgressToken),
  },
  { additionalProperties: false },
);
export type TagBody = { view?: View; tags: string[]; labels?: boolean; labelFields?: string[]; progress?: string };

/** The tag request's progress, polled while it runs (GET …/tags/progress/:token); unknown before it starts or long after. */
export const TagProgressParams = Type.Object(
  { name: DatasetName, token: ProgressToken },
  { additionalProperties: false },
);
export type TagProgressParams = Static<typeof TagProgressParams>;
export const TagProgressResult = Type.Object({
  state: Type.Union([Type.Literal('unknown'), Type.Literal('running'), Type.Literal('finished')]),
  done: Type.Integer({ description: 'Samples written so far (0 while the view is still being read)' }),
  total: Type.Integer({ description: 'Samples to write; 0 until the view has been read' }),
});
export type TagProgressResult = Static<typeof TagProgressResult>;

export const CountTagsBody = Type.Object(
  {
    view: OptionalView,
    labels: Type.Optional(Type.Boolean()),
    labelFields: Type.Optional(Type.Array(FieldPathString)),
  },
  { additionalProperties: false },
);
export type CountTagsBody = { view?: View; labels?: boolean; labelFields?: string[] };
export const TagCounts = Type.Object({ counts: Type.Record(Type.String(), Type.Integer()) });
export type TagCounts = { counts: Record<string, number> };
