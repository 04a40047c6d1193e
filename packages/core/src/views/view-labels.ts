// Labels a view shows (after filter_labels) and tag counts over its samples and labels.
import {
  LIST_LABEL_ITEMS,
  indexPath,
  isListLabelClass,
  resolveFieldPath,
  type FieldSchema,
  type ResolvedPath,
  type ViewProblem,
} from '@teamset/contract';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { CompiledView } from './compile-view.js';
import { countedValues } from './counted-values.js';
import { indexedLabels, indexedLabelTags, sampleSetView } from './label-index.js';
import type { Sql } from './sql-dialect.js';
import { streamValue, valueStream } from './value-stream.js';
import type { VisibleLabels } from './view-target.js';

/** A label field of the view's schema and where its labels are: the list (`ground_truth.detections`) or the label itself. */
export interface LabelField {
  field: string;
  /** `ground_truth.detections` for list labels, the field itself for single labels. */
  labelsPath: string;
  isList: boolean;
}

/** Resolves `labelFields` against the view's schema; each must be a top-level label field (problems at `labelFields[i]`). */
export function resolveLabelFields(
  labelFields: readonly string[],
  schema: FieldSchema,
): { fields: LabelField[]; problems: ViewProblem[] } {
  const problems: ViewProblem[] = [];
  const fields: LabelField[] = [];
  labelFields.forEach((field, i) => {
    const resolution = resolveFieldPath(schema, field);
    if (!resolution.ok) return void problems.push({ path: indexPath('labelFields', i), message: resolution.problem });
    const labelClass = resolution.resolved.labelClass;
    if (labelClass === undefined || field.includes('.')) {
      return void problems.push({
        path: indexPath('labelFields', i),
        message: `${JSON.stringify(field)} is not a label field (it is ${resolution.resolved.type})`,
      });
    }
    if (isListLabelClass(labelClass))
      fields.push({ field, labelsPath: `${field}.${LIST_LABEL_ITEMS[labelClass].key}`, isList: true });
    else fields.push({ field, labelsPath: field, isList: false });
  });
  return { fields, problems };
}

function resolve(schema: FieldSchema, path: string): ResolvedPath {
  const resolution = resolveFieldPath(schema, path);
  if (!resolution.ok) throw new Error(`internal: ${path} does not resolve: ${resolution.problem}`);
  return resolution.resolved;
}

/** Value → number of occurrences of a string-valued path over the view, lists unwound (`tags`, `ground_truth.detections.tags`). */
async function countStrings(view: CompiledView, path: string, db: Db): Promise<Map<string, number>> {
  const resolved = resolve(view.checked.schema, path);
  const counted = countedValues(view, resolved);
  let query: Sql;
  if (counted) query = sql`select t.v, t.n from ${counted} where t.v is not null`;
  else {
    const stream = valueStream(view, resolved);
    const value = streamValue(view, stream, 'string');
    const values = sql`(select ${value} as v from ${stream.from} ${view.relation.whereClause()} ${view.dialect.noInline()}) as t`;
    query = sql`select t.v, count(*) as n from ${values} where t.v is not null group by t.v`;
  }
  const result = await query.execute(db);
  return new Map((result.rows as { v: string; n: unknown }[]).map((row) => [row.v, Number(row.n)]));
}

/** Sample tag → number of the view's samples carrying it (FiftyOne's count_sample_tags: count_values over tags). */
export async function countSampleTags(view: CompiledView, db: Db): Promise<Record<string, number>> {
  return sortedRecord(await countStrings(sampleSetView(view), 'tags', db));
}

/** Label tag → number of the view's visible labels (in these label fields) carrying it. */
export async function countLabelTags(
  view: CompiledView,
  fields: readonly LabelField[],
  db: Db,
): Promise<Record<string, number>> {
  const total = new Map<string, number>();
  const run = async (query: Sql): Promise<Record<string, unknown>[]> =>
    (await query.execute(db)).rows as Record<string, unknown>[];
  for (const field of fields) {
    const indexed = indexedLabels(view, field.field);
    const counts = indexed
      ? await indexedLabelTags(view, indexed, run)
      : await countStrings(view, `${field.labelsPath}.tags`, db);
    for (const [tag, n] of counts) total.set(tag, (total.get(tag) ?? 0) + n);
  }
  return sortedRecord(total);
}

function sortedRecord(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Label ids per sample and field, in view order; entries whose field shows no label are left out. */
export async function visibleLabels(
  view: CompiledView,
  fields: readonly LabelField[],
  db: Db,
): Promise<VisibleLabels[]> {
  const d = view.dialect;
  const relation = view.relation;
  if (fields.length === 0) return [];
  const columns = fields.map(
    (field, i) => sql`${d.jsonOut(d.child(d.document('fields'), field.labelsPath.split('.')))} as ${sql.ref(`l${i}`)}`,
  );
  const result = await sql<
    Record<string, unknown>
  >`select s.id, ${sql.join(columns)} from ${relation.source} ${relation.whereClause()} ${relation.orderClause(d)}`.execute(
    db,
  );
  const out: VisibleLabels[] = [];
  for (const row of result.rows) {
    fields.forEach((field, i) => {
      const labels = d.readJson(row[`l${i}`]);
      const items = field.isList ? (Array.isArray(labels) ? labels : []) : labels === null ? [] : [labels];
      const labelIds = items
        .map((label) => (label as { id?: unknown } | null)?.id)
        .filter((id): id is string => typeof id === 'string');
      if (labelIds.length > 0) out.push({ sampleId: row['id'] as string, field: field.field, labelIds });
    });
  }
  return out;
}
