// GraphQL errors on the wire: service errors keep their message and code, anything unexpected becomes "Internal server error".
import { isAppError } from '@teamset/core';
import type { FastifyBaseLogger } from 'fastify';
import { GraphQLError } from 'graphql';

export interface WireError {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

/**
 * Syntax, validation and variable errors come without an original error and are the client's mistake
 * (BAD_REQUEST). A resolver's AppError says what went wrong in the service's own words. Any other thrown
 * value is a bug: logged, and never shown (it could carry SQL or a stack).
 */
export function toWireError(error: GraphQLError, log: FastifyBaseLogger): WireError {
  const where = {
    ...(error.locations ? { locations: [...error.locations] } : {}),
    ...(error.path ? { path: [...error.path] } : {}),
  };
  const original = error.originalError;
  if (original === undefined || original === null)
    return { message: error.message, ...where, extensions: { code: 'BAD_REQUEST' } };
  if (isAppError(original))
    return {
      message: original.message,
      ...where,
      extensions: { code: original.code, ...(original.details ? { details: original.details } : {}) },
    };
  // A GraphQLError thrown by our own code (e.g. a bad scalar) is a client-facing message too.
  if (original instanceof GraphQLError)
    return { message: original.message, ...where, extensions: { code: 'BAD_REQUEST' } };
  log.error({ err: original, path: error.path }, 'GraphQL resolver failed');
  return { message: 'Internal server error', ...where, extensions: { code: 'INTERNAL' } };
}

/** A request-level problem (not JSON, no query, over a limit) reported the GraphQL way: HTTP 200 with errors, no data. */
export function requestError(message: string, details?: Record<string, unknown>): { errors: WireError[] } {
  return { errors: [{ message, extensions: { code: 'BAD_REQUEST', ...(details ? { details } : {}) } }] };
}

/** Something failed outside any resolver (a bug, or the stack running out): logged, and answered without its text. */
export function internalError(error: unknown, log: FastifyBaseLogger): { errors: WireError[] } {
  log.error({ err: error }, 'GraphQL request failed');
  return { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }] };
}
