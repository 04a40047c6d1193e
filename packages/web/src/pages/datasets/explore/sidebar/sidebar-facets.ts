// The sidebar's numbers for one view, planned from the schema as ONE aggregate request (count, tags, classes, confidences, field values) and read back into plain records; the metadata section's fields are planned apart.
import type { Aggregation, AggregationResult } from '@teamset/contract';
import type { ExploreSchema, FieldGroup } from '../state/explore-schema';

export const DEFAULT_TOP = 200;
export const HISTOGRAM_BINS = 10;
/** Confidences are probabilities: one fixed range keeps the histogram bars under the slider in place as filters change. */
export const CONFIDENCE_RANGE: [number, number] = [0, 1];

export interface ValueCount {
  value: string | number | boolean | null;
  count: number;
}
export interface TopValues {
  values: ValueCount[];
  /** Distinct non-null values, listed or not. */
  distinct: number;
}
export interface NumericCounts {
  bounds: [number | null, number | null];
  counts: number[];
  edges: number[];
}
export interface LabelCounts {
  /** Labels in the view. */
  count: number;
  classes?: TopValues;
  confidence?: NumericCounts;
}
export interface BoolCounts {
  true: number;
  false: number;
  none: number;
}
/** The numbers of plain fields (a schema's own, or its metadata's): bounds and histogram, top values, booleans. */
export interface FieldFacets {
  numbers: Record<string, NumericCounts>;
  strings: Record<string, TopValues>;
  bools: Record<string, BoolCounts>;
}
export interface SidebarFacets extends FieldFacets {
  count: number;
  sampleTags: TopValues;
  /** Label tag → labels (of every label field) carrying it. */
  labelTags: Record<string, number>;
  labels: Record<string, LabelCounts>;
}

/** What one view is asked for in one aggregate request, and how the answers are read back into `T`. */
export interface FacetsPlan<T> {
  aggregations: Aggregation[];
  read(results: readonly AggregationResult[]): T;
  /** Only the tag counts, after a tag write to a view that does not depend on tags (see viewDependsOnTags). */
  tags: {
    aggregations: Aggregation[];
    /** `previous` with its tag counts replaced by these results. */
    merge(results: readonly AggregationResult[], previous: T): T;
  };
}

interface Step<T> {
  aggregation: Aggregation;
  apply(result: AggregationResult, into: T): void;
  /** Counts tags (sample or label tags): the only numbers a tag write can change in a view that does not read tags. */
  tags?: boolean;
}

/**
 * Whether a view's samples (or labels) depend on tags, so that a tag write can change which samples and labels are in
 * it, and with them every count. A stage reads tags through `match_tags` or through a field path or expression naming
 * `tags` (a label's or the sample's): any mention counts, as a false "yes" only costs a whole reload where a false
 * "no" would leave wrong counts on screen.
 */
export function viewDependsOnTags(stages: readonly unknown[]): boolean {
  return /tags/.test(JSON.stringify(stages));
}

function top(result: AggregationResult): TopValues {
  if (result.type !== 'count_values') return { values: [], distinct: 0 };
  const values = result.values.filter((v) => v.value !== null);
  return { values, distinct: result.distinct ?? values.length };
}

function numeric<T>(path: string, read: (into: T) => NumericCounts, range?: [number, number]): Step<T>[] {
  return [
    {
      aggregation: { type: 'bounds', path },
      apply: (r, into) => {
        if (r.type === 'bounds') read(into).bounds = r.bounds;
      },
    },
    {
      aggregation: { type: 'histogram_values', path, bins: HISTOGRAM_BINS, ...(range ? { range } : {}) },
      apply: (r, into) => {
        if (r.type !== 'histogram_values') return;
        Object.assign(read(into), { counts: r.counts, edges: r.edges });
      },
    },
  ];
}

const emptyNumeric = (): NumericCounts => ({ bounds: [null, null], counts: [], edges: [] });

type Limit = (path: string) => number;
const limitOf =
  (limits: Readonly<Record<string, number>>): Limit =>
  (path) =>
    limits[path] ?? DEFAULT_TOP;

/** Range numbers, value lists and true / false / none counts of plain fields. */
function fieldSteps(group: FieldGroup, limit: Limit): Step<FieldFacets>[] {
  const steps: Step<FieldFacets>[] = [];
  for (const path of group.numbers)
    steps.push(...numeric<FieldFacets>(path, (into) => into.numbers[path] as NumericCounts));
  for (const path of group.strings) {
    steps.push({
      aggregation: { type: 'count_values', path, limit: limit(path) },
      apply: (r, into) => (into.strings[path] = top(r)),
    });
  }
  for (const path of group.bools) {
    steps.push({
      aggregation: { type: 'count_values', path },
      apply: (r, into) => {
        if (r.type !== 'count_values') return;
        const counts: BoolCounts = { true: 0, false: 0, none: 0 };
        for (const { value, count } of r.values) {
          if (value === true) counts.true = count;
          else if (value === false) counts.false = count;
          else counts.none += count;
        }
        into.bools[path] = counts;
      },
    });
  }
  return steps;
}

const emptyFields = (group: FieldGroup): FieldFacets => ({
  numbers: Object.fromEntries(group.numbers.map((p) => [p, emptyNumeric()])),
  strings: {},
  bools: {},
});

/** The plan of `steps`: `empty` is what answers are read into, `untagged` a previous answer with its tag counts cleared. */
function planOf<T>(steps: Step<T>[], empty: () => T, untagged: (previous: T) => T): FacetsPlan<T> {
  const applyAll = (from: readonly Step<T>[], results: readonly AggregationResult[], into: T): T => {
    from.forEach((s, i) => {
      const result = results[i];
      if (result) s.apply(result, into);
    });
    return into;
  };
  const tagSteps = steps.filter((s) => s.tags);
  return {
    aggregations: steps.map((s) => s.aggregation),
    tags: {
      aggregations: tagSteps.map((s) => s.aggregation),
      merge: (results, previous) => applyAll(tagSteps, results, untagged(previous)),
    },
    read: (results) => applyAll(steps, results, empty()),
  };
}

/**
 * The whole sidebar but the metadata section: count, tags, label fields and the schema's plain fields.
 * `limits` raises the number of values listed for a path ("show more"); DEFAULT_TOP otherwise.
 */
export function planFacets(
  schema: ExploreSchema,
  limits: Readonly<Record<string, number>> = {},
): FacetsPlan<SidebarFacets> {
  const limit = limitOf(limits);
  const steps: Step<SidebarFacets>[] = [
    { aggregation: { type: 'count' }, apply: (r, into) => r.type === 'count' && (into.count = r.count) },
    {
      aggregation: { type: 'count_values', path: 'tags', limit: limit('tags') },
      apply: (r, into) => (into.sampleTags = top(r)),
      tags: true,
    },
  ];
  for (const info of schema.labels) {
    const label = (into: SidebarFacets) => into.labels[info.path] as LabelCounts;
    steps.push({
      aggregation: { type: 'count', path: info.items },
      apply: (r, into) => r.type === 'count' && (label(into).count = r.count),
    });
    if (info.hasClass) {
      const path = `${info.items}.label`;
      steps.push({
        aggregation: { type: 'count_values', path, limit: limit(path) },
        apply: (r, into) => (label(into).classes = top(r)),
      });
    }
    if (info.hasConfidence)
      steps.push(
        ...numeric<SidebarFacets>(`${info.items}.confidence`, (into) => label(into).confidence!, CONFIDENCE_RANGE),
      );
    steps.push({
      aggregation: { type: 'count_values', path: `${info.items}.tags` },
      apply: (r, into) => {
        for (const { value, count } of top(r).values)
          if (typeof value === 'string') into.labelTags[value] = (into.labelTags[value] ?? 0) + count;
      },
      tags: true,
    });
  }
  steps.push(...fieldSteps(schema, limit));
  return planOf(
    steps,
    () => ({
      count: 0,
      sampleTags: { values: [], distinct: 0 },
      labelTags: {},
      labels: Object.fromEntries(
        schema.labels.map((l) => [l.path, { count: 0, ...(l.hasConfidence ? { confidence: emptyNumeric() } : {}) }]),
      ),
      ...emptyFields(schema),
    }),
    (previous) => ({ ...previous, sampleTags: { values: [], distinct: 0 }, labelTags: {} }),
  );
}

/**
 * Just the plain fields of `group` (the metadata section's, asked for apart while it is open). No tag counts: a tag
 * write changes none of these numbers in a view that does not depend on tags.
 */
export function planFieldFacets(
  group: FieldGroup,
  limits: Readonly<Record<string, number>> = {},
): FacetsPlan<FieldFacets> {
  return planOf(
    fieldSteps(group, limitOf(limits)),
    () => emptyFields(group),
    (previous) => previous,
  );
}
