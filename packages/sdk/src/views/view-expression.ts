// ViewExpression: FiftyOne's F(...) expression as an immutable builder that emits the contract's expression AST.
import type { Expression, LiteralScalar, LiteralValue, OperatorName } from '@teamset/contract';

/**
 * Where an expression is resolved. `F("x")` means the sample's field `x` at the top level, and the
 * current element's field `x` inside a per-element predicate (filter/any/all, filterLabels), as in
 * FiftyOne. `F()` is the element itself; a `$` prefix (`F("$x")`) always means the sample's field.
 */
export type ExpressionScope = 'sample' | 'element';
type Resolver = (scope: ExpressionScope) => Expression;

/** What builder methods accept as an operand: another expression or a literal (scalar or list of scalars). */
export type ExpressionLike = ViewExpression | LiteralValue;

export interface MatchesOptions {
  ignoreCase?: boolean;
}

export class ViewExpression {
  // Resolution is deferred until the scope is known (toJSON vs. use as a predicate), so F("x") can mean either.
  readonly #resolve: Resolver;

  private constructor(resolve: Resolver) {
    this.#resolve = resolve;
    Object.freeze(this);
  }

  /** `F(path)`; see ExpressionScope for how the path is read. */
  static ref(path?: string): ViewExpression {
    if (path !== undefined && typeof path !== 'string') throw new TypeError('F(path): path must be a string');
    if (path?.startsWith('$')) {
      const root = path.slice(1);
      return new ViewExpression(() => ({ op: 'field', path: root }));
    }
    return new ViewExpression((scope) => {
      if (scope === 'element') return path === undefined ? { op: 'elem' } : { op: 'elem', path };
      if (path === undefined) {
        throw new TypeError(
          'F() with no path is the current list element: use it inside filter/any/all or filterLabels',
        );
      }
      return { op: 'field', path };
    });
  }

  /** A constant; lists are copied now so later changes to the caller's array do not leak into the view. */
  static lit(value: LiteralValue): ViewExpression {
    const frozen = literalCopy(value);
    return new ViewExpression(() => ({ op: 'lit', value: Array.isArray(frozen) ? [...frozen] : frozen }));
  }

  static from(value: ExpressionLike): ViewExpression {
    return value instanceof ViewExpression ? value : ViewExpression.lit(value);
  }

  /** Joins expressions with `and`/`or`, flattening nested ones of the same op so chains do not deepen the tree. */
  static combine(op: 'and' | 'or', operands: readonly ExpressionLike[]): ViewExpression {
    if (operands.length === 0) throw new TypeError(`${op} needs at least one expression`);
    const parts = operands.map(ViewExpression.from);
    return new ViewExpression((scope) => ({
      op,
      args: parts.flatMap((part) => {
        const node = part.#resolve(scope);
        return node.op === op && 'args' in node ? node.args : [node];
      }),
    }));
  }

  /** The AST with field references relative to the sample: what a `match` or `sort_by` stage carries. */
  toJSON(): Expression {
    return this.#resolve('sample');
  }

  /** The AST with field references relative to the current element: what a `filter_labels` filter carries. */
  toElementJSON(): Expression {
    return this.#resolve('element');
  }

  eq(other: ExpressionLike): ViewExpression {
    return this.#apply('eq', other);
  }
  ne(other: ExpressionLike): ViewExpression {
    return this.#apply('ne', other);
  }
  gt(other: ExpressionLike): ViewExpression {
    return this.#apply('gt', other);
  }
  gte(other: ExpressionLike): ViewExpression {
    return this.#apply('gte', other);
  }
  lt(other: ExpressionLike): ViewExpression {
    return this.#apply('lt', other);
  }
  lte(other: ExpressionLike): ViewExpression {
    return this.#apply('lte', other);
  }

  isIn(values: readonly LiteralScalar[]): ViewExpression {
    return this.#apply('in', ViewExpression.#list('isIn', values));
  }
  notIn(values: readonly LiteralScalar[]): ViewExpression {
    return this.#apply('nin', ViewExpression.#list('notIn', values));
  }

  /** Present and not null; `exists(false)` is absent or null. */
  exists(bool = true): ViewExpression {
    const exists = this.#apply('exists');
    return bool ? exists : exists.not();
  }

  and(...others: ExpressionLike[]): ViewExpression {
    return ViewExpression.combine('and', [this, ...others]);
  }
  or(...others: ExpressionLike[]): ViewExpression {
    return ViewExpression.combine('or', [this, ...others]);
  }
  not(): ViewExpression {
    return this.#apply('not');
  }

  add(other: ExpressionLike): ViewExpression {
    return this.#apply('add', other);
  }
  sub(other: ExpressionLike): ViewExpression {
    return this.#apply('sub', other);
  }
  mul(other: ExpressionLike): ViewExpression {
    return this.#apply('mul', other);
  }
  div(other: ExpressionLike): ViewExpression {
    return this.#apply('div', other);
  }
  mod(other: ExpressionLike): ViewExpression {
    return this.#apply('mod', other);
  }
  abs(): ViewExpression {
    return this.#apply('abs');
  }
  /** Rounds to `places` decimals (negative rounds to tens, hundreds...); FiftyOne's round(place). */
  round(places?: number): ViewExpression {
    if (places === undefined) return this.#apply('round');
    if (!Number.isInteger(places)) throw new TypeError('round(places): places must be an integer');
    return this.#apply('round', places);
  }

  startsWith(prefix: ExpressionLike): ViewExpression {
    return this.#apply('starts_with', prefix);
  }
  endsWith(suffix: ExpressionLike): ViewExpression {
    return this.#apply('ends_with', suffix);
  }
  /** Substring test on a string, membership test on a list: the server decides from the field's type. */
  contains(value: ExpressionLike): ViewExpression {
    return this.#apply('contains', value);
  }
  /** Regex match (FiftyOne's re_match) in the view regex syntax (docs/datasets.md). A RegExp may carry the `i` flag only. */
  matches(regex: string | RegExp, options: MatchesOptions = {}): ViewExpression {
    let pattern = regex;
    let ignoreCase = options.ignoreCase ?? false;
    if (regex instanceof RegExp) {
      if (/[^i]/.test(regex.flags))
        throw new TypeError(`matches(): only the "i" flag is supported, got "${regex.flags}"`);
      pattern = regex.source;
      ignoreCase ||= regex.flags.includes('i');
    }
    if (typeof pattern !== 'string') throw new TypeError('matches(): regex must be a string or RegExp');
    const source = pattern;
    return new ViewExpression((scope) => ({
      op: 'matches',
      args: [this.#resolve(scope), { op: 'lit', value: source }],
      ...(ignoreCase ? { ignore_case: true } : {}),
    }));
  }
  lower(): ViewExpression {
    return this.#apply('lower');
  }
  upper(): ViewExpression {
    return this.#apply('upper');
  }
  strlen(): ViewExpression {
    return this.#apply('strlen');
  }

  /** Number of items of a list. */
  length(): ViewExpression {
    return this.#apply('length');
  }
  /** The items for which `predicate` is true; inside it F() is the item and F("x") its field x. */
  filter(predicate: ViewExpression): ViewExpression {
    return this.#perElement('filter', predicate);
  }
  any(predicate: ViewExpression): ViewExpression {
    return this.#perElement('any', predicate);
  }
  all(predicate: ViewExpression): ViewExpression {
    return this.#perElement('all', predicate);
  }

  /** `this ? then : otherwise`, with this expression as the condition. */
  ifElse(then: ExpressionLike, otherwise: ExpressionLike): ViewExpression {
    return this.#apply('if_else', then, otherwise);
  }

  #apply(op: Exclude<OperatorName, 'matches'>, ...operands: ExpressionLike[]): ViewExpression {
    const rest = operands.map(ViewExpression.from);
    return new ViewExpression((scope) => ({ op, args: [this.#resolve(scope), ...rest.map((e) => e.#resolve(scope))] }));
  }

  #perElement(op: 'filter' | 'any' | 'all', predicate: ViewExpression): ViewExpression {
    if (!(predicate instanceof ViewExpression))
      throw new TypeError(`${op}(): the predicate must be an expression built with F`);
    return new ViewExpression((scope) => ({ op, args: [this.#resolve(scope), predicate.#resolve('element')] }));
  }

  static #list(method: string, values: readonly LiteralScalar[]): ViewExpression {
    if (!Array.isArray(values)) throw new TypeError(`${method}(): expected a list of values`);
    return ViewExpression.lit(values as LiteralScalar[]);
  }
}

function literalCopy(value: LiteralValue): LiteralValue {
  if (Array.isArray(value)) {
    value.forEach(assertScalar);
    return Object.freeze([...value]) as LiteralScalar[];
  }
  assertScalar(value);
  return value;
}

function assertScalar(value: unknown): void {
  const ok =
    value === null ||
    ['string', 'boolean'].includes(typeof value) ||
    (typeof value === 'number' && Number.isFinite(value));
  if (!ok)
    throw new TypeError(
      `not a literal: ${String(value)} (use a string, finite number, boolean, null, a list of those, or F(...))`,
    );
}
