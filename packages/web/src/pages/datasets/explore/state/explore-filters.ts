// The sidebar's filters as plain data: what the URL carries, the view bar lists and compile-filters turns into view stages.

/** Filters on one label field's labels. */
export interface LabelFilter {
  /** Keep labels of these classes. */
  classes?: string[];
  /** Keep labels whose confidence is within [min, max]. */
  confidence?: [number, number];
  /**
   * `labels` (default): only the matching labels are shown (`filter_labels`), samples without one drop out.
   * `samples`: samples that have a matching label, with all their labels (`match`).
   */
  mode?: 'labels' | 'samples';
}

export type FieldFilter =
  | { kind: 'range'; range: [number, number] }
  | { kind: 'values'; values: string[] }
  /** `null` stands for "none": the field absent or null. */
  | { kind: 'bool'; values: Array<boolean | null> };

export interface ExploreFilters {
  /** Samples with any of these tags. */
  sampleTags?: string[];
  /** Labels (of any label field) with any of these tags. */
  labelTags?: string[];
  labels?: Record<string, LabelFilter>;
  fields?: Record<string, FieldFilter>;
}

export const NO_FILTERS: ExploreFilters = {};

function withoutKey<T>(record: Record<string, T> | undefined, key: string): Record<string, T> | undefined {
  if (!record) return undefined;
  const { [key]: _dropped, ...rest } = record;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/** Drops empty parts, so two filter states that mean the same encode the same (URL, request keys). */
export function normalizeFilters(filters: ExploreFilters): ExploreFilters {
  const labels: Record<string, LabelFilter> = {};
  for (const [path, filter] of Object.entries(filters.labels ?? {})) {
    const classes = nonEmpty(filter.classes);
    const clean: LabelFilter = {
      ...(classes ? { classes } : {}),
      ...(filter.confidence ? { confidence: filter.confidence } : {}),
    };
    if (Object.keys(clean).length > 0) labels[path] = filter.mode === 'samples' ? { ...clean, mode: 'samples' } : clean;
  }
  const fields: Record<string, FieldFilter> = {};
  for (const [path, filter] of Object.entries(filters.fields ?? {}))
    if (filter.kind === 'range' || filter.values.length > 0) fields[path] = filter;
  const sampleTags = nonEmpty(filters.sampleTags);
  const labelTags = nonEmpty(filters.labelTags);
  return {
    ...(sampleTags ? { sampleTags } : {}),
    ...(labelTags ? { labelTags } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}

export function hasFilters(filters: ExploreFilters): boolean {
  return Object.keys(normalizeFilters(filters)).length > 0;
}

export function setLabelFilter(filters: ExploreFilters, path: string, next: LabelFilter | undefined): ExploreFilters {
  const labels = next ? { ...filters.labels, [path]: next } : withoutKey(filters.labels, path);
  return normalizeFilters({ ...filters, labels });
}

export function setFieldFilter(filters: ExploreFilters, path: string, next: FieldFilter | undefined): ExploreFilters {
  const fields = next ? { ...filters.fields, [path]: next } : withoutKey(filters.fields, path);
  return normalizeFilters({ ...filters, fields });
}

/** Adds the value when absent, removes it when present. */
export function toggled<T>(list: readonly T[] | undefined, value: T): T[] {
  const current = list ?? [];
  return current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
}
