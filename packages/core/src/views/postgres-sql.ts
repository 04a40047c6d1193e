// The PostgreSQL side of the view compiler: jsonb access with #> and jsonb_array_elements, guarded casts, typed parameters.
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

/** A jsonb expression (a path under a document column, or the element column of a jsonb_array_elements alias). */
interface PostgresLoc extends JsonLoc {
  dialect: 'postgres';
  json: Sql;
}

function postgresLoc(json: Sql): JsonLoc {
  return { dialect: 'postgres', json } as PostgresLoc;
}

function loc(value: JsonLoc): PostgresLoc {
  if (value.dialect !== 'postgres') throw new Error('a SQLite JSON location reached the PostgreSQL compiler');
  return value as PostgresLoc;
}

const CASTS: Record<KeyKind, string> = { number: 'float8', string: 'text', bool: 'boolean', int: 'bigint' };
const JSONB_TYPES: Record<ScalarKind, string> = { number: 'number', string: 'string', bool: 'boolean' };

/** A text[] literal of schema path segments (identifiers only, guaranteed by the contract's path pattern). */
function pathArray(segments: readonly string[]): Sql {
  return sql.lit(`{${segments.join(',')}}`);
}

export class PostgresSql implements SqlDialect {
  readonly name = 'postgres' as const;
  readonly integerFrom = (value: unknown): number => Number(value);

  document(column: 'fields' | 'metadata' | 'tags'): JsonLoc {
    return postgresLoc(sql.ref(`s.${column}`));
  }

  child(value: JsonLoc, segments: readonly string[]): JsonLoc {
    const l = loc(value);
    if (segments.length === 0) return l;
    const json =
      segments.length === 1 ? sql`(${l.json} -> ${sql.lit(segments[0])})` : sql`(${l.json} #> ${pathArray(segments)})`;
    return postgresLoc(json);
  }

  private typeOf(l: PostgresLoc): Sql {
    return sql`jsonb_typeof(${l.json})`;
  }

  scalar(value: JsonLoc, kind: ScalarKind, _guard: boolean): Sql {
    const l = loc(value);
    // Always guarded: a cast of a wrong-typed jsonb value raises, and one stray value must not fail the whole query.
    const extracted = kind === 'string' ? sql`(${l.json} #>> '{}')` : sql`(${l.json})::${sql.raw(CASTS[kind])}`;
    return sql`(case when ${this.typeOf(l)} = ${sql.lit(JSONB_TYPES[kind])} then ${extracted} end)`;
  }

  present(value: JsonLoc): Sql {
    return sql`(coalesce(${this.typeOf(loc(value))}, 'null') <> 'null')`;
  }

  isArray(value: JsonLoc): Sql {
    return sql`(coalesce(${this.typeOf(loc(value))}, '') = 'array')`;
  }

  isObject(value: JsonLoc): Sql {
    return sql`(coalesce(${this.typeOf(loc(value))}, '') = 'object')`;
  }

  jsonOut(value: JsonLoc): Sql {
    return loc(value).json;
  }

  documentOut(column: 'fields' | 'metadata' | 'tags'): Sql {
    return sql.ref(`s.${column}`);
  }

  documentText(column: 'fields' | 'metadata' | 'tags'): Sql {
    // jsonb's own text form: pg would otherwise parse every document only for the response to stringify it again.
    return sql`${sql.ref(`s.${column}`)}::text`;
  }

  readJson(value: unknown): unknown {
    // pg parses jsonb itself (a JSON string arrives as a JS string: parsing it again would be wrong).
    return value === undefined ? null : value;
  }

  each(value: JsonLoc, alias: string, _guard: boolean): JsonIteration {
    const l = loc(value);
    // jsonb_array_elements raises on a non-array: feed it NULL (no rows) instead.
    const array = sql`(case when ${this.typeOf(l)} = 'array' then ${l.json} end)`;
    return {
      from: sql`jsonb_array_elements(${array}) with ordinality as ${sql.ref(alias)}(v, i)`,
      element: postgresLoc(sql.ref(`${alias}.v`)),
      position: sql.ref(`${alias}.i`),
      guard: sql`true`,
    };
  }

  arrayLength(value: JsonLoc, _guard: boolean): Sql {
    const l = loc(value);
    return sql`(case when ${this.typeOf(l)} = 'array' then jsonb_array_length(${l.json}) end)`;
  }

  jsonParam(values: readonly unknown[]): JsonLoc {
    return postgresLoc(sql`cast(${JSON.stringify(values)} as jsonb)`);
  }

  param(value: LiteralScalar, kind: KeyKind): Sql {
    return sql`cast(${value} as ${sql.raw(CASTS[kind])})`;
  }

  bool(value: boolean): Sql {
    return sql.raw(value ? 'true' : 'false');
  }

  inList(value: Sql, items: readonly (string | number | boolean)[], kind: ScalarKind): Sql {
    if (items.length === 0) return sql`false`;
    if (items.length <= INLINE_LIST_MAX)
      return sql`(${value} in (${sql.join(items.map((item) => this.param(item, kind)))}))`;
    return sql`(${value} = any(cast(${[...items]} as ${sql.raw(CASTS[kind])}[])))`;
  }

  isoTime(column: 'created_at' | 'last_modified_at'): Sql {
    // The same text toIso() gives and SQLite stores, so comparisons and sort keys agree across dialects.
    return sql`to_char(${sql.ref(`s.${column}`)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }

  notDistinct(a: Sql, b: Sql): Sql {
    return sql`(${a} is not distinct from ${b})`;
  }

  compare(op: Comparison, a: Sql, b: Sql, kind: ScalarKind): Sql {
    // Code point order whatever the database's collation, as SQLite's BINARY.
    const left = kind === 'string' ? sql`(${a}) collate "C"` : a;
    return sql`(${left} ${sql.raw(op)} ${b})`;
  }

  truthy(value: Sql): Sql {
    return sql`coalesce(${value}, false)`;
  }

  definite(condition: Sql): Sql {
    return sql`coalesce(${condition}, false)`;
  }

  divide(a: Sql, b: Sql): Sql {
    return sql`(${a} / nullif(${b}, 0))`;
  }

  sum(a: Sql): Sql {
    return sql`coalesce(sum(${a}), 0)`;
  }

  modulo(a: Sql, b: Sql): Sql {
    return sql`(${a} - ${b} * trunc(${a} / nullif(${b}, 0)))`;
  }

  round(a: Sql, places: number): Sql {
    const f = this.param(roundFactor(places), 'number');
    const half = sql`cast(0.5 as float8)`;
    const scaled = (x: Sql): Sql => (places >= 0 ? sql`(${x} * ${f})` : sql`(${x} / ${f})`);
    const unscale = (x: Sql): Sql => (places >= 0 ? sql`(${x} / ${f})` : sql`(${x} * ${f})`);
    return sql`(case when ${a} < 0 then -${unscale(sql`floor(${scaled(sql`-${a}`)} + ${half})`)} else ${unscale(sql`floor(${scaled(a)} + ${half})`)} end)`;
  }

  lower(a: Sql): Sql {
    return sql`lower(${a})`;
  }

  upper(a: Sql): Sql {
    return sql`upper(${a})`;
  }

  strlen(a: Sql): Sql {
    return sql`length(${a})`;
  }

  startsWith(a: Sql, b: Sql): Sql {
    return sql`starts_with(${a}, ${b})`;
  }

  endsWith(a: Sql, b: Sql): Sql {
    return sql`(length(${b}) <= length(${a}) and right(${a}, length(${b})) = ${b})`;
  }

  containsText(a: Sql, b: Sql): Sql {
    return sql`(strpos(${a}, ${b}) > 0)`;
  }

  regexMatch(a: Sql, regex: RegexNode, ignoreCase: boolean): Sql {
    // Always `~`: case-insensitivity is spelled out in the pattern, independent of the database's locale.
    return sql`(${a} ~ cast(${printViewRegex(regex, 'postgres', ignoreCase)} as text))`;
  }

  orderable(value: Sql, kind: KeyKind): Sql {
    return kind === 'string' ? sql`(${value}) collate "C"` : value;
  }

  scanGuard(): undefined {
    // statement_timeout cancels PostgreSQL statements; nothing to add to the scan.
    return undefined;
  }

  hasTags(tags: readonly string[], all: boolean): Sql {
    // ?| / ?& on jsonb use the GIN index on tags.
    return sql`(s.tags ${sql.raw(all ? '?&' : '?|')} cast(${[...tags]} as text[]))`;
  }

  idIn(ids: readonly string[]): Sql {
    if (ids.length <= INLINE_LIST_MAX) return this.inList(sql.ref('s.id'), ids, 'string');
    // A subquery, not `= any(array)`: PostgreSQL cannot size the array parameter and read the dataset's whole range
    // filtering each row (1,000 ids of 1M samples: 0.8 s); the set's join looks each id up in the (dataset_id, id) key.
    return sql`(s.id in (select unnest(cast(${[...ids]} as text[]))))`;
  }

  idPositions(ids: readonly string[], alias: string): Sql {
    return sql`(select u.id, min(u.pos) as pos from unnest(cast(${[...ids]} as text[])) with ordinality as u(id, pos) group by u.id) as ${sql.ref(alias)}`;
  }

  withFilteredList(list: JsonLoc, segments: readonly string[], iteration: JsonIteration, keep: Sql): Sql {
    const l = loc(list);
    const element = loc(iteration.element);
    const kept = sql`coalesce((select jsonb_agg(${element.json} order by ${iteration.position}) from ${iteration.from} where ${keep}), '[]'::jsonb)`;
    return sql`(case when ${this.isArray(l)} then jsonb_set(s.fields, ${pathArray(segments)}, ${kept}) else s.fields end)`;
  }

  patchColumns(element: JsonLoc, field: string): { id: Sql; tags: Sql; fields: Sql } {
    const label = loc(element).json;
    return {
      id: sql`(${label} ->> 'id')`,
      tags: sql`(case when jsonb_typeof(${label} -> 'tags') = 'array' then ${label} -> 'tags' else '[]'::jsonb end)`,
      fields: sql`jsonb_build_object(${field}::text, ${label}, 'sample_id', s.id)`,
    };
  }

  withNulledLabel(label: JsonLoc, segments: readonly string[], keep: Sql): Sql {
    return sql`(case when ${this.isObject(label)} and not ${this.definite(keep)} then jsonb_set(s.fields, ${pathArray(segments)}, 'null'::jsonb) else s.fields end)`;
  }

  slice(limit: number | undefined, offset: number | undefined): Sql {
    const offsetSql = sql`offset ${this.param(offset ?? 0, 'int')}`;
    return limit === undefined ? offsetSql : sql`limit ${this.param(limit, 'int')} ${offsetSql}`;
  }

  noInline(): Sql {
    // OFFSET 0 keeps PostgreSQL from pulling the subquery up into its parent.
    return sql`offset 0`;
  }
}
