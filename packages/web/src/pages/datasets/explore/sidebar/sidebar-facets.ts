// The sidebar's numbers for one view, planned from the schema as ONE aggregate request (count, tags, classes, confidences, field values) and read back into plain records.
import type { Aggregation, AggregationResult } from '@teamset/contract';
import type { ExploreSchema } from '../state/explore-schema';

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
export interface SidebarFacets {
  count: number;
  sampleTags: TopValues;
  /** Label tag → labels (of every label field) carrying it. */
  labelTags: Record<string, number>;
  labels: Record<string, LabelCounts>;
  numbers: Record<string, NumericCounts>;
  strings: Record<string, TopValues>;
  bools: Record<string, BoolCounts>;
}

interface Step {
  aggregation: Aggregation;
  apply(result: AggregationResult, into: SidebarFacets): void;
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

function numeric(path: string, read: (into: SidebarFacets) => NumericCounts, range?: [number, number]): Step[] {
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

/** `limits` raises the number of values listed for a path ("show more"); DEFAULT_TOP otherwise. */
export function planFacets(schema: ExploreSchema, limits: Readonly<Record<string, number>> = {}) {
  const limit = (path: string) => limits[path] ?? DEFAULT_TOP;
  const steps: Step[] = [
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
      steps.push(...numeric(`${info.items}.confidence`, (into) => label(into).confidence!, CONFIDENCE_RANGE));
    steps.push({
      aggregation: { type: 'count_values', path: `${info.items}.tags` },
      apply: (r, into) => {
        for (const { value, count } of top(r).values)
          if (typeof value === 'string') into.labelTags[value] = (into.labelTags[value] ?? 0) + count;
      },
      tags: true,
    });
  }
  for (const path of schema.numbers) steps.push(...numeric(path, (into) => into.numbers[path] as NumericCounts));
  for (const path of schema.strings) {
    steps.push({
      aggregation: { type: 'count_values', path, limit: limit(path) },
      apply: (r, into) => (into.strings[path] = top(r)),
    });
  }
  for (const path of schema.bools) {
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

  const tagSteps = steps.filter((s) => s.tags);
  return {
    aggregations: steps.map((s) => s.aggregation),
    /** Only the tag counts, after a tag write to a view that does not depend on tags (see viewDependsOnTags). */
    tags: {
      aggregations: tagSteps.map((s) => s.aggregation),
      /** `previous` with its sample and label tag counts replaced by these results. */
      merge(results: readonly AggregationResult[], previous: SidebarFacets): SidebarFacets {
        const facets: SidebarFacets = { ...previous, sampleTags: { values: [], distinct: 0 }, labelTags: {} };
        tagSteps.forEach((s, i) => {
          const result = results[i];
          if (result) s.apply(result, facets);
        });
        return facets;
      },
    },
    read(results: readonly AggregationResult[]): SidebarFacets {
      const facets: SidebarFacets = {
        count: 0,
        sampleTags: { values: [], distinct: 0 },
        labelTags: {},
        labels: Object.fromEntries(
          schema.labels.map((l) => [l.path, { count: 0, ...(l.hasConfidence ? { confidence: emptyNumeric() } : {}) }]),
        ),
        numbers: Object.fromEntries(schema.numbers.map((p) => [p, emptyNumeric()])),
        strings: {},
        bools: {},
      };
      steps.forEach((s, i) => {
        const result = results[i];
        if (result) s.apply(result, facets);
      });
      return facets;
    },
  };
}
