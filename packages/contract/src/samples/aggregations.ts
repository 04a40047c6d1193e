// Aggregations (docs/design.md §5, FiftyOne's names): requests and results; several run in one request over one view.
import { Type } from 'typebox';
import { ViewSchema, type View } from '../views/stages.js';
import { FieldPathString } from './sample.js';

export const AGGREGATION_TYPES = [
  'count',
  'distinct',
  'count_values',
  'bounds',
  'mean',
  'sum',
  'histogram_values',
] as const;
export type AggregationType = (typeof AGGREGATION_TYPES)[number];
/** Enough for a whole sidebar (facets: a few per label field and one or two per scalar field) in one request. */
export const MAX_AGGREGATIONS_PER_REQUEST = 100;
/** The most values a `count_values` with `limit` returns. */
export const MAX_COUNT_VALUES_LIMIT = 10_000;
export const MAX_HISTOGRAM_BINS = 1_000;
export const DEFAULT_HISTOGRAM_BINS = 10;

/**
 * A path through a label list (`ground_truth.detections.label`) or any list field (`tags`) unwinds it:
 * the aggregation sees one value per element. `count` without a path counts samples; with one, non-null values.
 */
export type Aggregation =
  | { type: 'count'; path?: string }
  | { type: 'distinct' | 'bounds' | 'mean' | 'sum'; path: string }
  /** With `limit`: only the first `limit` values, and the result says how many there are in all (`distinct`, `total`). */
  | { type: 'count_values'; path: string; limit?: number }
  | { type: 'histogram_values'; path: string; bins?: number; range?: [number, number] };

export type AggregationResult =
  | { type: 'count'; count: number }
  | { type: 'distinct'; values: Array<string | number | boolean> }
  /**
   * Sorted by count, descending, then by value; null values (absent or null) counted under `value: null`. With a
   * `limit`: `distinct` is the number of non-null values before the limit cut, `total` the sum of all counts.
   */
  | {
      type: 'count_values';
      values: Array<{ value: string | number | boolean | null; count: number }>;
      distinct?: number;
      total?: number;
    }
  /** [null, null] when there are no values. */
  | { type: 'bounds'; bounds: [number | null, number | null] }
  | { type: 'mean'; mean: number | null }
  | { type: 'sum'; sum: number }
  /** `edges` has bins+1 entries; the last bin includes its upper edge; values outside the range count in `other`. */
  | { type: 'histogram_values'; counts: number[]; edges: number[]; other: number };

const PathAgg = (type: AggregationType) =>
  Type.Object({ type: Type.Literal(type), path: FieldPathString }, { additionalProperties: false });

export const AggregationSchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('count'), path: Type.Optional(FieldPathString) }, { additionalProperties: false }),
    PathAgg('distinct'),
    Type.Object(
      {
        type: Type.Literal('count_values'),
        path: FieldPathString,
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_COUNT_VALUES_LIMIT })),
      },
      { additionalProperties: false },
    ),
    PathAgg('bounds'),
    PathAgg('mean'),
    PathAgg('sum'),
    Type.Object(
      {
        type: Type.Literal('histogram_values'),
        path: FieldPathString,
        bins: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_HISTOGRAM_BINS })),
        range: Type.Optional(Type.Tuple([Type.Number(), Type.Number()])),
      },
      { additionalProperties: false },
    ),
  ],
  { title: 'Aggregation' },
);

export const AggregateBody = Type.Object(
  {
    view: Type.Optional(ViewSchema),
    aggregations: Type.Array(AggregationSchema, { minItems: 1, maxItems: MAX_AGGREGATIONS_PER_REQUEST }),
  },
  { additionalProperties: false },
);
export type AggregateBody = { view?: View; aggregations: Aggregation[] };

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
export const AggregationResultSchema = Type.Union([
  Type.Object({ type: Type.Literal('count'), count: Type.Integer() }),
  Type.Object({ type: Type.Literal('distinct'), values: Type.Array(Scalar) }),
  Type.Object({
    type: Type.Literal('count_values'),
    values: Type.Array(Type.Object({ value: Type.Union([Scalar, Type.Null()]), count: Type.Integer() })),
    distinct: Type.Optional(Type.Integer()),
    total: Type.Optional(Type.Integer()),
  }),
  Type.Object({ type: Type.Literal('bounds'), bounds: Type.Tuple([NullableNumber, NullableNumber]) }),
  Type.Object({ type: Type.Literal('mean'), mean: NullableNumber }),
  Type.Object({ type: Type.Literal('sum'), sum: Type.Number() }),
  Type.Object({
    type: Type.Literal('histogram_values'),
    counts: Type.Array(Type.Integer()),
    edges: Type.Array(Type.Number()),
    other: Type.Integer(),
  }),
]);
export const AggregateResult = Type.Object({ results: Type.Array(AggregationResultSchema) });
export type AggregateResult = { results: AggregationResult[] };
