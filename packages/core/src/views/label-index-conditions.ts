// Label-index conditions the view compiler can use: filters on a label's `label` / `confidence` as conditions on an
// index row `l` of `sample_labels`, and `match` tests for a label as an EXISTS over the sample's index rows.
import {
  LABEL_ATTRIBUTES,
  LIST_LABEL_ITEMS,
  isListLabelClass,
  type Expression,
  type FieldSchema,
  type LiteralScalar,
  type SingleLabelClass,
} from '@teamset/contract';
import { sql } from 'kysely';
import type { ScalarKind } from './expression-types.js';
import type { Sql, SqlDialect } from './sql-dialect.js';
import { SQLITE_FUNCTIONS } from './sqlite-functions.js';

/**
 * SQLite's query deadline (see SqliteSql.scanGuard) over index rows `l`, for about one row in 1024: keyed on the
 * row's sample and position rather than random(), which measured half the time of a class count over the index.
 */
export const LABEL_DEADLINE_CHECK = sql`((((l.sample_seq + l.position) & 1023) <> 0) or ${sql.raw(SQLITE_FUNCTIONS.deadline)}(l.sample_seq))`;

/** Index columns a label attribute can be read from, with the scalar kind they hold. */
export const COLUMNS = { label: 'string', confidence: 'number' } as const;
export type IndexColumn = keyof typeof COLUMNS;

/** The index column of a built-in `label` (string) or `confidence` (float) attribute; Keypoint confidences are lists. */
export function builtinColumn(cls: SingleLabelClass, attribute: string | undefined): IndexColumn | undefined {
  if (attribute !== 'label' && attribute !== 'confidence') return undefined;
  const declared = LABEL_ATTRIBUTES[cls][attribute];
  return declared === (attribute === 'label' ? 'string' : 'float') ? attribute : undefined;
}

/**
 * A filter_labels filter as a condition on the index row `l`, for filters that only compare the label's `label` /
 * `confidence` with literals (and/or/not of eq, ne, gt, gte, lt, lte, in, nin). Same null rules as the compiler:
 * a missing value equals null and fails every other comparison. Undefined for any other filter.
 */
export function labelPredicate(d: SqlDialect, expr: Expression, cls: SingleLabelClass): Sql | undefined {
  const operand = (e: Expression | undefined): { column: Sql; kind: ScalarKind } | undefined => {
    if (e?.op !== 'elem') return undefined;
    const column = builtinColumn(cls, e.path);
    return column === undefined ? undefined : { column: sql.ref(`l.${column}`), kind: COLUMNS[column] };
  };
  const fits = (value: unknown, kind: ScalarKind): value is string | number =>
    kind === 'string' ? typeof value === 'string' : typeof value === 'number' && Number.isFinite(value);
  switch (expr.op) {
    case 'and':
    case 'or': {
      const parts = expr.args.map((arg) => labelPredicate(d, arg, cls));
      if (parts.some((part) => part === undefined)) return undefined;
      return sql`(${sql.join(parts as Sql[], sql.raw(expr.op === 'and' ? ' and ' : ' or '))})`;
    }
    case 'not': {
      const inner = labelPredicate(d, expr.args[0] as Expression, cls);
      return inner && sql`not ${d.definite(inner)}`;
    }
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const [a, b] = expr.args as [Expression, Expression];
      const left = operand(a);
      if (!left || b.op !== 'lit') return undefined;
      if (b.value === null && (expr.op === 'eq' || expr.op === 'ne'))
        return sql`(${left.column} ${sql.raw(expr.op === 'eq' ? 'is null' : 'is not null')})`;
      if (!fits(b.value, left.kind)) return undefined;
      const value = d.param(b.value, left.kind);
      if (expr.op === 'eq') return sql`(${left.column} = ${value})`;
      if (expr.op === 'ne') return sql`not ${d.definite(sql`(${left.column} = ${value})`)}`;
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
      return d.compare(op[expr.op], left.column, value, left.kind);
    }
    case 'in':
    case 'nin': {
      const [a, b] = expr.args as [Expression, Expression];
      const left = operand(a);
      if (!left || b.op !== 'lit' || !Array.isArray(b.value)) return undefined;
      const items = b.value as LiteralScalar[];
      const present = items.filter((item) => item !== null);
      if (!present.every((item) => fits(item, left.kind))) return undefined;
      const member = d.inList(left.column, present as (string | number)[], left.kind);
      const withNull = present.length === items.length ? member : sql`(${left.column} is null or ${member})`;
      return expr.op === 'in' ? withNull : sql`not ${d.definite(withNull)}`;
    }
    default:
      return undefined;
  }
}

/**
 * A `match` conjunct testing that a list label field has a label passing a translatable predicate —
 * `length(filter(F('gt.detections'), P)) > 0` (or `>= 1`), or `any(F('gt.detections'), P)` — as an EXISTS over the
 * index rows of the sample. Only while no earlier filter_labels rewrote the field (`rewritten`): the index holds the
 * stored labels, not a view's. Undefined for anything else (compiled from the document as usual).
 */
export function indexedLabelMatch(
  d: SqlDialect,
  schema: FieldSchema,
  expr: Expression,
  rewritten: ReadonlySet<string>,
): Sql | undefined {
  let list: Expression | undefined;
  let predicate: Expression | undefined;
  if (expr.op === 'any') [list, predicate] = expr.args;
  else if ((expr.op === 'gt' || expr.op === 'gte') && expr.args[1]?.op === 'lit') {
    const [length, bound] = expr.args as [Expression, Expression & { op: 'lit' }];
    if (bound.value !== (expr.op === 'gt' ? 0 : 1) || length.op !== 'length') return undefined;
    const inner = length.args[0];
    if (inner?.op !== 'filter') return undefined;
    [list, predicate] = inner.args;
  }
  if (list?.op !== 'field' || predicate === undefined) return undefined;
  const [field, key, ...rest] = list.path.split('.');
  const top = field === undefined ? undefined : schema[field];
  if (field === undefined || rewritten.has(field) || rest.length > 0 || !isListLabelClass(top)) return undefined;
  const { key: itemsKey, itemClass } = LIST_LABEL_ITEMS[top];
  if (key !== itemsKey) return undefined;
  const condition = labelPredicate(d, predicate, itemClass);
  if (!condition) return undefined;
  return labelExists(d, field, condition);
}

/** The sample `s` has an index row of `field` passing `condition`. */
function labelExists(d: SqlDialect, field: string, condition: Sql): Sql {
  // The deadline check per index row as well: a few samples with long lists must still stop at the budget.
  const guard = d.name === 'sqlite' ? sql` and ${LABEL_DEADLINE_CHECK}` : sql``;
  return sql`exists (select 1 from sample_labels as l where l.sample_seq = s.seq and l.field = ${field}${guard} and ${condition})`;
}
