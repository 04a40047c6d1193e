// The static types of view expressions: what the schema pass infers for every node and the compiler reads back.
import { isLabelClass, listElementType, type FieldType } from '@teamset/contract';

/** A scalar kind the SQL compiler can extract, compare and bind. */
export type ScalarKind = 'number' | 'string' | 'bool';

/**
 * Expression types. `any` is a value whose type the schema does not track (inside dicts, unknown metadata
 * keys): it fits wherever a scalar is expected and is extracted with a type guard. `null` is the literal.
 * Lists carry the schema path of their elements (`ground_truth.detections`) so `elem` paths resolve.
 */
export type ExprType =
  | { kind: ScalarKind }
  | { kind: 'null' }
  | { kind: 'any' }
  | { kind: 'object'; labelClass?: string }
  | { kind: 'list'; element: ExprType; elementPath?: string };

export const NUMBER: ExprType = { kind: 'number' };
export const STRING: ExprType = { kind: 'string' };
export const BOOL: ExprType = { kind: 'bool' };
export const NULL: ExprType = { kind: 'null' };
export const ANY: ExprType = { kind: 'any' };

export function isScalarKind(kind: ExprType['kind']): kind is ScalarKind {
  return kind === 'number' || kind === 'string' || kind === 'bool';
}

/** The expression type of a schema field type; `elementPath` is the schema path of the field, for its list elements. */
export function fromFieldType(type: FieldType, elementPath?: string): ExprType {
  if (type === 'int' || type === 'float') return NUMBER;
  if (type === 'string') return STRING;
  if (type === 'bool') return BOOL;
  if (type === 'any') return ANY;
  if (type === 'dict') return { kind: 'object' };
  const element = listElementType(type);
  if (element !== undefined) {
    // Labels and dicts inside a list have attributes reached through the list's schema path.
    const hasAttributes = element === 'dict' || element === 'any' || isLabelClass(element);
    return {
      kind: 'list',
      element: fromFieldType(element),
      ...(hasAttributes && elementPath !== undefined ? { elementPath } : {}),
    };
  }
  return { kind: 'object', labelClass: type };
}

/** `a number`, `a list of strings`, … for problem messages. */
export function describeType(type: ExprType): string {
  switch (type.kind) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'bool':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'any':
      return 'an untyped value';
    case 'object':
      return type.labelClass ? `a ${type.labelClass} label` : 'a dict';
    case 'list':
      return `a list of ${describeType(type.element).replace(/^an? /, '')}${type.element.kind === 'list' ? '' : 's'}`;
  }
}

/**
 * The common scalar kind of two operands that are compared or combined, `null` when either side is the null
 * literal and the other scalar, or undefined when they do not fit (different kinds, lists, objects, any vs any).
 */
export function commonScalar(a: ExprType, b: ExprType): ScalarKind | 'null' | undefined {
  if (a.kind === 'null' && b.kind === 'null') return 'null';
  if (a.kind === 'null') return isScalarKind(b.kind) ? b.kind : b.kind === 'any' ? 'null' : undefined;
  if (b.kind === 'null') return commonScalar(b, a);
  if (a.kind === 'any' && isScalarKind(b.kind)) return b.kind;
  if (b.kind === 'any' && isScalarKind(a.kind)) return a.kind;
  if (isScalarKind(a.kind) && a.kind === b.kind) return a.kind;
  return undefined;
}

/** True when a value of type `value` can stand where `expected` is needed (scalars only; any and null fit). */
export function fitsScalar(value: ExprType, expected: ScalarKind): boolean {
  return value.kind === expected || value.kind === 'any' || value.kind === 'null';
}
