// F(...) and the free logic functions: the entry points for building view expressions, named as in FiftyOne.
import type { LiteralValue } from '@teamset/contract';
import { ViewExpression, type ExpressionLike } from './view-expression.js';

/** True when every expression is (FiftyOne's `F.all`/`&`); nested `and`s are flattened. */
export function and_(...expressions: ExpressionLike[]): ViewExpression {
  return ViewExpression.combine('and', expressions);
}

/** True when any expression is (FiftyOne's `F.any`/`|`). */
export function or_(...expressions: ExpressionLike[]): ViewExpression {
  return ViewExpression.combine('or', expressions);
}

export function not_(expression: ViewExpression): ViewExpression {
  return expression.not();
}

/** A constant expression, for when a literal must be the receiver: `lit(0.5).lt(F("uniqueness"))`. */
export function lit(value: LiteralValue): ViewExpression {
  return ViewExpression.lit(value);
}

function field(path?: string): ViewExpression {
  return ViewExpression.ref(path);
}

/**
 * `F("uniqueness").gt(0.5)`. Paths are dotted (`ground_truth.label`). Inside a predicate of
 * filter/any/all or filterLabels, `F()` is the current element and `F("x")` its field x; `F("$x")`
 * always names the sample's field x.
 */
export const F = Object.assign(field, { and: and_, or: or_, not: not_, lit });
