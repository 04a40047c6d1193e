// Facets: the App sidebar's numbers for a view (counts, tags, classes, confidences, field bounds and values), planned from the field schema and asked in one aggregate request.
import {
  LIST_LABEL_ITEMS,
  patchFields,
  MAX_AGGREGATIONS_PER_REQUEST,
  MAX_COUNT_VALUES_LIMIT,
  MAX_HISTOGRAM_BINS,
  isLabelClass,
  isListLabelClass,
  isScalarType,
  listElementType,
  type Aggregation,
  type AggregationResult,
  type FieldInfo,
  type LabelClass,
  type Stage,
} from '@teamset/contract';
import { ServerError } from '../errors.js';
import type { AggregationScalar, HistogramResult } from './aggregations.js';

export const DEFAULT_FACET_TOP = 200;
export const DEFAULT_FACET_BINS = 10;

export interface FacetsOptions {
  /** The most values listed per class or string field (default 200); `distinct` still counts them all. */
  top?: number;
  /** Histogram bins of confidences and numeric fields (default 10). */
  bins?: number;
}

export interface ValueCount {
  value: AggregationScalar | null;
  count: number;
}

/** The `top` most frequent values (count descending, then value; null counts values that are missing). */
export interface TopValues {
  values: ValueCount[];
  /** How many distinct non-null values there are, listed or not. */
  distinct: number;
  /** The sum of all counts, listed or not. */
  total: number;
}

export interface NumericFacet {
  /** [min, max], [null, null] without values. */
  bounds: [number | null, number | null];
  /** Over the bounds (numpy's rule when min = max). */
  histogram: HistogramResult;
}

export type FieldFacet =
  | ({ path: string; kind: 'number' } & NumericFacet)
  | ({ path: string; kind: 'string' } & TopValues)
  | { path: string; kind: 'bool'; true: number; false: number; none: number };

export interface LabelFieldFacet {
  path: string;
  labelClass: LabelClass;
  /** Labels in the view (after filter_labels). */
  count: number;
  /** Class counts; absent for label classes without a `label` (Regression). */
  classes?: TopValues;
  /** Absent for Keypoints, whose confidence is a list per keypoint. */
  confidence?: NumericFacet;
  /** Label tag → number of this field's labels carrying it. */
  tags: Record<string, number>;
  /** Custom label attributes (`ground_truth.detections.iscrowd`). */
  attributes: FieldFacet[];
}

export interface Facets {
  /** Samples in the view. */
  count: number;
  sampleTags: TopValues;
  /** Label tag → number of labels (every label field) carrying it. */
  labelTags: Record<string, number>;
  labels: LabelFieldFacet[];
  /** Custom scalar fields (and lists of scalars, unwound), by path. */
  fields: FieldFacet[];
}

/** One aggregation and what to do with its answer. */
interface Step {
  aggregation: Aggregation;
  apply(result: AggregationResult): void;
}

type Ask = (aggregations: Aggregation[]) => Promise<AggregationResult[]>;

/**
 * The facets of a view: the dataset's `fields` (minus those the view's select/exclude_fields stages hide) decide
 * what to ask; `ask` runs a list of aggregations over the view (one request, or several past the per-request limit).
 */
export async function viewFacets(
  fields: readonly FieldInfo[],
  stages: readonly Stage[],
  ask: Ask,
  options: FacetsOptions = {},
): Promise<Facets> {
  const top = options.top ?? DEFAULT_FACET_TOP;
  const bins = options.bins ?? DEFAULT_FACET_BINS;
  if (!Number.isInteger(top) || top < 1 || top > MAX_COUNT_VALUES_LIMIT)
    throw new TypeError(`facets: top must be an integer from 1 to ${MAX_COUNT_VALUES_LIMIT}`);
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_HISTOGRAM_BINS)
    throw new TypeError(`facets: bins must be an integer from 1 to ${MAX_HISTOGRAM_BINS}`);
  const steps: Step[] = [];
  const facets: Facets = { count: 0, sampleTags: emptyTop(), labelTags: {}, labels: [], fields: [] };
  const visible = visibleFields(fields, stages);

  steps.push(step({ type: 'count' }, 'count', (r) => (facets.count = r.count)));
  steps.push(
    step({ type: 'count_values', path: 'tags', limit: top }, 'count_values', (r) => (facets.sampleTags = topOf(r))),
  );

  const labelFields = visible.filter((f) => !f.builtin && isLabelClass(f.type));
  for (const field of labelFields) {
    const labelClass = field.type as LabelClass;
    const items = isListLabelClass(labelClass) ? `${field.path}.${LIST_LABEL_ITEMS[labelClass].key}` : field.path;
    const hasClass = labelClass !== 'Regression';
    const hasConfidence = labelClass !== 'Keypoints' && labelClass !== 'Keypoint';
    // Every member set up front, so JSON output keeps this order.
    const facet: LabelFieldFacet = {
      path: field.path,
      labelClass,
      count: 0,
      ...(hasClass ? { classes: emptyTop() } : {}),
      ...(hasConfidence ? { confidence: emptyNumeric() } : {}),
      tags: {},
      attributes: [],
    };
    facets.labels.push(facet);
    // A list label's stream has a row per label, so the class counts' total is the label count.
    if (hasClass && isListLabelClass(labelClass)) {
      steps.push(
        step({ type: 'count_values', path: `${items}.label`, limit: top }, 'count_values', (r) => {
          facet.classes = topOf(r);
          facet.count = facet.classes.total;
        }),
      );
    } else {
      steps.push(step({ type: 'count', path: items }, 'count', (r) => (facet.count = r.count)));
      if (hasClass) {
        steps.push(
          step({ type: 'count_values', path: `${items}.label`, limit: top }, 'count_values', (r) => {
            // A single label's stream has a row per sample: samples without the label are the null group.
            const classes = topOf(r);
            facet.classes = { ...classes, values: classes.values.filter((v) => v.value !== null), total: facet.count };
          }),
        );
      }
    }
    if (facet.confidence) steps.push(...numericSteps(`${items}.confidence`, bins, facet.confidence));
    steps.push(
      step({ type: 'count_values', path: `${items}.tags` }, 'count_values', (r) => {
        for (const { value, count } of r.values) {
          if (typeof value !== 'string') continue;
          facet.tags[value] = count;
          facets.labelTags[value] = (facets.labelTags[value] ?? 0) + count;
        }
      }),
    );
  }

  for (const field of visible) {
    if (field.builtin || isLabelClass(field.type)) continue;
    const owner = labelFields.find((l) => field.path.startsWith(`${l.path}.`));
    const facet = fieldFacet(field, top, bins, steps);
    if (!facet) continue;
    (owner ? (facets.labels.find((l) => l.path === owner.path) as LabelFieldFacet).attributes : facets.fields).push(
      facet,
    );
  }

  for (let at = 0; at < steps.length; at += MAX_AGGREGATIONS_PER_REQUEST) {
    const chunk = steps.slice(at, at + MAX_AGGREGATIONS_PER_REQUEST);
    const results = await ask(chunk.map((s) => s.aggregation));
    chunk.forEach((s, i) => {
      const result = results[i];
      if (result === undefined)
        throw new ServerError(`expected ${chunk.length} aggregation results, got ${results.length}`);
      s.apply(result);
    });
  }
  return facets;
}

/** The facet of a scalar field (or a list of scalars), with its steps added; undefined for dicts and `any`. */
function fieldFacet(field: FieldInfo, top: number, bins: number, steps: Step[]): FieldFacet | undefined {
  const type = listElementType(field.type) ?? field.type;
  if (!isScalarType(type)) return undefined;
  const { path } = field;
  if (type === 'int' || type === 'float') {
    const facet: FieldFacet = { path, kind: 'number', ...emptyNumeric() };
    steps.push(...numericSteps(path, bins, facet));
    return facet;
  }
  if (type === 'bool') {
    const facet: FieldFacet = { path, kind: 'bool', true: 0, false: 0, none: 0 };
    steps.push(
      step({ type: 'count_values', path }, 'count_values', (r) => {
        for (const { value, count } of r.values) {
          if (value === true) facet.true = count;
          else if (value === false) facet.false = count;
          else facet.none += count;
        }
      }),
    );
    return facet;
  }
  const facet: FieldFacet = { path, kind: 'string', ...emptyTop() };
  steps.push(step({ type: 'count_values', path, limit: top }, 'count_values', (r) => Object.assign(facet, topOf(r))));
  return facet;
}

/** Bounds and a histogram over them: the server computes the bounds once for both. */
function numericSteps(path: string, bins: number, into: NumericFacet): Step[] {
  return [
    step({ type: 'bounds', path }, 'bounds', (r) => (into.bounds = [r.bounds[0], r.bounds[1]])),
    step({ type: 'histogram_values', path, bins }, 'histogram_values', (r) => {
      into.histogram = { counts: r.counts, edges: r.edges, other: r.other };
    }),
  ];
}

function step<T extends AggregationResult['type']>(
  aggregation: Aggregation,
  type: T,
  apply: (result: Extract<AggregationResult, { type: T }>) => void,
): Step {
  return {
    aggregation,
    apply(result) {
      if (result.type !== type) throw new ServerError(`expected a ${type} aggregation result, got ${result.type}`);
      apply(result as Extract<AggregationResult, { type: T }>);
    },
  };
}

function emptyNumeric(): NumericFacet {
  return { bounds: [null, null], histogram: { counts: [], edges: [], other: 0 } };
}

function emptyTop(): TopValues {
  return { values: [], distinct: 0, total: 0 };
}

function topOf(result: Extract<AggregationResult, { type: 'count_values' }>): TopValues {
  const values = result.values.map(({ value, count }) => ({ value, count }));
  return {
    values,
    distinct: result.distinct ?? values.filter((v) => v.value !== null).length,
    total: result.total ?? values.reduce((sum, v) => sum + v.count, 0),
  };
}

/** The fields a view shows: select_fields keeps the named top-level fields (and built-ins), exclude_fields drops them. */
function visibleFields(fields: readonly FieldInfo[], stages: readonly Stage[]): FieldInfo[] {
  const top = (path: string): string => path.split('.')[0] as string;
  let shown = [...fields];
  for (const stage of stages) {
    if (stage.stage === 'select_fields') {
      const keep = new Set(stage.fields.map(top));
      shown = shown.filter((f) => f.builtin || keep.has(top(f.path)));
    } else if (stage.stage === 'exclude_fields') {
      const drop = new Set(stage.fields.map(top));
      shown = shown.filter((f) => f.builtin || !drop.has(top(f.path)));
    } else if (stage.stage === 'to_patches') {
      shown = patchFields(shown, stage.field);
    }
  }
  return shown;
}
