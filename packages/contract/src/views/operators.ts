// The closed operator catalogue of the expression language: each operator's arity and the role of its arguments.

/** How many `args` an operator takes; `max: null` means any number from `min` (bounded by the node limit). */
export interface OperatorArity {
  min: number;
  max: number | null;
}

const fixed = (n: number): OperatorArity => ({ min: n, max: n });

/**
 * Every operator that has `args`. The leaves (`field`, `elem`, `lit`) are not here: they carry a path or a
 * value instead of arguments. Kept as one table so the validator, the TypeBox schema and a later type
 * checker / SQL compiler all switch over the same names.
 */
export const OPERATOR_ARITY = {
  // comparison: [left, right]
  eq: fixed(2),
  ne: fixed(2),
  gt: fixed(2),
  gte: fixed(2),
  lt: fixed(2),
  lte: fixed(2),
  // membership: [value, {op:"lit", value:[...]}]
  in: fixed(2),
  nin: fixed(2),
  // logic
  and: { min: 1, max: null },
  or: { min: 1, max: null },
  not: fixed(1),
  // true when the value is present and not null
  exists: fixed(1),
  // arithmetic
  add: fixed(2),
  sub: fixed(2),
  mul: fixed(2),
  div: fixed(2),
  mod: fixed(2),
  abs: fixed(1),
  // [value] or [value, {op:"lit", value:<integer places>}]
  round: { min: 1, max: 2 },
  // strings
  starts_with: fixed(2),
  ends_with: fixed(2),
  // [string, substring] or [list, item]: which one is decided by the type of args[0] (schema pass)
  contains: fixed(2),
  // [string, {op:"lit", value:"<regex>"}]
  matches: fixed(2),
  lower: fixed(1),
  upper: fixed(1),
  strlen: fixed(1),
  // arrays
  length: fixed(1),
  // [list, predicate]; the predicate is evaluated per element and sees it as {op:"elem"}
  filter: fixed(2),
  any: fixed(2),
  all: fixed(2),
  // [condition, then, else]
  if_else: fixed(3),
} as const satisfies Record<string, OperatorArity>;

export type OperatorName = keyof typeof OPERATOR_ARITY;
export const OPERATOR_NAMES = Object.keys(OPERATOR_ARITY) as OperatorName[];

/** Operators whose args[1] is a predicate evaluated once per element of args[0]. */
export const ELEMENT_PREDICATE_OPERATORS = ['filter', 'any', 'all'] as const satisfies readonly OperatorName[];

export const LEAF_OPS = ['field', 'elem', 'lit'] as const;
export type LeafOp = (typeof LEAF_OPS)[number];
export type ExpressionOp = LeafOp | OperatorName;

export function isOperatorName(value: unknown): value is OperatorName {
  return typeof value === 'string' && Object.hasOwn(OPERATOR_ARITY, value);
}

export function isElementPredicateOperator(op: OperatorName): boolean {
  return (ELEMENT_PREDICATE_OPERATORS as readonly string[]).includes(op);
}

/** Bounds on `round`'s places, enough for any float and small enough to stay exact in both SQL dialects. */
export const ROUND_PLACES_MIN = -20;
export const ROUND_PLACES_MAX = 20;
