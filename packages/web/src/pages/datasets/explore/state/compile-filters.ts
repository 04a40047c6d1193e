// Sidebar filters → view stages (match, match_tags, filter_labels): the one place that decides what a filter means, so the grid, counts, chips and "Copy as code" agree.
import type { Expression, LiteralValue, OperatorName, Stage } from '@teamset/contract';
import {
  normalizeFilters,
  setFieldFilter,
  setLabelFilter,
  type ExploreFilters,
  type FieldFilter,
  type LabelFilter,
} from './explore-filters';
import type { ExploreSchema, LabelFieldInfo } from './explore-schema';

/** One filter as the view bar shows it: a chip, the stages it adds, and the filters without it. */
export interface CompiledFilter {
  key: string;
  chip: string;
  stages: Stage[];
  remove(filters: ExploreFilters): ExploreFilters;
}

const lit = (value: LiteralValue): Expression => ({ op: 'lit', value });
const field = (path: string): Expression => ({ op: 'field', path });
const elem = (path: string): Expression => ({ op: 'elem', path });
const op = (name: Exclude<OperatorName, 'matches'>, ...args: Expression[]): Expression => ({ op: name, args });
const all = (parts: Expression[]): Expression => (parts.length === 1 ? (parts[0] as Expression) : op('and', ...parts));
const any = (parts: Expression[]): Expression => (parts.length === 1 ? (parts[0] as Expression) : op('or', ...parts));

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/** A label predicate (label and confidence of one label); `at` reads an attribute of the label. */
function labelPredicate(filter: LabelFilter, at: (attribute: string) => Expression): Expression | undefined {
  const parts: Expression[] = [];
  if (filter.classes && filter.classes.length > 0) parts.push(op('in', at('label'), lit(filter.classes)));
  if (filter.confidence) {
    const [min, max] = filter.confidence;
    parts.push(op('gte', at('confidence'), lit(min)), op('lte', at('confidence'), lit(max)));
  }
  return parts.length > 0 ? all(parts) : undefined;
}

function labelStages(info: LabelFieldInfo, filter: LabelFilter): Stage[] {
  if (filter.mode === 'samples') {
    // Samples with a matching label, their labels untouched.
    const predicate = info.list
      ? labelPredicate(filter, elem)
      : labelPredicate(filter, (attribute) => field(`${info.items}.${attribute}`));
    if (!predicate) return [];
    return [{ stage: 'match', filter: info.list ? op('any', field(info.items), predicate) : predicate }];
  }
  const predicate = labelPredicate(filter, elem);
  return predicate ? [{ stage: 'filter_labels', field: info.path, filter: predicate }] : [];
}

function labelChip(path: string, filter: LabelFilter): string {
  const parts: string[] = [];
  if (filter.classes && filter.classes.length > 0) parts.push(filter.classes.join(', '));
  if (filter.confidence)
    parts.push(`confidence ${formatNumber(filter.confidence[0])}–${formatNumber(filter.confidence[1])}`);
  return `${path}${filter.mode === 'samples' ? ' has' : ':'} ${parts.join(', ')}`;
}

function fieldStage(path: string, filter: FieldFilter): Stage {
  if (filter.kind === 'range') {
    const [min, max] = filter.range;
    return { stage: 'match', filter: op('and', op('gte', field(path), lit(min)), op('lte', field(path), lit(max))) };
  }
  if (filter.kind === 'values') return { stage: 'match', filter: op('in', field(path), lit(filter.values)) };
  return {
    stage: 'match',
    filter: any(
      filter.values.map((value) =>
        value === null ? op('not', op('exists', field(path))) : op('eq', field(path), lit(value)),
      ),
    ),
  };
}

function fieldChip(path: string, filter: FieldFilter): string {
  if (filter.kind === 'range') return `${path}: ${formatNumber(filter.range[0])}–${formatNumber(filter.range[1])}`;
  if (filter.kind === 'values') return `${path}: ${filter.values.join(', ')}`;
  return `${path}: ${filter.values.map((v) => (v === null ? 'none' : String(v))).join(', ')}`;
}

/** Labels of every label field with any of `tags`: each field keeps its tagged labels, then samples with none drop out. */
function labelTagStages(schema: ExploreSchema, tags: string[]): Stage[] {
  const tagged = any(tags.map((tag) => op('contains', elem('tags'), lit(tag))));
  if (schema.labels.length === 1) {
    return [{ stage: 'filter_labels', field: (schema.labels[0] as LabelFieldInfo).path, filter: tagged }];
  }
  if (schema.labels.length === 0) return [];
  return [
    ...schema.labels.map((info): Stage => ({
      stage: 'filter_labels',
      field: info.path,
      filter: tagged,
      only_matches: false,
    })),
    {
      stage: 'match',
      filter: any(
        schema.labels.map((info) =>
          info.list ? op('gt', op('length', field(info.items)), lit(0)) : op('exists', field(info.items)),
        ),
      ),
    },
  ];
}

/** Every filter in view-bar order: sample tags, label tags, label fields, then other fields. */
export function compileFilters(raw: ExploreFilters, schema: ExploreSchema): CompiledFilter[] {
  const filters = normalizeFilters(raw);
  const compiled: CompiledFilter[] = [];
  if (filters.sampleTags) {
    compiled.push({
      key: 'sample-tags',
      chip: `tags: ${filters.sampleTags.join(', ')}`,
      stages: [{ stage: 'match_tags', tags: filters.sampleTags }],
      remove: (current) => normalizeFilters({ ...current, sampleTags: undefined }),
    });
  }
  if (filters.labelTags) {
    compiled.push({
      key: 'label-tags',
      chip: `label tags: ${filters.labelTags.join(', ')}`,
      stages: labelTagStages(schema, filters.labelTags),
      remove: (current) => normalizeFilters({ ...current, labelTags: undefined }),
    });
  }
  for (const [path, filter] of Object.entries(filters.labels ?? {})) {
    const info = schema.labels.find((l) => l.path === path);
    if (!info) continue;
    compiled.push({
      key: `label:${path}`,
      chip: labelChip(path, filter),
      stages: labelStages(info, filter),
      remove: (current) => setLabelFilter(current, path, undefined),
    });
  }
  for (const [path, filter] of Object.entries(filters.fields ?? {})) {
    compiled.push({
      key: `field:${path}`,
      chip: fieldChip(path, filter),
      stages: [fieldStage(path, filter)],
      remove: (current) => setFieldFilter(current, path, undefined),
    });
  }
  return compiled;
}

/** The stages of all filters, in order. */
export function filterStages(filters: ExploreFilters, schema: ExploreSchema): Stage[] {
  return compileFilters(filters, schema).flatMap((c) => c.stages);
}
