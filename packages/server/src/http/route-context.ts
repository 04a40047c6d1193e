// What every route module receives: the core services, the auth hook and server settings.
import { ErrorBody } from '@teamset/contract';
import { Type } from 'typebox';
import type { Services } from '@teamset/core';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AuthenticateHook } from '../auth/authenticate.js';
import type { FailedAuthLimiter } from '../auth/failed-auth-limiter.js';

export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface RouteContext {
  services: Services;
  authenticate: AuthenticateHook;
  limiter: FailedAuthLimiter;
  /** Base URL people reach the server at, for links such as invitation URLs. */
  publicUrl: string | undefined;
}

export function baseUrlOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

/** Error responses documented on protected routes. */
export const PROTECTED_ERRORS = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  429: ErrorBody,
} as const;
export const SECURITY: Array<Record<string, string[]>> = [{ apiKey: [] }, { bearer: [] }, { session: [] }];

/** For routes that take no query string: a stray parameter is a client mistake (400 naming it), as unknown body fields are. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
