// FiftyOne's values(): one entry per sample in view order; through a label list a list per sample; `unwind` flattens.
import { listElementType, type ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { CompiledView } from './compile-view.js';
import { fieldLocation } from './field-location.js';

/**
 * - A path outside lists: the value per sample, null when missing (`uniqueness`, `metadata.width`, `ground_truth`).
 * - A list-typed path: the list per sample (`tags`, `keywords`, `ground_truth.detections`), null when missing.
 * - A path through a label list: per sample the list of the attribute over its labels, null for a label without it
 *   (`ground_truth.detections.label` → [["cat", "dog"], null, …]).
 * - `unwind`: every list level the path goes through is flattened into one list; samples (or labels) missing a list
 *   contribute nothing, while missing scalars stay null. Outside lists it changes nothing.
 */
export async function viewValues(
  view: CompiledView,
  resolved: ResolvedPath,
  unwind: boolean,
  db: Db,
): Promise<unknown[]> {
  const d = view.dialect;
  const relation = view.relation;
  const location = fieldLocation(d, resolved);
  const column = location.kind === 'column' ? location.sql : d.jsonOut(location.loc);
  const result = await sql<{
    v: unknown;
  }>`select ${column} as v from ${relation.source} ${relation.whereClause()} ${relation.orderClause(d)}`.execute(db);
  const project = location.kind === 'json' ? location.project : undefined;
  const perSample = result.rows.map((row) => {
    const value = location.kind === 'column' ? row.v : d.readJson(row.v);
    if (project === undefined) return value ?? null;
    return Array.isArray(value) ? value.map((item: unknown) => dig(item, project)) : null;
  });
  if (!unwind) return perSample;
  const depth = (project === undefined ? 0 : 1) + (listElementType(resolved.type) === undefined ? 0 : 1);
  return depth === 0 ? perSample : flatten(perSample, depth);
}

function dig(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return current ?? null;
}

/** Flattens `depth` list levels; a missing (non-list) value at a list level contributes nothing. */
function flatten(values: readonly unknown[], depth: number): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    if (!Array.isArray(value)) continue;
    // A loop, not push(...value): spreading a very long list overflows the call stack.
    for (const item of depth === 1 ? value : flatten(value, depth - 1)) out.push(item);
  }
  return out;
}
