// The whitelisted view stages (docs/design.md §5): their JSON shapes, TypeScript types and TypeBox schemas.
import { Type } from 'typebox';
import { ExpressionSchema, type Expression } from './expression.js';
import { FIELD_PATH_MAX_LENGTH, FIELD_PATH_PATTERN } from './field-path.js';

export const STAGE_NAMES = [
  'match',
  'match_tags',
  'exists',
  'filter_labels',
  'sort_by',
  'skip',
  'limit',
  'take',
  'shuffle',
  'select',
  'exclude',
  'select_fields',
  'exclude_fields',
  'to_patches',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGE_NAMES as readonly string[]).includes(value);
}

/** Seeds are 31-bit so both SQL dialects can hash them with plain integer arithmetic. */
export const MAX_SEED = 2 ** 31 - 1;
export const SAMPLE_ID_PATTERN = '^[0-9a-f]{24}$';

/** Samples whose expression is true. */
export interface MatchStage {
  stage: 'match';
  filter: Expression;
}
/** Samples with any (or, with `all`, every) of the tags; `bool: false` inverts. FiftyOne's match_tags. */
export interface MatchTagsStage {
  stage: 'match_tags';
  tags: string[];
  bool?: boolean;
  all?: boolean;
}
/** Samples where the field is present and not null (`bool: false`: absent or null). */
export interface ExistsStage {
  stage: 'exists';
  field: string;
  bool?: boolean;
}
/**
 * Keeps only the labels of `field` for which `filter` is true; inside `filter`, {"op":"elem"} is the
 * label. `only_matches` (default true, as in FiftyOne) drops samples left with no labels.
 */
export interface FilterLabelsStage {
  stage: 'filter_labels';
  field: string;
  filter: Expression;
  only_matches?: boolean;
}
/** Exactly one of `field` and `expr`. */
export type SortByStage =
  | { stage: 'sort_by'; field: string; expr?: never; reverse?: boolean }
  | { stage: 'sort_by'; expr: Expression; field?: never; reverse?: boolean };
export interface SkipStage {
  stage: 'skip';
  n: number;
}
export interface LimitStage {
  stage: 'limit';
  n: number;
}
/** A random `size` samples; the seed makes the choice replayable. */
export interface TakeStage {
  stage: 'take';
  size: number;
  seed: number;
}
export interface ShuffleStage {
  stage: 'shuffle';
  seed: number;
}
/** Only these samples; `ordered: true` returns them in the order given. */
export interface SelectStage {
  stage: 'select';
  sample_ids: string[];
  ordered?: boolean;
}
export interface ExcludeStage {
  stage: 'exclude';
  sample_ids: string[];
}
/** Keeps only these fields (plus the default ones: id, filepath, tags, metadata, timestamps). */
export interface SelectFieldsStage {
  stage: 'select_fields';
  fields: string[];
}
export interface ExcludeFieldsStage {
  stage: 'exclude_fields';
  fields: string[];
}

export type Stage =
  | MatchStage
  | MatchTagsStage
  | ExistsStage
  | FilterLabelsStage
  | SortByStage
  | SkipStage
  | LimitStage
  | TakeStage
  | ShuffleStage
  | SelectStage
  | ExcludeStage
  | SelectFieldsStage
  | ExcludeFieldsStage
  | ToPatchesStage;

/**
 * One sample per label of a Detections or Polylines field (FiftyOne's to_patches): each row is the label as the
 * document `{<field>: label, sample_id}`, with the label's id and tags, and the source sample's filepath and metadata.
 * Stages before it select samples; stages after it select and order patches. At most one per view.
 */
export interface ToPatchesStage {
  stage: 'to_patches';
  field: string;
}

/** A view: an ordered stage list, wrapped in an object so fields can be added later without breaking clients. */
export interface View {
  stages: Stage[];
}

// ---- TypeBox schemas (structure only; validateView adds limits, scoping and regex safety) ----

const FieldPath = Type.String({ pattern: FIELD_PATH_PATTERN, maxLength: FIELD_PATH_MAX_LENGTH });
const Count = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Seed = Type.Integer({ minimum: 0, maximum: MAX_SEED });
const SampleIds = Type.Array(Type.String({ pattern: SAMPLE_ID_PATTERN }));
const closed = { additionalProperties: false } as const;

export const StageSchema = Type.Union(
  [
    Type.Object({ stage: Type.Literal('match'), filter: ExpressionSchema }, closed),
    Type.Object(
      {
        stage: Type.Literal('match_tags'),
        tags: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        bool: Type.Optional(Type.Boolean()),
        all: Type.Optional(Type.Boolean()),
      },
      closed,
    ),
    Type.Object({ stage: Type.Literal('exists'), field: FieldPath, bool: Type.Optional(Type.Boolean()) }, closed),
    Type.Object(
      {
        stage: Type.Literal('filter_labels'),
        field: FieldPath,
        filter: ExpressionSchema,
        only_matches: Type.Optional(Type.Boolean()),
      },
      closed,
    ),
    Type.Object({ stage: Type.Literal('sort_by'), field: FieldPath, reverse: Type.Optional(Type.Boolean()) }, closed),
    Type.Object(
      { stage: Type.Literal('sort_by'), expr: ExpressionSchema, reverse: Type.Optional(Type.Boolean()) },
      closed,
    ),
    Type.Object({ stage: Type.Literal('skip'), n: Count }, closed),
    Type.Object({ stage: Type.Literal('limit'), n: Count }, closed),
    Type.Object({ stage: Type.Literal('take'), size: Count, seed: Seed }, closed),
    Type.Object({ stage: Type.Literal('shuffle'), seed: Seed }, closed),
    Type.Object(
      { stage: Type.Literal('select'), sample_ids: SampleIds, ordered: Type.Optional(Type.Boolean()) },
      closed,
    ),
    Type.Object({ stage: Type.Literal('exclude'), sample_ids: SampleIds }, closed),
    Type.Object({ stage: Type.Literal('select_fields'), fields: Type.Array(FieldPath) }, closed),
    Type.Object({ stage: Type.Literal('exclude_fields'), fields: Type.Array(FieldPath) }, closed),
    Type.Object({ stage: Type.Literal('to_patches'), field: FieldPath }, closed),
  ],
  { title: 'Stage' },
);

export const ViewSchema = Type.Object(
  { stages: Type.Array(StageSchema) },
  {
    title: 'View',
    description: 'An ordered list of whitelisted stages; validate with validateView for limits.',
    additionalProperties: false,
  },
);
