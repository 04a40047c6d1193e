// Validates an expression without a schema: shape, operator names, arity, scoping of `elem`, literals, regex and limits.
import { fieldPathProblem } from './field-path.js';
import { DEFAULT_VIEW_LIMITS, type ViewLimits } from './limits.js';
import {
  OPERATOR_ARITY,
  ROUND_PLACES_MAX,
  ROUND_PLACES_MIN,
  isElementPredicateOperator,
  isOperatorName,
  type OperatorName,
} from './operators.js';
import { indexPath, keyPath, type ViewProblem } from './problem.js';
import { regexProblem } from './regex/index.js';

/** Shared by every expression of one view, so the node limit counts the whole view. */
export interface ExpressionWalk {
  limits: ViewLimits;
  problems: ViewProblem[];
  nodes: number;
  /** Set once the node limit is hit: reported once, and the rest of the view is not walked. */
  overNodeLimit: boolean;
}

export function newExpressionWalk(limits: ViewLimits): ExpressionWalk {
  return { limits, problems: [], nodes: 0, overNodeLimit: false };
}

export interface ValidateExpressionOptions {
  /** Path of the expression inside its view, prefixed to every problem (default: empty). */
  path?: string;
  /** True where `elem` is meaningful: a filter_labels filter (the element is the label). */
  elementScope?: boolean;
}

/** Problems in one expression (empty when valid). For whole views use validateView, which also counts nodes across stages. */
export function validateExpression(
  expr: unknown,
  limits: ViewLimits = DEFAULT_VIEW_LIMITS,
  options: ValidateExpressionOptions = {},
): ViewProblem[] {
  const walk = newExpressionWalk(limits);
  walkExpression(expr, options.path ?? '', options.elementScope ?? false, walk);
  return walk.problems;
}

export function walkExpression(expr: unknown, path: string, elementScope: boolean, walk: ExpressionWalk): void {
  visit(expr, path, 1, elementScope, walk);
}

const LEAF_KEYS = { field: ['op', 'path'], elem: ['op', 'path'], lit: ['op', 'value'] } as const;

function visit(node: unknown, path: string, depth: number, elementScope: boolean, walk: ExpressionWalk): void {
  if (walk.overNodeLimit) return;
  const { limits, problems } = walk;
  const report = (at: string, message: string): void => void problems.push({ path: at, message });
  if (depth > limits.maxDepth) return report(path, `expression is nested deeper than ${limits.maxDepth} levels`);
  walk.nodes += 1;
  if (walk.nodes > limits.maxNodes) {
    walk.overNodeLimit = true;
    return report(path, `view has more than ${limits.maxNodes} expression nodes`);
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    return report(
      path,
      `expected an expression object like {"op": "field", "path": "..."}; literals are {"op": "lit", "value": ...}`,
    );
  }
  const record = node as Record<string, unknown>;
  const op = record['op'];
  if (typeof op !== 'string') return report(path, 'missing "op"');
  if (op === 'field' || op === 'elem' || op === 'lit') {
    checkKeys(record, LEAF_KEYS[op], op, path, report);
    if (op === 'lit') return checkLiteral(record['value'], keyPath(path, 'value'), walk);
    if (op === 'elem' && !elementScope) {
      report(
        path,
        '"elem" is the current list element; it is only valid inside filter/any/all predicates and filter_labels filters',
      );
    }
    if (op === 'field' || record['path'] !== undefined) {
      const problem = fieldPathProblem(record['path']);
      if (problem) report(keyPath(path, 'path'), problem);
    }
    return;
  }
  if (!isOperatorName(op)) return report(path, `unknown operator ${JSON.stringify(op)}`);
  checkKeys(record, op === 'matches' ? ['op', 'args', 'ignore_case'] : ['op', 'args'], op, path, report);
  if (op === 'matches' && record['ignore_case'] !== undefined && typeof record['ignore_case'] !== 'boolean') {
    report(keyPath(path, 'ignore_case'), 'expected a boolean');
  }
  const args = record['args'];
  const argsPath = keyPath(path, 'args');
  if (!Array.isArray(args)) return report(argsPath, `operator "${op}" needs an "args" array`);
  const arityProblem = arityMessage(op, args.length);
  if (arityProblem) return report(argsPath, arityProblem);
  args.forEach((arg: unknown, i) => {
    // args[1] of filter/any/all runs once per element of args[0]: elem refers to that element there.
    const argScope = i === 1 && isElementPredicateOperator(op) ? true : elementScope;
    visit(arg, indexPath(argsPath, i), depth + 1, argScope, walk);
  });
  checkSpecialArgs(op, args, argsPath, walk);
}

function arityMessage(op: OperatorName, count: number): string | undefined {
  const { min, max } = OPERATOR_ARITY[op];
  if (count >= min && (max === null || count <= max)) return undefined;
  const expected = max === null ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
  const plural = max === 1 || (max === null && min === 1) ? '' : 's';
  return `operator "${op}" takes ${expected} argument${plural}, got ${count}`;
}

function checkKeys(
  record: Record<string, unknown>,
  allowed: readonly string[],
  op: string,
  path: string,
  report: (at: string, message: string) => void,
): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) report(keyPath(path, key), `unknown key ${JSON.stringify(key)} for operator "${op}"`);
  }
}

/** Arguments that must be literals because the compiler binds them as parameters (lists, regexes, places). */
function checkSpecialArgs(op: OperatorName, args: unknown[], argsPath: string, walk: ExpressionWalk): void {
  const report = (at: string, message: string): void => void walk.problems.push({ path: at, message });
  const second = args[1] as Record<string, unknown> | undefined;
  const secondPath = indexPath(argsPath, 1);
  const literalValue = isLiteralNode(second) ? second['value'] : undefined;
  if (op === 'in' || op === 'nin') {
    if (!Array.isArray(literalValue))
      report(secondPath, `"${op}" needs a list literal {"op": "lit", "value": [...]} here`);
  } else if (op === 'matches') {
    if (typeof literalValue !== 'string') return report(secondPath, '"matches" needs a string literal regex here');
    const problem = regexProblem(literalValue, walk.limits.maxRegexLength);
    if (problem) report(keyPath(secondPath, 'value'), problem);
  } else if (op === 'round' && args.length === 2) {
    const ok =
      Number.isInteger(literalValue) &&
      (literalValue as number) >= ROUND_PLACES_MIN &&
      (literalValue as number) <= ROUND_PLACES_MAX;
    if (!ok)
      report(secondPath, `"round" places must be an integer literal from ${ROUND_PLACES_MIN} to ${ROUND_PLACES_MAX}`);
  }
}

function isLiteralNode(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && (node as Record<string, unknown>)['op'] === 'lit';
}

function checkLiteral(value: unknown, path: string, walk: ExpressionWalk): void {
  const report = (at: string, message: string): void => void walk.problems.push({ path: at, message });
  if (value === undefined) return report(path, 'missing "value"');
  if (!Array.isArray(value)) {
    const problem = scalarProblem(value, walk.limits);
    if (problem) report(path, problem);
    return;
  }
  const max = walk.limits.maxInListLength;
  if (value.length > max) return report(path, `list literal has ${value.length} items; the limit is ${max}`);
  value.forEach((item: unknown, i) => {
    const problem = Array.isArray(item) ? 'nested lists are not allowed in literals' : scalarProblem(item, walk.limits);
    if (problem) report(indexPath(path, i), problem);
  });
}

function scalarProblem(value: unknown, limits: ViewLimits): string | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'numbers must be finite';
  if (typeof value === 'string') {
    return value.length > limits.maxStringLength
      ? `string literal is longer than ${limits.maxStringLength} characters`
      : undefined;
  }
  return 'a literal must be a string, number, boolean, null or a list of those';
}
