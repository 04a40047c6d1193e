// The expression AST (FiftyOne ViewExpression semantics, our own JSON): every node is an object with an explicit `op`.
import { Type, type TProperties, type TSchema } from 'typebox';
import { FIELD_PATH_MAX_LENGTH, FIELD_PATH_PATTERN } from './field-path.js';
import { OPERATOR_ARITY, OPERATOR_NAMES, type OperatorName } from './operators.js';

export type LiteralScalar = string | number | boolean | null;
export type LiteralValue = LiteralScalar | LiteralScalar[];

/** A field of the sample, by dotted path from the sample root: `{"op":"field","path":"ground_truth.label"}`. */
export interface FieldNode {
  op: 'field';
  path: string;
}

/**
 * The current element inside a per-element predicate (args[1] of filter/any/all, or a filter_labels
 * filter, where the element is the label). Without `path` it is the element itself; with one, a field
 * of it: `{"op":"elem","path":"confidence"}`. Always the innermost element: there is no way to name an
 * outer loop's element, as in FiftyOne's `$$this`.
 */
export interface ElemNode {
  op: 'elem';
  path?: string;
}

/** A constant. Arrays hold scalars only (no nesting), which is all `in`/`nin` and comparisons need. */
export interface LiteralNode {
  op: 'lit';
  value: LiteralValue;
}

/** Every other node: an operator from OPERATOR_ARITY applied to `args`. */
export interface OperatorNode<Op extends OperatorName = Exclude<OperatorName, 'matches'>> {
  op: Op;
  args: Expression[];
}

/** Regex match; `ignore_case` is the only flag, because it is the one both SQL dialects share. */
export interface MatchesNode {
  op: 'matches';
  args: [Expression, LiteralNode];
  ignore_case?: boolean;
}

export type Expression = FieldNode | ElemNode | LiteralNode | OperatorNode | MatchesNode;

// ---- TypeBox schema (structure only; limits, scoping and regex safety are checked by validateExpression) ----

const EXPRESSION_REF = 'Expression';

const ScalarSchema = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
const PathSchema = Type.String({ pattern: FIELD_PATH_PATTERN, maxLength: FIELD_PATH_MAX_LENGTH });

function operatorSchema(op: OperatorName): TSchema {
  const { min, max } = OPERATOR_ARITY[op];
  const args = Type.Array(
    Type.Ref(EXPRESSION_REF),
    max === null ? { minItems: min } : { minItems: min, maxItems: max },
  );
  const base = { op: Type.Literal(op), args };
  const properties: TProperties = op === 'matches' ? { ...base, ignore_case: Type.Optional(Type.Boolean()) } : base;
  return Type.Object(properties, { additionalProperties: false });
}

/** The recursive JSON schema of an expression node, for OpenAPI documents and cheap structural checks. */
export const ExpressionSchema = Type.Cyclic(
  {
    [EXPRESSION_REF]: Type.Union(
      [
        Type.Object({ op: Type.Literal('field'), path: PathSchema }, { additionalProperties: false }),
        Type.Object({ op: Type.Literal('elem'), path: Type.Optional(PathSchema) }, { additionalProperties: false }),
        Type.Object(
          { op: Type.Literal('lit'), value: Type.Union([ScalarSchema, Type.Array(ScalarSchema)]) },
          { additionalProperties: false },
        ),
        ...OPERATOR_NAMES.map(operatorSchema),
      ],
      { title: 'Expression', description: 'A view expression node; see docs for the operator list.' },
    ),
  },
  EXPRESSION_REF,
);
