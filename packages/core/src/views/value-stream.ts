// The values a path yields over a view's rows with every list unwound: what aggregations and tag counts group over.
import { listElementType, type ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { CompiledView } from './compile-view.js';
import { fromFieldType, type ExprType, type ScalarKind } from './expression-types.js';
import { fieldLocation, type FieldLocation } from './field-location.js';
import type { JsonIteration, Sql } from './sql-dialect.js';

/**
 * One row per value: `ground_truth.detections.label` joins the detections (one row per label), `tags` joins the tag
 * list, `ground_truth.detections.tags` joins both levels. Samples without the list contribute no rows.
 */
export interface ValueStream {
  /** FROM clause: the view's source with the unwinding joins. */
  from: Sql;
  at: Exclude<FieldLocation, { project: readonly string[] }>;
  /** Type of one value after unwinding. */
  element: ExprType;
}

export function valueStream(view: CompiledView, resolved: ResolvedPath): ValueStream {
  const d = view.dialect;
  const location = fieldLocation(d, resolved);
  const joins: JsonIteration[] = [];
  let element = fromFieldType(resolved.type, resolved.path);
  let at: ValueStream['at'];
  if (location.kind === 'column') at = location;
  else {
    let loc = location.loc;
    if (location.project !== undefined) {
      const it = d.each(loc, view.compiler.aliases.next('u'), false);
      joins.push(it);
      loc = d.child(it.element, location.project);
    }
    const itemType = listElementType(resolved.type);
    if (itemType !== undefined) {
      const it = d.each(loc, view.compiler.aliases.next('u'), false);
      joins.push(it);
      loc = it.element;
      element = fromFieldType(itemType, resolved.path);
    }
    at = { kind: 'json', loc };
  }
  const from = sql`${view.relation.source}${sql.join(
    joins.map((join) => sql` join ${join.from} on ${join.guard}`),
    sql``,
  )}`;
  return { from, at, element };
}

/** Each value as a scalar of `kind` (NULL when missing). */
export function streamValue(view: CompiledView, stream: ValueStream, kind: ScalarKind): Sql {
  if (stream.at.kind === 'column') return stream.at.sql;
  return view.dialect.scalar(stream.at.loc, kind, stream.element.kind !== kind);
}

/** Two-valued: the value is present and not null. */
export function streamPresent(view: CompiledView, stream: ValueStream): Sql {
  if (stream.at.kind === 'column') return view.dialect.bool(true);
  return view.dialect.present(stream.at.loc);
}
