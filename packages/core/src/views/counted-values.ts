// Value counts read from counters and the tag indexes (migration 0007) instead of a scan: sample tags, a list label
// field's classes over the whole dataset, label tags. Undefined means "count the values some other way".
import { LIST_LABEL_ITEMS, isListLabelClass, type ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { CompiledView } from './compile-view.js';
import { KEEPS_ALL, indexedAttribute, indexedLabels, labelTagCounts, labelWhere } from './label-index.js';
import type { Sql } from './sql-dialect.js';

/** True when the view shows every sample and every label of its dataset as stored. */
export function isWholeDataset(view: CompiledView): boolean {
  return view.labelIndex && view.checked.stages.every(({ stage }) => KEEPS_ALL.has(stage.stage));
}

/** The seqs of the view's samples, for `x.sample_seq in (…)`. */
const viewSeqs = (view: CompiledView): Sql =>
  sql`(select s.seq from ${view.relation.source} ${view.relation.whereClause()})`;

/**
 * Distinct values of the path over the view with their counts, as the derived table `t(v, n)` (what `count(*) …
 * group by v` over the unwound values gives), or undefined when neither counters nor a tag index hold them:
 * - `tags`: the dataset's counters, or the sample tag index joined to the view's samples (`shared`: the request's
 *   list of them, see shared-samples.ts);
 * - a list label field's `label` over the whole dataset: the label counters (the index rows per class);
 * - a list label field's `tags`: the label index's tagged rows of the view's labels.
 */
export function countedValues(view: CompiledView, resolved: ResolvedPath, shared?: Sql): Sql | undefined {
  if (!view.labelIndex) return undefined;
  if (resolved.root === 'column' && resolved.path === 'tags') {
    if (isWholeDataset(view))
      return sql`(select c.tag as v, c.n from sample_tag_counts as c where c.dataset_id = ${view.datasetId}) as t`;
    // By seq alone (the seqs are the dataset's): a dataset_id condition let PostgreSQL pick the tag index and scan
    // the dataset's whole range of it per sample (30 s instead of 0.05 s at 200k samples, before analyze).
    return sql`(select g.tag as v, count(*) as n from sample_tags as g where g.sample_seq in ${shared ?? viewSeqs(view)} group by g.tag) as t`;
  }
  const [field, ...rest] = resolved.path.split('.');
  if (resolved.root === 'fields' && field !== undefined && rest.length === 2 && rest[1] === 'tags') {
    // `gt.detections.tags`: the list's labels' own tags (indexed when the list's `label` is).
    const attribute = indexedAttribute(view.checked.schema, {
      ...resolved,
      path: `${resolved.path.slice(0, -4)}label`,
    });
    const labels = attribute && indexedLabels(view, field);
    return labels && labelTagCounts(view, labels);
  }
  const attribute = indexedAttribute(view.checked.schema, resolved);
  if (attribute?.column !== 'label' || attribute.single || !isWholeDataset(view)) return undefined;
  return sql`(select c.label as v, c.n from label_counts as c where c.dataset_id = ${view.datasetId} and c.field = ${attribute.field}) as t`;
}

/**
 * The number of labels of a list label field (`count` of `ground_truth.detections`) over the view as one row `n`,
 * from the label index, which holds one row per label: the label counters' sum for the whole dataset (the App asks
 * this on every open; counting the documents' lists took 2 s at 1M samples), the view's index rows otherwise.
 * Undefined when the index cannot answer.
 */
export function labelListCount(view: CompiledView, resolved: ResolvedPath): Sql | undefined {
  if (!view.labelIndex || resolved.root !== 'fields') return undefined;
  const [field, ...rest] = resolved.path.split('.');
  const top = field === undefined ? undefined : view.checked.schema[field];
  if (field === undefined || !isListLabelClass(top) || rest.length !== 1 || rest[0] !== LIST_LABEL_ITEMS[top].key)
    return undefined;
  if (isWholeDataset(view))
    return sql`select coalesce(sum(c.n), 0) as n from label_counts as c where c.dataset_id = ${view.datasetId} and c.field = ${field}`;
  const labels = indexedLabels(view, field);
  return labels && sql`select count(*) as n from sample_labels as l ${labelWhere(view, labels)}`;
}
