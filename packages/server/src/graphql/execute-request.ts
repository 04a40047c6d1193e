// One GraphQL request, FiftyOne-style: every failure is an answer with `errors` (HTTP 200); a success has no `errors` key at all.
import { execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context.js';
import { internalError, requestError, toWireError, type WireError } from './errors.js';
import { limitProblem, nestingProblem, type GraphQLLimits } from './query-limits.js';

/** Bounds the parser's work on a hostile document (the body limit already bounds its size). */
const MAX_TOKENS = 20_000;

export type GraphQLResponse = { data?: unknown; errors?: WireError[] };

interface RequestBody {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/** The JSON body FiftyOne's client posts: `{"query", "variables"}`, variables possibly null. */
function readBody(raw: unknown): RequestBody | string {
  let body: unknown = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      return 'The request body is not valid JSON';
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return 'The request body must be a JSON object with a "query" string';
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '')
    return 'The request body must be a JSON object with a "query" string';
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
    return '"variables" must be a JSON object or null';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return '"operationName" must be a string or null';
  return {
    query,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: operationName ?? undefined,
  };
}

function failed(errors: readonly GraphQLError[], context: GraphQLContext): GraphQLResponse {
  return { errors: errors.map((e) => toWireError(e, context.log)) };
}

/**
 * Answers one request. Every step that could fail on a hostile document is guarded: bracket nesting before the
 * recursive parser, the depth and cost limits before execution; anything thrown outside a resolver is an
 * internal error whose text stays in the log.
 */
export async function executeRequest(
  schema: GraphQLSchema,
  raw: unknown,
  context: GraphQLContext,
  limits: GraphQLLimits,
): Promise<GraphQLResponse> {
  try {
    return await run(schema, raw, context, limits);
  } catch (error) {
    return internalError(error, context.log);
  }
}

async function run(
  schema: GraphQLSchema,
  raw: unknown,
  context: GraphQLContext,
  limits: GraphQLLimits,
): Promise<GraphQLResponse> {
  const body = readBody(raw);
  if (typeof body === 'string') return requestError(body);
  const tooDeep = nestingProblem(body.query, limits);
  if (tooDeep) return requestError(tooDeep.message, tooDeep.details);

  let document: DocumentNode;
  try {
    document = parse(body.query, { maxTokens: MAX_TOKENS });
  } catch (error) {
    if (error instanceof GraphQLError) return failed([error], context);
    throw error;
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return failed(invalid, context);
  const overLimit = limitProblem(schema, document, body.operationName, body.variables, limits);
  if (overLimit) return requestError(overLimit.message, overLimit.details);

  const result = await execute({
    schema,
    document,
    variableValues: body.variables,
    operationName: body.operationName,
    contextValue: context,
  });
  // Errors before execution (bad variables, no such operation) come without data; the spec says to leave it out then.
  if (result.errors && result.errors.length > 0)
    return {
      errors: result.errors.map((e) => toWireError(e, context.log)),
      ...('data' in result ? { data: result.data } : {}),
    };
  return { data: result.data };
}
