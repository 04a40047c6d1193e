// What the view compiler needs from a SQL dialect: JSON access, typed extraction, bound values and the operators that differ.
import type { LiteralScalar, RegexNode } from '@teamset/contract';
import type { RawBuilder } from 'kysely';
import type { ScalarKind } from './expression-types.js';

/** A SQL fragment. Everything a client sends reaches SQL as a bound parameter; only schema-checked paths are inlined. */
export type Sql = RawBuilder<unknown>;

/** Kinds of order keys: scalar values, and the integers the compiler makes itself (positions, seeded hashes). */
export type KeyKind = ScalarKind | 'int';

/**
 * A place inside a JSON document of the current row (alias `s`): `s.fields` at `$.ground_truth.detections`, or the
 * element a `json_each` / `jsonb_array_elements` alias is at. Opaque outside the dialect that made it.
 */
export interface JsonLoc {
  readonly dialect: 'sqlite' | 'postgres';
}

/** One iteration over a JSON array: the FROM item, the element's location and its position (for stable rebuilds). */
export interface JsonIteration {
  from: Sql;
  element: JsonLoc;
  position: Sql;
  /**
   * A condition every query over `from` ANDs in: on SQLite the query deadline check once more, per element, since
   * one sample's long list can outlast the whole budget between two row checks; `true` on PostgreSQL.
   */
  guard: Sql;
}

export type Comparison = '>' | '>=' | '<' | '<=';

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';

  // ---- JSON documents of the row `s` ----
  /** The document column `s.<column>`. */
  document(column: 'fields' | 'metadata' | 'tags'): JsonLoc;
  child(loc: JsonLoc, segments: readonly string[]): JsonLoc;
  /** The value at `loc` as a native SQL value of `kind`; NULL when absent or JSON null. `guard`: also NULL when stored as another JSON type. */
  scalar(loc: JsonLoc, kind: ScalarKind, guard: boolean): Sql;
  /** Two-valued: present and not JSON null. */
  present(loc: JsonLoc): Sql;
  /** Two-valued: the value is a JSON array / object. */
  isArray(loc: JsonLoc): Sql;
  isObject(loc: JsonLoc): Sql;
  /** The JSON at `loc` as the driver returns documents: JSON text on SQLite (parse it), a parsed value on PostgreSQL. NULL when absent. */
  jsonOut(loc: JsonLoc): Sql;
  /** A whole document column for output, read back with readJson. */
  documentOut(column: 'fields' | 'metadata' | 'tags'): Sql;
  /** A whole document column as JSON text on both dialects, for splicing into a response without parsing it. */
  documentText(column: 'fields' | 'metadata' | 'tags'): Sql;
  /** Reads what jsonOut selected back into a JS value (null for SQL NULL). */
  readJson(value: unknown): unknown;
  /** Iterates the array at `loc` (no rows when absent; `guard`: also when not an array). `alias` must be unique in the query. */
  each(loc: JsonLoc, alias: string, guard: boolean): JsonIteration;
  /** Number of items of the array at `loc`; NULL when absent (`guard`: or not an array). */
  arrayLength(loc: JsonLoc, guard: boolean): Sql;
  /** A JSON array bound as one parameter (a list literal iterated like a field). */
  jsonParam(values: readonly unknown[]): JsonLoc;

  // ---- values ----
  /** A bound literal of a known kind (PostgreSQL needs the type; SQLite has no booleans). */
  param(value: LiteralScalar, kind: KeyKind): Sql;
  /** A constant boolean. */
  bool(value: boolean): Sql;
  /** `value IN (items)`: NULL-free items of one kind, bound as parameters; false for an empty list. */
  inList(value: Sql, items: readonly (string | number | boolean)[], kind: ScalarKind): Sql;
  /** `created_at` / `last_modified_at` of `s` as ISO-8601 text (what clients see and compare against). */
  isoTime(column: 'created_at' | 'last_modified_at'): Sql;

  // ---- operators ----
  /** Two-valued equality where NULL equals NULL. */
  notDistinct(a: Sql, b: Sql): Sql;
  /** May be NULL when an operand is; strings compare by code point on both dialects. */
  compare(op: Comparison, a: Sql, b: Sql, kind: ScalarKind): Sql;
  /** A nullable boolean value as a two-valued condition (NULL → false). */
  truthy(value: Sql): Sql;
  /** A nullable condition made two-valued (NULL → false), for NOT and for use as a value. */
  definite(condition: Sql): Sql;
  divide(a: Sql, b: Sql): Sql;
  /** Sum of a float column, 0 for no rows (SQLite's sum() raises on integer overflow; total() does not). */
  sum(a: Sql): Sql;
  /** Remainder with the sign of the dividend, in floating point: a - b·trunc(a/b). */
  modulo(a: Sql, b: Sql): Sql;
  /** Half away from zero at `places` decimal places, in binary floating point like Python's round (2.675 → 2.67). */
  round(a: Sql, places: number): Sql;
  lower(a: Sql): Sql;
  upper(a: Sql): Sql;
  strlen(a: Sql): Sql;
  startsWith(a: Sql, b: Sql): Sql;
  endsWith(a: Sql, b: Sql): Sql;
  containsText(a: Sql, b: Sql): Sql;
  /** An unanchored search for a parsed view regex, printed for the dialect's engine (same meaning on both). */
  regexMatch(a: Sql, regex: RegexNode, ignoreCase: boolean): Sql;
  /** Keeps a string ordered by code point in ORDER BY / keyset comparisons. */
  orderable(value: Sql, kind: KeyKind): Sql;

  // ---- stage helpers ----
  /** The condition every scan of `samples s` starts with: the SQLite query deadline check (nothing on PostgreSQL). */
  scanGuard(): Sql | undefined;
  /** Samples with any (or all) of the tags. */
  hasTags(tags: readonly string[], all: boolean): Sql;
  /**
   * `s.id` among the ids. `datasetId` when the rows are the dataset's samples (not patches), so the dialect may find
   * them through the `(dataset_id, id)` key.
   */
  idIn(ids: readonly string[], datasetId?: string): Sql;
  /** A FROM item `alias(id, pos)`: each distinct id with its first position in the list. */
  idPositions(ids: readonly string[], alias: string): Sql;
  /** `s.fields` with the array at `segments` replaced by the elements of `iteration` that pass `keep`. */
  withFilteredList(list: JsonLoc, segments: readonly string[], iteration: JsonIteration, keep: Sql): Sql;
  /** `s.fields` with the label at `segments` set to null where `keep` is false. */
  withNulledLabel(label: JsonLoc, segments: readonly string[], keep: Sql): Sql;
  /**
   * One patch row's own columns (to_patches) for the label at `element`: its id, its tags (`[]` when it has none) and
   * the document `{<field>: label, "sample_id": s.id}`, in the dialect's stored document format.
   */
  patchColumns(element: JsonLoc, field: string): { id: Sql; tags: Sql; fields: Sql };
  /** `LIMIT`/`OFFSET` clause for a slice of the ordered rows. */
  slice(limit: number | undefined, offset: number | undefined): Sql;
  /** Keeps the planner from inlining a subquery whose expensive columns are read more than once. */
  noInline(): Sql;
  /** An integer from the dialect (bigint on PostgreSQL arrives as text) as a JS number. */
  readonly integerFrom: (value: unknown) => number;
}

/** Item lists up to this size are inlined as parameters; longer ones travel as one JSON / array parameter. */
export const INLINE_LIST_MAX = 64;

/** The power of ten `round` scales by: exact as a double up to 10^22, so both dialects scale identically. */
export function roundFactor(places: number): number {
  return 10 ** Math.abs(places);
}
