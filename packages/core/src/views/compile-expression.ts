// Compiles a schema-checked expression to SQL for one dialect: conditions, scalar values and lists iterated in the database.
import { parseViewRegex, type Expression, type LiteralScalar, type ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { ExpressionTypes } from './check-expression.js';
import { commonScalar, isScalarKind, type ExprType, type ScalarKind } from './expression-types.js';
import { fieldLocation } from './field-location.js';
import type { JsonLoc, Sql, SqlDialect } from './sql-dialect.js';

/**
 * Null rules (documented for clients in the view language): a missing field and a null one are the same;
 * `eq(x, null)` is true for both and `ne(x, null)` is its negation; every other comparison, string test or
 * membership test with a null operand is false (so `not` of it is true); arithmetic with null gives null.
 * Conditions compile to SQL that may be NULL where the answer is false: WHERE and AND/OR treat NULL as false
 * already, and `not` / use as a value make them definite first.
 */

/** The element `elem` stands for inside a per-element predicate: where it is and what type it has. */
export interface CompileScope {
  element: JsonLoc;
  type: ExprType;
}

/** A list the database iterates: the JSON array, the path from each item to the element, and filter() predicates. */
export interface ListSource {
  array: JsonLoc;
  /** From each array item to the element: `label` for `ground_truth.detections.label`. */
  project: readonly string[];
  element: ExprType;
  /** The array's type is not tracked by the schema (`any`): iterate only when it really is an array. */
  guard: boolean;
  predicates: readonly Expression[];
}

/** Unique aliases for the JSON iterations of one statement. */
export class AliasCounter {
  private n = 0;
  next(prefix = 'e'): string {
    this.n += 1;
    return `${prefix}${this.n}`;
  }
}

type Leaf = { kind: 'json'; loc: JsonLoc; type: ExprType } | { kind: 'column'; sql: Sql; type: ExprType };

export class ExpressionCompiler {
  constructor(
    readonly dialect: SqlDialect,
    private readonly types: ExpressionTypes,
    readonly aliases: AliasCounter,
  ) {}

  typeOf(expr: Expression): ExprType {
    const type = this.types.types.get(expr);
    if (!type) throw new Error(`internal: expression ${expr.op} was not type-checked`);
    return type;
  }

  /** A condition for WHERE / AND / OR: NULL stands for false. */
  condition(expr: Expression, scope?: CompileScope): Sql {
    const d = this.dialect;
    switch (expr.op) {
      case 'lit':
        return d.bool(expr.value === true);
      case 'eq':
      case 'ne': {
        const equal = this.equality(expr.args[0] as Expression, expr.args[1] as Expression, scope);
        return expr.op === 'eq' ? equal : sql`not ${equal}`;
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const [a, b] = expr.args as [Expression, Expression];
        const kind = commonScalar(this.typeOf(a), this.typeOf(b));
        if (kind === 'null' || kind === undefined || kind === 'bool') return d.bool(false);
        const op = ({ gt: '>', gte: '>=', lt: '<', lte: '<=' } as const)[expr.op];
        return d.compare(op, this.value(a, kind, scope), this.value(b, kind, scope), kind);
      }
      case 'in':
      case 'nin': {
        const member = this.membership(expr.args[0] as Expression, expr.args[1] as Expression, scope);
        return expr.op === 'in' ? member : sql`not ${d.definite(member)}`;
      }
      case 'and':
      case 'or':
        return sql`(${sql.join(
          expr.args.map((arg) => this.condition(arg, scope)),
          sql.raw(expr.op === 'and' ? ' and ' : ' or '),
        )})`;
      case 'not':
        return sql`not ${d.definite(this.condition(expr.args[0] as Expression, scope))}`;
      case 'exists':
        return sql`not ${this.missing(expr.args[0] as Expression, scope)}`;
      case 'starts_with':
      case 'ends_with': {
        const [a, b] = expr.args.map((arg) => this.value(arg, 'string', scope)) as [Sql, Sql];
        return expr.op === 'starts_with' ? d.startsWith(a, b) : d.endsWith(a, b);
      }
      case 'matches': {
        // validateView already refused a pattern outside the accepted syntax, so this parse succeeds.
        const regex = parseViewRegex(expr.args[1].value as string);
        return d.regexMatch(this.value(expr.args[0], 'string', scope), regex, expr.ignore_case === true);
      }
      case 'contains':
        return this.contains(expr.args[0] as Expression, expr.args[1] as Expression, scope);
      case 'any':
      case 'all':
        return this.quantifier(expr.op, expr.args[0] as Expression, expr.args[1] as Expression, scope);
      default:
        // A boolean-valued leaf or if_else used as a condition.
        return d.truthy(this.value(expr, 'bool', scope));
    }
  }

  /** A scalar of `kind` (NULL when missing). Conditions used as values become definite booleans. */
  value(expr: Expression, kind: ScalarKind, scope?: CompileScope): Sql {
    const d = this.dialect;
    switch (expr.op) {
      case 'lit':
        return expr.value === null ? sql`null` : d.param(expr.value as LiteralScalar, kind);
      case 'field':
      case 'elem': {
        const leaf = this.leaf(expr, scope);
        if (leaf.kind === 'column') return leaf.sql;
        return d.scalar(leaf.loc, kind, leaf.type.kind !== kind);
      }
      case 'add':
      case 'sub':
      case 'mul': {
        const [a, b] = expr.args.map((arg) => this.value(arg, 'number', scope)) as [Sql, Sql];
        return sql`(${a} ${sql.raw(({ add: '+', sub: '-', mul: '*' } as const)[expr.op])} ${b})`;
      }
      case 'div':
      case 'mod': {
        const [a, b] = expr.args.map((arg) => this.value(arg, 'number', scope)) as [Sql, Sql];
        return expr.op === 'div' ? d.divide(a, b) : d.modulo(a, b);
      }
      case 'abs':
        return sql`abs(${this.value(expr.args[0] as Expression, 'number', scope)})`;
      case 'round': {
        const places = expr.args[1]?.op === 'lit' ? (expr.args[1].value as number) : 0;
        return d.round(this.value(expr.args[0] as Expression, 'number', scope), places);
      }
      case 'lower':
      case 'upper': {
        const text = this.value(expr.args[0] as Expression, 'string', scope);
        return expr.op === 'lower' ? d.lower(text) : d.upper(text);
      }
      case 'strlen':
        return d.strlen(this.value(expr.args[0] as Expression, 'string', scope));
      case 'length':
        return this.length(this.list(expr.args[0] as Expression, scope));
      case 'if_else': {
        const [cond, then, otherwise] = expr.args as [Expression, Expression, Expression];
        return sql`(case when ${this.condition(cond, scope)} then ${this.value(then, kind, scope)} else ${this.value(otherwise, kind, scope)} end)`;
      }
      default:
        return d.definite(this.condition(expr, scope));
    }
  }

  /** The list an expression denotes, to iterate in SQL. */
  list(expr: Expression, scope?: CompileScope): ListSource {
    const type = this.typeOf(expr);
    const element: ExprType = type.kind === 'list' ? type.element : { kind: 'any' };
    if (expr.op === 'filter') {
      const inner = this.list(expr.args[0] as Expression, scope);
      return { ...inner, predicates: [...inner.predicates, expr.args[1] as Expression] };
    }
    if (expr.op === 'lit' && Array.isArray(expr.value)) {
      return { array: this.dialect.jsonParam(expr.value), project: [], element, guard: false, predicates: [] };
    }
    if (expr.op === 'field') {
      const location = fieldLocation(this.dialect, this.resolved(expr));
      // Through a list (`ground_truth.detections.label`): iterate the list, reach each element's attribute from the item.
      if (location.kind === 'json' && location.project !== undefined) {
        return { array: location.loc, project: location.project, element, guard: false, predicates: [] };
      }
    }
    const leaf = expr.op === 'field' || expr.op === 'elem' ? this.leaf(expr, scope) : undefined;
    if (!leaf || leaf.kind !== 'json') throw new Error(`internal: ${expr.op} is not a list`);
    return { array: leaf.loc, project: [], element, guard: type.kind !== 'list', predicates: [] };
  }

  /** One iteration of a list: FROM item, element location and the filter() conditions on it. */
  iterate(source: ListSource, alias = this.aliases.next()): { from: Sql; scope: CompileScope; conditions: Sql[] } {
    const iteration = this.dialect.each(source.array, alias, source.guard);
    const scope: CompileScope = {
      element: this.dialect.child(iteration.element, source.project),
      type: source.element,
    };
    return {
      from: iteration.from,
      scope,
      conditions: [iteration.guard, ...source.predicates.map((p) => this.condition(p, scope))],
    };
  }

  /** Where a field or elem leaf lives: a JSON location, or a plain column (id, filepath, timestamps). */
  leaf(expr: Expression & { op: 'field' | 'elem' }, scope?: CompileScope): Leaf {
    const type = this.typeOf(expr);
    if (expr.op === 'elem') {
      if (!scope) throw new Error('internal: elem outside a per-element scope');
      const loc = expr.path === undefined ? scope.element : this.dialect.child(scope.element, expr.path.split('.'));
      return { kind: 'json', loc, type };
    }
    const location = fieldLocation(this.dialect, this.resolved(expr));
    if (location.kind === 'column') return { kind: 'column', sql: location.sql, type };
    return { kind: 'json', loc: location.loc, type };
  }

  private resolved(expr: Expression): ResolvedPath {
    const resolved = this.types.fields.get(expr);
    if (!resolved) throw new Error('internal: field was not resolved');
    return resolved;
  }

  /** Two-valued: the expression is absent or null. */
  missing(expr: Expression, scope?: CompileScope): Sql {
    const type = this.typeOf(expr);
    if (expr.op === 'field' || expr.op === 'elem') {
      const leaf = this.leaf(expr, scope);
      if (leaf.kind === 'column') return this.dialect.bool(false);
      return sql`not ${this.dialect.present(leaf.loc)}`;
    }
    if (type.kind === 'list') return sql`not ${this.dialect.present(this.list(expr, scope).array)}`;
    if (type.kind === 'null') return this.dialect.bool(true);
    const kind = isScalarKind(type.kind) ? (type.kind as ScalarKind) : 'bool';
    return sql`(${this.value(expr, kind, scope)} is null)`;
  }

  private equality(a: Expression, b: Expression, scope?: CompileScope): Sql {
    const ta = this.typeOf(a);
    const tb = this.typeOf(b);
    if (ta.kind === 'null') return this.missing(b, scope);
    if (tb.kind === 'null') return this.missing(a, scope);
    const kind = commonScalar(ta, tb);
    if (kind === undefined || kind === 'null') return this.dialect.bool(false);
    return this.dialect.notDistinct(this.value(a, kind, scope), this.value(b, kind, scope));
  }

  private membership(value: Expression, list: Expression, scope?: CompileScope): Sql {
    const items = (list.op === 'lit' && Array.isArray(list.value) ? list.value : []) as LiteralScalar[];
    const present = items.filter((item): item is string | number | boolean => item !== null);
    const listType = this.typeOf(list);
    const valueType = this.typeOf(value);
    const kind = commonScalar(valueType, listType.kind === 'list' ? listType.element : { kind: 'null' });
    const isNull = items.length !== present.length ? this.missing(value, scope) : undefined;
    if (kind === undefined || kind === 'null') return isNull ?? this.dialect.bool(false);
    const member = this.dialect.inList(this.value(value, kind, scope), present, kind);
    return isNull ? sql`(${isNull} or ${member})` : member;
  }

  private contains(target: Expression, item: Expression, scope?: CompileScope): Sql {
    const targetType = this.typeOf(target);
    if (targetType.kind !== 'list') {
      return this.dialect.containsText(this.value(target, 'string', scope), this.value(item, 'string', scope));
    }
    const source = this.list(target, scope);
    const it = this.iterate(source);
    const itemType = this.typeOf(item);
    let match: Sql;
    if (itemType.kind === 'null') match = sql`not ${this.dialect.present(it.scope.element)}`;
    else {
      const kind = commonScalar(source.element, itemType);
      if (kind === undefined || kind === 'null') return this.dialect.bool(false);
      const element = this.dialect.scalar(it.scope.element, kind, source.element.kind !== kind);
      match = this.dialect.notDistinct(element, this.value(item, kind, scope));
    }
    return sql`exists (select 1 from ${it.from} where ${sql.join([...it.conditions, match], sql.raw(' and '))})`;
  }

  private quantifier(op: 'any' | 'all', listExpr: Expression, predicate: Expression, scope?: CompileScope): Sql {
    const source = this.list(listExpr, scope);
    const it = this.iterate(source);
    const test = this.condition(predicate, it.scope);
    // all: no element fails the predicate (vacuously true for an empty or missing list, like Python's all()).
    const where = op === 'any' ? [...it.conditions, test] : [...it.conditions, sql`not ${this.dialect.definite(test)}`];
    const exists = sql`exists (select 1 from ${it.from} where ${sql.join(where, sql.raw(' and '))})`;
    return op === 'any' ? exists : sql`not ${exists}`;
  }

  /** Items of a list (after filter() predicates); NULL when the list itself is absent. */
  length(source: ListSource): Sql {
    if (source.predicates.length === 0) return this.dialect.arrayLength(source.array, source.guard);
    const it = this.iterate(source);
    const count = sql`(select count(*) from ${it.from} where ${sql.join(it.conditions, sql.raw(' and '))})`;
    return sql`(case when ${this.dialect.isArray(source.array)} then ${count} end)`;
  }
}
