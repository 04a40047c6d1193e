// What every route module receives: the core services, the auth hook and server settings.
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
