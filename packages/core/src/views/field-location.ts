// Where a resolved field path lives in a row of `samples s`: a plain column, or a JSON location (and, through a list, the list).
import type { ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { JsonLoc, Sql, SqlDialect } from './sql-dialect.js';

export type FieldLocation =
  | { kind: 'column'; sql: Sql }
  /**
   * A JSON location. With `project`, the path goes through a list: `loc` is the list (`ground_truth.detections`)
   * and `project` the path from each item to the value (`label`).
   */
  | { kind: 'json'; loc: JsonLoc; project?: readonly string[] };

export function fieldLocation(d: SqlDialect, resolved: ResolvedPath): FieldLocation {
  const segments = resolved.path.split('.');
  if (resolved.root === 'column') {
    if (resolved.path === 'tags') return { kind: 'json', loc: d.document('tags') };
    if (resolved.path === 'created_at' || resolved.path === 'last_modified_at')
      return { kind: 'column', sql: d.isoTime(resolved.path) };
    return { kind: 'column', sql: sql.ref(`s.${resolved.path}`) };
  }
  // `metadata.width` is `$.width` of the metadata column; custom fields sit at their full path in `fields`.
  const root = resolved.root === 'metadata' ? d.document('metadata') : d.document('fields');
  const skip = resolved.root === 'metadata' ? 1 : 0;
  if (resolved.listPath === undefined) return { kind: 'json', loc: d.child(root, segments.slice(skip)) };
  const listLength = resolved.listPath.split('.').length;
  return { kind: 'json', loc: d.child(root, segments.slice(skip, listLength)), project: segments.slice(listLength) };
}
