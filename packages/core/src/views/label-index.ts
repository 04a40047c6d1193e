// Label-level reads from the label index (`sample_labels`, migration 0006): the values of a label's `label` or
// `confidence` and its tags over a view, without reading any sample's JSON. Undefined means "scan instead".
import {
  LIST_LABEL_ITEMS,
  isLabelClass,
  isListLabelClass,
  type FieldSchema,
  type ResolvedPath,
  type SingleLabelClass,
  type Stage,
} from '@teamset/contract';
import { sql } from 'kysely';
import type { CheckedStage } from './check-view.js';
import { compileView, type CompiledView } from './compile-view.js';
import type { Relation } from './relation.js';
import { LABEL_DEADLINE_CHECK, builtinColumn, labelPredicate, type IndexColumn } from './label-index-conditions.js';
import type { Sql } from './sql-dialect.js';
import { indexedTagMatch } from './tag-index-conditions.js';

/** A label field's attribute held by the index: `ground_truth.detections.label` → (ground_truth, label). */
export interface IndexedAttribute {
  field: string;
  column: IndexColumn;
  /** A single label (Classification…): a view yields one value per sample, null where the label is absent. */
  single: boolean;
}

/** Stages that neither drop samples nor change labels: a view of only these sees every label of the dataset. */
export const KEEPS_ALL: ReadonlySet<string> = new Set(['select_fields', 'exclude_fields', 'sort_by', 'shuffle']);

/** Where the top-level label field `field` keeps its labels: its class and whether it is a list. */
function labelField(schema: FieldSchema, field: string): { cls: SingleLabelClass; single: boolean } | undefined {
  const top = schema[field];
  if (top === undefined || !isLabelClass(top)) return undefined;
  if (isListLabelClass(top)) return { cls: LIST_LABEL_ITEMS[top].itemClass, single: false };
  return { cls: top as SingleLabelClass, single: true };
}

/** The indexed attribute a resolved path names, or undefined when the index does not hold it. */
export function indexedAttribute(schema: FieldSchema, resolved: ResolvedPath): IndexedAttribute | undefined {
  if (resolved.root !== 'fields') return undefined;
  const [field, ...rest] = resolved.path.split('.') as [string, ...string[]];
  const target = labelField(schema, field);
  if (!target) return undefined;
  const top = schema[field];
  let attribute: string | undefined;
  if (target.single) attribute = rest.length === 1 ? rest[0] : undefined;
  else if (isListLabelClass(top) && rest.length === 2 && rest[0] === LIST_LABEL_ITEMS[top].key) attribute = rest[1];
  const column = builtinColumn(target.cls, attribute);
  return column === undefined ? undefined : { field, column, single: target.single };
}

/** The values of an aggregation's path from the index as `t(v)`, or undefined when the index cannot answer. */
export function indexedStream(view: CompiledView, resolved: ResolvedPath): Sql | undefined {
  if (!view.labelIndex) return undefined;
  const attribute = indexedAttribute(view.checked.schema, resolved);
  const labels = attribute && indexedLabels(view, attribute.field);
  return labels && attribute && indexedValues(view, labels, attribute.column);
}

/** The index rows of `field` a view shows: which samples (all of the dataset's, or `samples`) and which labels. */
export interface IndexedLabels {
  field: string;
  single: boolean;
  /** Conditions on `l` besides dataset and field: filter_labels predicates. */
  predicates: Sql[];
  /** The samples whose labels count (alias `s`), or undefined for every sample of the dataset. */
  samples: Relation | undefined;
}

/** Stages that cut the view by position: which samples they keep depends on every earlier stage. */
const SLICES: ReadonlySet<string> = new Set(['skip', 'limit', 'take']);

/** True when the stage reads `field` (a field node under it, or `exists` of it). */
function mentions(stage: Stage, field: string): boolean {
  const under = (path: unknown): boolean =>
    typeof path === 'string' && (path === field || path.startsWith(`${field}.`));
  if (stage.stage === 'exists' || stage.stage === 'sort_by') {
    if (under((stage as { field?: unknown }).field)) return true;
  }
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(walk);
    if (node === null || typeof node !== 'object') return false;
    const record = node as Record<string, unknown>;
    if (record['op'] === 'field' && under(record['path'])) return true;
    return Object.values(record).some(walk);
  };
  return walk(stage);
}

/**
 * How the view's labels of `field` read from the index, or undefined when they cannot: a filter_labels on the field
 * that labelPredicate does not translate. Translated filter_labels stages become predicates on the index rows; the
 * samples are the view's own rows, compiled without those stages when nothing else depends on them (no slice, no
 * stage reading the field, a list field: a sample they would drop has no label passing them), so the samples are
 * not rebuilt from their documents only to be dropped.
 */
export function indexedLabels(view: CompiledView, field: string): IndexedLabels | undefined {
  if (!view.labelIndex) return undefined;
  const target = labelField(view.checked.schema, field);
  if (!target) return undefined;
  const predicates: Sql[] = [];
  const others: CheckedStage[] = [];
  let independent = !target.single;
  for (const checked of view.checked.stages) {
    const { stage, labels } = checked;
    if (stage.stage === 'filter_labels' && labels?.field === field) {
      const predicate = labelPredicate(view.dialect, stage.filter, target.cls);
      if (!predicate) return undefined;
      predicates.push(predicate);
      continue;
    }
    if (SLICES.has(stage.stage) || mentions(stage, field)) independent = false;
    others.push(checked);
  }
  let samples: Relation | undefined = view.relation;
  if (independent && predicates.length > 0 && others.length < view.checked.stages.length) {
    samples = compileView({ ...view.checked, stages: others }, view.datasetId, view.dialect).relation;
  }
  const stages = independent ? others : view.checked.stages;
  if (stages.every(({ stage }) => KEEPS_ALL.has(stage.stage))) samples = undefined;
  return { field, single: target.single, predicates, samples };
}

/**
 * The view for reads of its sample set that do not look into the field `keep` (a count, sample tags, another field's
 * values): each filter_labels on another list field, the only one on its field, with a filter the index translates and
 * no later stage reading the field, becomes a semi-join on the field's index rows (only_matches: the samples left with
 * a label) or goes (only_matches false: it keeps every sample). Same samples in the same order, without rebuilding
 * every sample's document. The view itself when nothing changes.
 */
export function sampleSetView(view: CompiledView, keep?: string): CompiledView {
  if (!view.labelIndex) return view;
  const stages = view.checked.stages;
  const replace = new Map<number, Sql | null>();
  stages.forEach(({ stage, labels }, i) => {
    if (stage.stage !== 'filter_labels' || !labels || labels.field === keep) return;
    const field = labels.field;
    const target = labelField(view.checked.schema, field);
    if (!target || target.single) return;
    if (stages.some((other, j) => j !== i && other.labels?.field === field)) return;
    if (stages.slice(i + 1).some((later) => mentions(later.stage, field))) return;
    const predicate = labelPredicate(view.dialect, stage.filter, target.cls);
    if (!predicate) return;
    // From the index rows passing the filter (a class filter is a short range), not a probe per sample.
    const guard = view.dialect.name === 'sqlite' ? sql` and ${LABEL_DEADLINE_CHECK}` : sql``;
    const seqs = sql`(select l.sample_seq from sample_labels as l where l.dataset_id = ${view.datasetId} and l.field = ${field}${guard} and ${predicate})`;
    replace.set(i, stage.only_matches === false ? null : sql`s.seq in ${seqs}`);
  });
  if (replace.size === 0) return view;
  // SQLite: next to a match_tags, two `s.seq in (list)` terms both became keys of the seq lookup, probing every pair
  // of entries (a 200k-sample count ran for minutes). The label list (a class filter: a short range) drives and the
  // tag list is probed, as number ranges are (number-index-conditions.ts).
  if (view.dialect.name === 'sqlite' && [...replace.values()].some((condition) => condition !== null)) {
    stages.forEach(({ stage }, i) => {
      if (stage.stage !== 'match_tags' || replace.has(i)) return;
      replace.set(
        i,
        indexedTagMatch(view.dialect, view.datasetId, stage.tags, stage.all === true, stage.bool !== false, true),
      );
    });
  }
  return compileView(view.checked, view.datasetId, view.dialect, { replace });
}

/**
 * One row per value of the view, as the derived table `t(v)` the aggregations group over (what streamTable yields
 * from the documents). A list field: one row per shown label. A single label: one row per view sample, NULL where the
 * sample has no (shown) label, as the scan reads a missing label.
 */
export function indexedValues(view: CompiledView, labels: IndexedLabels, column: IndexColumn): Sql {
  const d = view.dialect;
  const relation = labels.samples ?? view.relation;
  const value = sql.ref(`l.${column}`);
  if (labels.single) {
    const on = [sql`l.sample_seq = s.seq`, sql`l.field = ${labels.field}`, ...labels.predicates];
    return sql`(select ${value} as v from ${relation.source} left join sample_labels as l on ${sql.join(on, sql.raw(' and '))} ${relation.whereClause()} ${d.noInline()}) as t`;
  }
  // No noInline: the columns are plain, so SQLite may flatten this into the aggregate (and use the covering index).
  return sql`(select ${value} as v from sample_labels as l ${labelWhere(view, labels)}) as t`;
}

/** The WHERE clause of a list field's index rows in the view. */
export function labelWhere(view: CompiledView, labels: IndexedLabels, extra: readonly Sql[] = []): Sql {
  const d = view.dialect;
  const conditions: Sql[] = [sql`l.dataset_id = ${view.datasetId}`, sql`l.field = ${labels.field}`];
  if (d.name === 'sqlite') conditions.push(LABEL_DEADLINE_CHECK);
  conditions.push(...labels.predicates, ...extra);
  const samples = labels.samples;
  if (samples) conditions.push(sql`l.sample_seq in (select s.seq from ${samples.source} ${samples.whereClause()})`);
  return sql`where ${sql.join(conditions, sql.raw(' and '))}`;
}

/** Tag → number of the view's shown labels of `labels.field` carrying it. */
export async function indexedLabelTags(
  view: CompiledView,
  labels: IndexedLabels,
  run: (query: Sql) => Promise<Record<string, unknown>[]>,
): Promise<Map<string, number>> {
  const rows = await run(sql`select t.v, t.n from ${labelTagCounts(view, labels)}`);
  return new Map(rows.map((row) => [row['v'] as string, Number(row['n'])]));
}

/** Tag → count of the view's shown labels of `labels.field` carrying it, as the derived table `t(v, n)`. */
export function labelTagCounts(view: CompiledView, labels: IndexedLabels): Sql {
  const d = view.dialect;
  const each = d.name === 'sqlite' ? sql`json_each(l.tags) as j` : sql`jsonb_array_elements_text(l.tags) as j(value)`;
  // Single labels too: a sample without the label has no index row, and a tag count skips it just as the scan does.
  const where = labelWhere(view, labels, [sql`l.tags is not null`]);
  // SQLite: the partial index of tagged labels, which is small where labels are rarely tagged. Left to choose, SQLite
  // took the view's confidence range instead: every label of the field (27 s for 833k samples at 1M, 4M labels).
  const source =
    d.name === 'sqlite' ? sql`sample_labels as l indexed by sample_labels_tagged_idx` : sql`sample_labels as l`;
  return sql`(select j.value as v, count(*) as n from ${source}, ${each} ${where} group by j.value) as t`;
}
