// The SQLite side of the view compiler: JSONB access with ->> and json_each, integer booleans, registered functions.
import { printViewRegex, type LiteralScalar, type RegexNode } from '@teamset/contract';
import { sql } from 'kysely';
import type { ScalarKind } from './expression-types.js';
import {
  INLINE_LIST_MAX,
  roundFactor,
  type Comparison,
  type JsonIteration,
  type JsonLoc,
  type KeyKind,
  type Sql,
  type SqlDialect,
} from './sql-dialect.js';
import { SQLITE_FUNCTIONS } from './sqlite-functions.js';

/**
 * A JSON location as (document, JSON path). `element` names the json_each alias when the location is exactly that
 * alias's element: its scalar is then `value`/`type` of the iteration row. Attributes of an element are read from
 * the row's own document by full path (`s.fields ->> (e.fullkey || '.label')`), which stays on the JSONB blob and
 * measured about five times faster than `e.value ->> '$.label'` (that re-parses the element's text).
 */
interface SqliteLoc extends JsonLoc {
  dialect: 'sqlite';
  doc: Sql;
  path: Sql;
  /** The path as text when it is a constant (`$.ground_truth.detections`), so children extend the literal. */
  constantPath?: string;
  element?: string;
}

function sqliteLoc(fields: Omit<SqliteLoc, 'dialect'>): JsonLoc {
  return { dialect: 'sqlite', ...fields } as SqliteLoc;
}

function loc(value: JsonLoc): SqliteLoc {
  if (value.dialect !== 'sqlite') throw new Error('a PostgreSQL JSON location reached the SQLite compiler');
  return value as SqliteLoc;
}

/** json_type() names by scalar kind. */
const JSON_TYPES: Record<ScalarKind, string> = {
  number: "'integer', 'real'",
  string: "'text'",
  bool: "'true', 'false'",
};

export class SqliteSql implements SqlDialect {
  readonly name = 'sqlite' as const;
  readonly integerFrom = (value: unknown): number => Number(value);

  document(column: 'fields' | 'metadata' | 'tags'): JsonLoc {
    return sqliteLoc({ doc: sql.ref(`s.${column}`), path: sql.lit('$'), constantPath: '$' });
  }

  child(value: JsonLoc, segments: readonly string[]): JsonLoc {
    const l = loc(value);
    if (segments.length === 0) return l;
    const suffix = `.${segments.join('.')}`;
    if (l.constantPath !== undefined) {
      const path = l.constantPath + suffix;
      return sqliteLoc({ doc: l.doc, path: sql.lit(path), constantPath: path });
    }
    return sqliteLoc({ doc: l.doc, path: sql`(${l.path} || ${sql.lit(suffix)})` });
  }

  private jsonType(l: SqliteLoc): Sql {
    return l.element !== undefined ? sql.ref(`${l.element}.type`) : sql`json_type(${l.doc}, ${l.path})`;
  }

  private raw(l: SqliteLoc): Sql {
    return l.element !== undefined ? sql.ref(`${l.element}.value`) : sql`(${l.doc} ->> ${l.path})`;
  }

  scalar(value: JsonLoc, kind: ScalarKind, guard: boolean): Sql {
    const l = loc(value);
    // ->> yields native values: REAL/INTEGER for numbers, TEXT, and 1/0 for true/false (SQLite has no booleans).
    if (!guard) return this.raw(l);
    if (kind === 'bool') return sql`(case ${this.jsonType(l)} when 'true' then 1 when 'false' then 0 end)`;
    return sql`(case when ${this.jsonType(l)} in (${sql.raw(JSON_TYPES[kind])}) then ${this.raw(l)} end)`;
  }

  present(value: JsonLoc): Sql {
    const l = loc(value);
    if (l.element !== undefined) return sql`(${sql.ref(`${l.element}.type`)} <> 'null')`;
    return sql`(coalesce(json_type(${l.doc}, ${l.path}), 'null') <> 'null')`;
  }

  isArray(value: JsonLoc): Sql {
    return sql`(coalesce(${this.jsonType(loc(value))}, '') = 'array')`;
  }

  isObject(value: JsonLoc): Sql {
    return sql`(coalesce(${this.jsonType(loc(value))}, '') = 'object')`;
  }

  jsonOut(value: JsonLoc): Sql {
    const l = loc(value);
    return sql`(${l.doc} -> ${l.path})`;
  }

  documentOut(column: 'fields' | 'metadata' | 'tags'): Sql {
    return sql`json(${sql.ref(`s.${column}`)})`;
  }

  documentText(column: 'fields' | 'metadata' | 'tags'): Sql {
    return this.documentOut(column);
  }

  readJson(value: unknown): unknown {
    return value === null || value === undefined ? null : JSON.parse(value as string);
  }

  each(value: JsonLoc, alias: string, guard: boolean): JsonIteration {
    const l = loc(value);
    // json_each over an object would walk its members; the guard makes anything but an array yield no rows.
    const doc = guard ? sql`(case when ${this.jsonType(l)} = 'array' then ${l.doc} end)` : l.doc;
    return {
      from: sql`json_each(${doc}, ${l.path}) as ${sql.ref(alias)}`,
      element: sqliteLoc({ doc: l.doc, path: sql.ref(`${alias}.fullkey`), element: alias }),
      position: sql.ref(`${alias}.key`),
      guard: elementDeadlineCheck(sql.ref(`${alias}.key`)),
    };
  }

  arrayLength(value: JsonLoc, guard: boolean): Sql {
    const l = loc(value);
    const length = sql`json_array_length(${l.doc}, ${l.path})`;
    return guard ? sql`(case when ${this.jsonType(l)} = 'array' then ${length} end)` : length;
  }

  jsonParam(values: readonly unknown[]): JsonLoc {
    // json_each reads true/false back as 1/0, like ->> does for stored booleans.
    return sqliteLoc({ doc: sql`${JSON.stringify(values)}`, path: sql.lit('$'), constantPath: '$' });
  }

  param(value: LiteralScalar, kind: KeyKind): Sql {
    if (typeof value === 'boolean') return sql.lit(value ? 1 : 0);
    // better-sqlite3 binds every JS number as REAL; integers the compiler makes (seqs, positions) must stay INTEGER,
    // or arithmetic on them (the seeded hash) silently goes floating point.
    if (kind === 'int' && typeof value === 'number' && Number.isSafeInteger(value)) return sql`${BigInt(value)}`;
    return sql`${value}`;
  }

  bool(value: boolean): Sql {
    return sql.lit(value ? 1 : 0);
  }

  inList(value: Sql, items: readonly (string | number | boolean)[], kind: ScalarKind): Sql {
    if (items.length === 0) return sql.lit(0);
    const values = items.map((item) => (typeof item === 'boolean' ? (item ? 1 : 0) : item));
    if (values.length <= INLINE_LIST_MAX)
      return sql`(${value} in (${sql.join(values.map((v) => this.param(v, kind)))}))`;
    return sql`(${value} in (select value from json_each(${JSON.stringify(values)})))`;
  }

  isoTime(column: 'created_at' | 'last_modified_at'): Sql {
    // Stored as ISO-8601 text already (nowIso()).
    return sql.ref(`s.${column}`);
  }

  notDistinct(a: Sql, b: Sql): Sql {
    return sql`(${a} is ${b})`;
  }

  compare(op: Comparison, a: Sql, b: Sql, _kind: ScalarKind): Sql {
    // TEXT compares with the BINARY collation: UTF-8 bytes, i.e. code point order.
    return sql`(${a} ${sql.raw(op)} ${b})`;
  }

  truthy(value: Sql): Sql {
    return sql`(coalesce(${value}, 0) <> 0)`;
  }

  definite(condition: Sql): Sql {
    return sql`coalesce(${condition}, 0)`;
  }

  divide(a: Sql, b: Sql): Sql {
    // Real division (SQLite divides integers as integers) and NULL for a zero divisor, as on PostgreSQL.
    return sql`(cast(${a} as real) / nullif(${b}, 0))`;
  }

  sum(a: Sql): Sql {
    return sql`total(${a})`;
  }

  modulo(a: Sql, b: Sql): Sql {
    return sql`(${a} - ${b} * trunc(cast(${a} as real) / nullif(${b}, 0)))`;
  }

  round(a: Sql, places: number): Sql {
    const f = this.param(roundFactor(places), 'number');
    // Scale, round half away from zero, unscale: the same float operations as PostgreSQL, so both give the same digits.
    const scaled = (x: Sql): Sql => (places >= 0 ? sql`(${x} * ${f})` : sql`(${x} / ${f})`);
    const unscale = (x: Sql): Sql => (places >= 0 ? sql`(${x} / ${f})` : sql`(${x} * ${f})`);
    return sql`(case when ${a} < 0 then -${unscale(sql`floor(${scaled(sql`-${a}`)} + 0.5)`)} else ${unscale(sql`floor(${scaled(a)} + 0.5)`)} end)`;
  }

  lower(a: Sql): Sql {
    // SQLite's lower() folds ASCII only; the registered function folds like PostgreSQL's (Unicode).
    return sql`${sql.raw(SQLITE_FUNCTIONS.lower)}(${a})`;
  }

  upper(a: Sql): Sql {
    return sql`${sql.raw(SQLITE_FUNCTIONS.upper)}(${a})`;
  }

  strlen(a: Sql): Sql {
    return sql`length(${a})`;
  }

  startsWith(a: Sql, b: Sql): Sql {
    // Not LIKE: it is case-insensitive in SQLite and treats % and _ as wildcards.
    return sql`(substr(${a}, 1, length(${b})) = ${b})`;
  }

  endsWith(a: Sql, b: Sql): Sql {
    return sql`(length(${b}) <= length(${a}) and substr(${a}, length(${a}) - length(${b}) + 1) = ${b})`;
  }

  containsText(a: Sql, b: Sql): Sql {
    return sql`(instr(${a}, ${b}) > 0)`;
  }

  regexMatch(a: Sql, regex: RegexNode, ignoreCase: boolean): Sql {
    return sql`${sql.raw(SQLITE_FUNCTIONS.regexp)}(${printViewRegex(regex, 're2', ignoreCase)}, ${a})`;
  }

  orderable(value: Sql, _kind: KeyKind): Sql {
    return value;
  }

  scanGuard(): Sql {
    // better-sqlite3 cannot interrupt a running statement: the deadline function throws instead, checked for one
    // row in 1024 on average (OR short-circuits), and written first so it runs before the view's own conditions.
    // Chosen by random(), not by seq: seq is global, so a dataset may hold no multiple of 1024 at all.
    return deadlineCheck(sql.ref('s.seq'));
  }

  hasTags(tags: readonly string[], all: boolean): Sql {
    const member = this.inList(sql.ref('t.value'), tags, 'string');
    if (!all) return sql`exists (select 1 from json_each(s.tags) as t where ${member})`;
    return sql`((select count(distinct t.value) from json_each(s.tags) as t where ${member}) = ${new Set(tags).size})`;
  }

  idIn(ids: readonly string[], datasetId?: string): Sql {
    if (datasetId === undefined || ids.length === 0) return this.inList(sql.ref('s.id'), ids, 'string');
    // As a list of seqs found through the (dataset_id, id) key: `s.id in (list)` next to the view's ORDER BY s.seq
    // made SQLite (no table statistics) walk the dataset's whole seq index instead, testing each row against the
    // list (1,000 ids of a 1M-sample dataset: 1.3-1.5 s, against 5 ms this way, the App's "tag the selected").
    const found = this.inList(sql.ref('x.id'), ids, 'string');
    return sql`(s.seq in (select x.seq from samples as x where x.dataset_id = ${datasetId} and ${found}))`;
  }

  idPositions(ids: readonly string[], alias: string): Sql {
    return sql`(select value as id, min(key) as pos from json_each(${JSON.stringify(ids)}) group by value) as ${sql.ref(alias)}`;
  }

  withFilteredList(list: JsonLoc, _segments: readonly string[], iteration: JsonIteration, keep: Sql): Sql {
    const l = loc(list);
    const element = loc(iteration.element);
    // jsonb_extract keeps each kept label as a JSONB blob, so the rebuilt list is never re-parsed from text. No ORDER BY
    // in the aggregate: a lone json_each scan yields items in array order, and the sorter it adds cost a temp b-tree per sample.
    const kept = sql`(select jsonb_group_array(jsonb_extract(${element.doc}, ${element.path})) from ${iteration.from} where ${iteration.guard} and ${keep})`;
    return sql`(case when ${this.isArray(l)} then jsonb_set(s.fields, ${l.path}, ${kept}) else s.fields end)`;
  }

  patchColumns(element: JsonLoc, field: string): { id: Sql; tags: Sql; fields: Sql } {
    const l = loc(element);
    const label = sql`jsonb_extract(${l.doc}, ${l.path})`;
    const tagsPath = sql`(${l.path} || '.tags')`;
    return {
      id: sql`(${l.doc} ->> (${l.path} || '.id'))`,
      tags: sql`(case when json_type(${l.doc}, ${tagsPath}) = 'array' then jsonb_extract(${l.doc}, ${tagsPath}) else jsonb('[]') end)`,
      fields: sql`jsonb_object(${field}, ${label}, 'sample_id', s.id)`,
    };
  }

  withNulledLabel(label: JsonLoc, _segments: readonly string[], keep: Sql): Sql {
    const l = loc(label);
    return sql`(case when ${this.isObject(l)} and not ${this.definite(keep)} then jsonb_set(s.fields, ${l.path}, null) else s.fields end)`;
  }

  slice(limit: number | undefined, offset: number | undefined): Sql {
    return sql`limit ${this.param(limit ?? -1, 'int')} offset ${this.param(offset ?? 0, 'int')}`;
  }

  noInline(): Sql {
    // A LIMIT keeps SQLite from flattening the subquery (and re-evaluating its columns at every reference).
    return sql`limit -1`;
  }
}

/**
 * The deadline check for about one row in 1024 of the loop over `row`'s table. The deadline function ignores its
 * argument: naming a column of that table makes SQLite evaluate the check inside that loop, once per row.
 */
function deadlineCheck(row: Sql): Sql {
  return sql`((random() & 1023) <> 0 or ${sql.raw(SQLITE_FUNCTIONS.deadline)}(${row}))`;
}

/**
 * The deadline check inside a list: at elements 1023, 2047, … of each list. Cheaper per element than random(), and
 * the array index is not the client's to choose; a list shorter than that is bounded by the check per sample.
 */
function elementDeadlineCheck(index: Sql): Sql {
  return sql`(((${index} + 1) & 1023) <> 0 or ${sql.raw(SQLITE_FUNCTIONS.deadline)}(${index}))`;
}
