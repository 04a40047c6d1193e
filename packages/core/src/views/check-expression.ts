// Schema pass over one expression: resolves field and elem paths and checks that operand types fit each operator.
import {
  indexPath,
  keyPath,
  resolveElementPath,
  resolveFieldPath,
  type Expression,
  type FieldSchema,
  type LiteralValue,
  type ResolvedPath,
  type ViewProblem,
} from '@teamset/contract';
import {
  ANY,
  BOOL,
  NULL,
  NUMBER,
  STRING,
  commonScalar,
  describeType,
  fitsScalar,
  fromFieldType,
  isScalarKind,
  type ExprType,
  type ScalarKind,
} from './expression-types.js';

/** What the compiler reads back for each node (keyed by the node object itself). */
export interface ExpressionTypes {
  types: WeakMap<object, ExprType>;
  /** Resolved schema path of every `field` node. */
  fields: WeakMap<object, ResolvedPath>;
}

export function newExpressionTypes(): ExpressionTypes {
  return { types: new WeakMap(), fields: new WeakMap() };
}

/** The element an `elem` node stands for: its type and, when it has attributes, its schema path. */
export interface ElementScope {
  element: ExprType;
  elementPath?: string;
}

/** Returned after a reported problem so that one mistake does not cascade into more messages. */
const ERROR: ExprType = { kind: 'any' };

type Args = Expression[];

export class ExpressionChecker {
  constructor(
    private readonly schema: FieldSchema,
    private readonly out: ExpressionTypes,
    private readonly problems: ViewProblem[],
  ) {}

  /** Type of `expr`, recording it for the compiler; problems are appended with paths under `path`. */
  check(expr: Expression, path: string, scope: ElementScope | undefined): ExprType {
    const type = this.infer(expr, path, scope);
    this.out.types.set(expr, type);
    return type;
  }

  /** Checks that `expr` is a condition (boolean), reporting at `path` otherwise. */
  checkCondition(expr: Expression, path: string, scope: ElementScope | undefined, what = 'a condition'): void {
    const type = this.check(expr, path, scope);
    if (type !== ERROR && type.kind !== 'bool' && type.kind !== 'any')
      this.report(path, `expected ${what} (a boolean expression), got ${describeType(type)}`);
  }

  private report(path: string, message: string): ExprType {
    this.problems.push({ path, message });
    return ERROR;
  }

  private infer(expr: Expression, path: string, scope: ElementScope | undefined): ExprType {
    switch (expr.op) {
      case 'lit':
        return this.literal(expr.value, keyPath(path, 'value'));
      case 'field':
        return this.field(expr, path);
      case 'elem':
        return this.elem(expr.path, path, scope);
      default:
        return this.operator(expr.op, expr.args, path, scope);
    }
  }

  private literal(value: LiteralValue, path: string): ExprType {
    if (!Array.isArray(value)) return scalarLiteralType(value);
    let kind: ExprType | undefined;
    for (const [i, item] of value.entries()) {
      const type = scalarLiteralType(item);
      if (type.kind === 'null') continue;
      if (kind && kind.kind !== type.kind)
        return this.report(indexPath(path, i), `list literal mixes ${describeType(kind)} and ${describeType(type)}`);
      kind = type;
    }
    return { kind: 'list', element: kind ?? NULL };
  }

  private field(expr: Expression & { op: 'field' }, path: string): ExprType {
    const resolution = resolveFieldPath(this.schema, expr.path);
    if (!resolution.ok) return this.report(path, resolution.problem);
    const resolved = resolution.resolved;
    this.out.fields.set(expr, resolved);
    if (resolved.listPath === undefined) return fromFieldType(resolved.type, expr.path);
    // `ground_truth.detections.label`: one value per label, i.e. a list per sample (MongoDB's array traversal).
    return { kind: 'list', element: fromFieldType(resolved.type, expr.path), elementPath: expr.path };
  }

  private elem(elementPath: string | undefined, path: string, scope: ElementScope | undefined): ExprType {
    // validateView already reported an elem outside any per-element predicate.
    if (!scope) return ERROR;
    if (elementPath === undefined) return scope.element;
    const element = scope.element;
    if (element.kind === 'any') return ANY;
    if (element.kind !== 'object' || scope.elementPath === undefined) {
      return this.report(
        path,
        `the current element is ${describeType(element)}; it has no field ${JSON.stringify(elementPath)}`,
      );
    }
    const type = resolveElementPath(this.schema, scope.elementPath, elementPath);
    if (type === undefined)
      return this.report(
        path,
        `elements of ${JSON.stringify(scope.elementPath)} have no field ${JSON.stringify(elementPath)}`,
      );
    return fromFieldType(type, `${scope.elementPath}.${elementPath}`);
  }

  private operator(
    op: Exclude<Expression['op'], 'lit' | 'field' | 'elem'>,
    args: Args,
    path: string,
    scope: ElementScope | undefined,
  ): ExprType {
    const argPath = (i: number): string => indexPath(keyPath(path, 'args'), i);
    const arg = (i: number, argScope = scope): ExprType => this.check(args[i] as Expression, argPath(i), argScope);
    switch (op) {
      case 'eq':
      case 'ne':
        return this.equality(arg(0), arg(1), path);
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return this.ordering(arg(0), arg(1), path);
      case 'in':
      case 'nin':
        return this.membership(op, arg(0), arg(1), path, argPath);
      case 'and':
      case 'or':
        args.forEach((a, i) => this.checkCondition(a, argPath(i), scope));
        return BOOL;
      case 'not':
        this.checkCondition(args[0] as Expression, argPath(0), scope);
        return BOOL;
      case 'exists':
        arg(0);
        return BOOL;
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'mod':
        this.expectScalar(arg(0), 'number', op, argPath(0));
        this.expectScalar(arg(1), 'number', op, argPath(1));
        return NUMBER;
      case 'abs':
      case 'round':
        this.expectScalar(arg(0), 'number', op, argPath(0));
        if (args.length > 1) arg(1);
        return NUMBER;
      case 'starts_with':
      case 'ends_with':
        this.expectScalar(arg(0), 'string', op, argPath(0));
        this.expectScalar(arg(1), 'string', op, argPath(1));
        return BOOL;
      case 'matches':
        this.expectScalar(arg(0), 'string', op, argPath(0));
        arg(1);
        return BOOL;
      case 'lower':
      case 'upper':
        this.expectScalar(arg(0), 'string', op, argPath(0));
        return STRING;
      case 'strlen':
        this.expectScalar(arg(0), 'string', op, argPath(0));
        return NUMBER;
      case 'contains':
        return this.contains(arg(0), arg(1), argPath);
      case 'length': {
        const list = arg(0);
        if (list === ERROR || list.kind === 'list' || list.kind === 'any') return NUMBER;
        const hint = list.kind === 'string' ? '; use "strlen" for the length of a string' : '';
        return this.report(argPath(0), `"length" needs a list, got ${describeType(list)}${hint}`);
      }
      case 'filter':
      case 'any':
      case 'all':
        return this.elementPredicate(op, args, argPath, scope);
      case 'if_else':
        return this.ifElse(args, argPath, scope);
    }
  }

  private expectScalar(type: ExprType, kind: ScalarKind, op: string, path: string): void {
    if (type === ERROR || fitsScalar(type, kind)) return;
    this.report(path, `"${op}" needs ${describeType({ kind })} here, got ${describeType(type)}`);
  }

  private equality(a: ExprType, b: ExprType, path: string): ExprType {
    if (a === ERROR || b === ERROR || a.kind === 'null' || b.kind === 'null') return BOOL;
    if (a.kind === 'any' && b.kind === 'any')
      return this.report(path, 'cannot compare two untyped values; compare one of them with a literal');
    if (commonScalar(a, b) === undefined)
      return this.report(path, `cannot compare ${describeType(a)} with ${describeType(b)}`);
    return BOOL;
  }

  private ordering(a: ExprType, b: ExprType, path: string): ExprType {
    if (a === ERROR || b === ERROR) return BOOL;
    if (a.kind === 'any' && b.kind === 'any')
      return this.report(path, 'cannot compare two untyped values; compare one of them with a literal');
    const common = commonScalar(a, b);
    if (common === 'null') return BOOL;
    if (common === 'number' || common === 'string') return BOOL;
    return this.report(
      path,
      `orders numbers with numbers or strings with strings; got ${describeType(a)} and ${describeType(b)}`,
    );
  }

  private membership(
    op: string,
    value: ExprType,
    list: ExprType,
    path: string,
    argPath: (i: number) => string,
  ): ExprType {
    if (value === ERROR || list === ERROR || list.kind !== 'list') return BOOL;
    if (value.kind !== 'any' && value.kind !== 'null' && !isScalarKind(value.kind)) {
      return this.report(argPath(0), `"${op}" tests one value against a list; got ${describeType(value)}`);
    }
    if (commonScalar(value, list.element) === undefined && list.element.kind !== 'null') {
      return this.report(path, `"${op}" compares ${describeType(value)} with ${describeType(list)}`);
    }
    return BOOL;
  }

  private contains(target: ExprType, item: ExprType, argPath: (i: number) => string): ExprType {
    if (target === ERROR || item === ERROR) return BOOL;
    if (target.kind === 'string') {
      this.expectScalar(item, 'string', 'contains', argPath(1));
      return BOOL;
    }
    if (target.kind === 'list') {
      const element = target.element;
      if (!isScalarKind(element.kind) && element.kind !== 'any' && element.kind !== 'null') {
        return this.report(
          argPath(0),
          `"contains" tests list items against a value; ${describeType(target)} cannot be compared, use "any" with a predicate`,
        );
      }
      if (item.kind !== 'null' && commonScalar(element, item) === undefined) {
        return this.report(
          argPath(1),
          `"contains" looks for ${describeType(element)} in ${describeType(target)}, got ${describeType(item)}`,
        );
      }
      return BOOL;
    }
    return this.report(
      argPath(0),
      `"contains" needs a string (substring) or a list (membership), got ${describeType(target)}`,
    );
  }

  private elementPredicate(
    op: 'filter' | 'any' | 'all',
    args: Args,
    argPath: (i: number) => string,
    scope: ElementScope | undefined,
  ): ExprType {
    let list = this.check(args[0] as Expression, argPath(0), scope);
    if (list !== ERROR && list.kind === 'any') list = { kind: 'list', element: ANY };
    if (list !== ERROR && list.kind !== 'list') {
      this.report(argPath(0), `"${op}" needs a list, got ${describeType(list)}`);
      list = ERROR;
    }
    const inner: ElementScope | undefined =
      list.kind === 'list'
        ? { element: list.element, ...(list.elementPath !== undefined ? { elementPath: list.elementPath } : {}) }
        : undefined;
    // With an unusable list the predicate is still checked, with an untyped element, so its own mistakes are reported.
    this.checkCondition(args[1] as Expression, argPath(1), inner ?? { element: ANY }, 'a predicate');
    if (op !== 'filter') return BOOL;
    return list;
  }

  private ifElse(args: Args, argPath: (i: number) => string, scope: ElementScope | undefined): ExprType {
    this.checkCondition(args[0] as Expression, argPath(0), scope);
    const then = this.check(args[1] as Expression, argPath(1), scope);
    const otherwise = this.check(args[2] as Expression, argPath(2), scope);
    if (then === ERROR || otherwise === ERROR) return ERROR;
    for (const [i, type] of [then, otherwise].entries()) {
      if (type.kind === 'list' || type.kind === 'object')
        return this.report(argPath(i + 1), `"if_else" branches must be scalars, got ${describeType(type)}`);
    }
    if (then.kind === 'null') return otherwise.kind === 'null' ? NULL : otherwise;
    if (otherwise.kind === 'null') return then;
    if (then.kind === 'any' && otherwise.kind === 'any') return ANY;
    const common = commonScalar(then, otherwise);
    if (common === undefined || common === 'null')
      return this.report(argPath(2), `"if_else" branches differ: ${describeType(then)} and ${describeType(otherwise)}`);
    return { kind: common };
  }
}

function scalarLiteralType(value: unknown): ExprType {
  if (value === null) return NULL;
  if (typeof value === 'number') return NUMBER;
  if (typeof value === 'string') return STRING;
  return BOOL;
}
