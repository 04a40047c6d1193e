// GraphQL's depth and cost limits, checked before an operation runs; a query over one is refused with an `errors` answer naming it.
import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { DEPTH_CAP, measureOperation } from './query-cost.js';
import { sourceNesting } from './source-nesting.js';

export interface GraphQLLimits {
  /** Most nested selection sets in one operation, fragments expanded (`{viewer{id}}` is 2). */
  maxDepth: number;
  /** Most estimated resolver calls in one operation (see query-cost.ts). */
  maxCost: number;
}

/**
 * Depth 16 lets a standard introspection query through (its type references nest 13 to 15 deep); cost 2,000
 * passes every operation FiftyOne's management client sends with room to spare, while
 * `viewer{userGroups{users{userGroups{users{userGroups{id}}}}}}` (about 10,000) is refused.
 */
export const DEFAULT_GRAPHQL_LIMITS: GraphQLLimits = { maxDepth: 16, maxCost: 2_000 };

/** Brackets may nest this much deeper than selection sets: variable types, argument lists and input objects add levels. */
const NESTING_SLACK = 8;
/** Field selections walked with fragments expanded; far above any real operation, it bounds the walk over a hostile one. */
export const MAX_SELECTIONS = 10_000;

export interface LimitProblem {
  message: string;
  details: { limit: 'depth' | 'cost' | 'selections'; max: number; measured: number };
}

/** Before parsing: a document whose brackets nest far past the depth limit, which the recursive parser must never see. */
export function nestingProblem(source: string, limits: GraphQLLimits): LimitProblem | undefined {
  const nesting = sourceNesting(source);
  const max = limits.maxDepth + NESTING_SLACK;
  if (nesting <= max) return undefined;
  return {
    message: `The query nests brackets ${nesting} levels deep; at most ${max} are allowed (the query depth limit is ${limits.maxDepth})`,
    details: { limit: 'depth', max: limits.maxDepth, measured: nesting },
  };
}

/** After validation: the operation that would run, measured against the limits. Undefined when it may run. */
export function limitProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  limits: GraphQLLimits,
): LimitProblem | undefined {
  const operation = getOperationAST(document, operationName);
  // No single operation to run: execute reports that.
  if (!operation) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const measured = measureOperation(schema, operation, fragments, variables ?? {}, MAX_SELECTIONS);
  if (measured.selections > MAX_SELECTIONS) {
    return {
      message: `The query selects more than ${MAX_SELECTIONS} fields once its fragments are expanded`,
      details: { limit: 'selections', max: MAX_SELECTIONS, measured: measured.selections },
    };
  }
  if (measured.depth > limits.maxDepth) {
    const depth = measured.depth > DEPTH_CAP ? `more than ${DEPTH_CAP}` : String(measured.depth);
    return {
      message: `The query is ${depth} levels deep; the limit is ${limits.maxDepth}`,
      details: { limit: 'depth', max: limits.maxDepth, measured: measured.depth },
    };
  }
  if (measured.cost > limits.maxCost) {
    const cost = Math.min(Math.ceil(measured.cost), Number.MAX_SAFE_INTEGER);
    return {
      message: `The query's estimated cost is ${cost}; the limit is ${limits.maxCost} (each resolver call counts 1, multiplied by the size of every list above it)`,
      details: { limit: 'cost', max: limits.maxCost, measured: cost },
    };
  }
  return undefined;
}
