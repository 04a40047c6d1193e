// A view under construction: the rows of `samples` (alias s) a SQL source yields, its pending conditions and its order keys.
import { sql } from 'kysely';
import type { JsonIteration, KeyKind, Sql, SqlDialect } from './sql-dialect.js';

/**
 * One order key of a view. Ascending keys put null/missing first and descending keys put them last (MongoDB's
 * order); `s.seq` always follows as the final tie-breaker, so every view has one total order.
 */
export interface OrderKey {
  sql: Sql;
  kind: KeyKind;
  desc: boolean;
  /** False for keys the compiler makes (positions, seeded hashes), which are never null. */
  nullable: boolean;
}

/** The row columns every stage carries forward (dataset_id only matters in the base scan). */
type RowColumn = (typeof ROW_COLUMNS)[number];
const ROW_COLUMNS = ['seq', 'id', 'filepath', 'tags', 'metadata', 'fields', 'created_at', 'last_modified_at'] as const;

/**
 * Rows of alias `s` from `source`, filtered by `conditions`, in `keys` order. Stages that only filter or reorder
 * add to it; stages that cut by position (skip, limit, take) or rewrite `fields` (filter_labels) wrap it into a
 * subquery whose columns include the order keys (`_k0`, `_k1`, …), so the order is carried explicitly rather than
 * trusted to a subquery's ORDER BY.
 */
export class Relation {
  constructor(
    readonly source: Sql,
    readonly conditions: readonly Sql[],
    readonly keys: readonly OrderKey[],
  ) {}

  /** The dataset's samples; `seqAfter` starts the scan after a seq (keyset paging pushed down to the index range). */
  static base(dialect: SqlDialect, datasetId: string, seqAfter?: number): Relation {
    const guard = dialect.scanGuard();
    const after = seqAfter === undefined ? [] : [sql`s.seq > ${dialect.param(seqAfter, 'int')}`];
    return new Relation(sql`samples as s`, [sql`s.dataset_id = ${datasetId}`, ...(guard ? [guard] : []), ...after], []);
  }

  where(condition: Sql): Relation {
    return new Relation(this.source, [...this.conditions, condition], this.keys);
  }

  orderBy(keys: OrderKey[]): Relation {
    return new Relation(this.source, this.conditions, keys);
  }

  /** Joins a FROM item to the source (its columns become available to conditions and keys). */
  join(item: Sql, on: Sql): Relation {
    return new Relation(sql`${this.source} join ${item} on ${on}`, this.conditions, this.keys);
  }

  whereClause(extra: readonly Sql[] = []): Sql {
    const all = [...this.conditions, ...extra];
    return all.length === 0 ? sql`` : sql`where ${sql.join(all, sql.raw(' and '))}`;
  }

  /** ORDER BY the keys, then seq. */
  orderClause(dialect: SqlDialect): Sql {
    const keys = this.keys.map((key) => {
      const direction = key.desc ? 'desc' : 'asc';
      const nulls = key.nullable ? (key.desc ? ' nulls last' : ' nulls first') : '';
      return sql`${dialect.orderable(key.sql, key.kind)} ${sql.raw(direction + nulls)}`;
    });
    return sql`order by ${sql.join([...keys, sql`s.seq`])}`;
  }

  /** The key values projected as `_k0…` (for cursors and for wrapping). */
  keyColumns(): Sql[] {
    return this.keys.map((key, i) => sql`${key.sql} as ${sql.ref(`_k${i}`)}`);
  }

  /**
   * This relation as a subquery: `fields` optionally replaced, rows optionally cut to a slice of the current order.
   * `opaque` keeps the planner from inlining it, so a rebuilt `fields` is computed once per row rather than at every
   * reference; its rows are still produced in view order, which lets the outer ORDER BY … LIMIT of a page stop early
   * (SQLite and PostgreSQL both carry a subquery's order up) instead of materialising every later row.
   */
  wrap(
    dialect: SqlDialect,
    options: { fields?: Sql; slice?: { limit?: number; offset?: number }; opaque?: boolean },
  ): Relation {
    const columns = ROW_COLUMNS.map((column) =>
      column === 'fields' && options.fields ? sql`${options.fields} as fields` : sql.ref(`s.${column}`),
    );
    let tail: Sql = sql``;
    if (options.slice)
      tail = sql`${this.orderClause(dialect)} ${dialect.slice(options.slice.limit, options.slice.offset)}`;
    else if (options.opaque) tail = sql`${this.orderClause(dialect)} ${dialect.noInline()}`;
    const subquery = sql`(select ${sql.join([...columns, ...this.keyColumns()])} from ${this.source} ${this.whereClause()} ${tail}) as s`;
    const keys = this.keys.map((key, i) => ({ ...key, sql: sql.ref(`s._k${i}`) }));
    return new Relation(subquery, [], keys);
  }

  /**
   * One row per element of `iteration` (to_patches), in this relation's order and then the element's position. A
   * patch's `seq` is its sample's seq times PATCH_SEQ_FACTOR plus its position, so patch rows keep one total order,
   * the keyset cursor still pages by `seq`, and patches of a sample stay together.
   */
  explode(dialect: SqlDialect, iteration: JsonIteration, own: { id: Sql; tags: Sql; fields: Sql }): Relation {
    const values: Record<RowColumn, Sql> = {
      seq: sql`(s.seq * ${sql.lit(PATCH_SEQ_FACTOR)} + ${iteration.position})`,
      id: own.id,
      filepath: sql.ref('s.filepath'),
      tags: own.tags,
      metadata: sql.ref('s.metadata'),
      fields: own.fields,
      created_at: sql.ref('s.created_at'),
      last_modified_at: sql.ref('s.last_modified_at'),
    };
    const columns = ROW_COLUMNS.map((column) => sql`${values[column]} as ${sql.ref(column)}`);
    const order = sql`${this.orderClause(dialect)}, ${iteration.position}`;
    const subquery = sql`(select ${sql.join([...columns, ...this.keyColumns()])} from ${this.source} cross join ${iteration.from} ${this.whereClause([iteration.guard])} ${order} ${dialect.noInline()}) as s`;
    const keys = this.keys.map((key, i) => ({ ...key, sql: sql.ref(`s._k${i}`) }));
    return new Relation(subquery, [], keys);
  }
}

/**
 * Positions of a label list's items are below this (2^20: far beyond any list a request can carry), and sample seqs
 * below 2^33, so a patch's seq stays an exact integer in JavaScript and in SQL.
 */
export const PATCH_SEQ_FACTOR = 1_048_576;
