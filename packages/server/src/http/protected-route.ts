// Registers a contract route definition: protectedRoute adds authentication, the actor and the common errors; publicRoute neither.
import {
  ErrorBody,
  type RouteBody,
  type RouteDefinition,
  type RouteParams,
  type RouteQuery,
  type RouteResult,
} from '@teamset/contract';
import type { Actor } from '@teamset/core';
import type { FastifyReply, FastifyRequest, FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { actorOf } from '../auth/authenticate.js';
import type { RouteContext, TypedApp } from './route-context.js';

/** Error responses documented on protected routes. */
const PROTECTED_ERRORS = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  429: ErrorBody,
} as const;
const SECURITY: Array<Record<string, string[]>> = [{ apiKey: [] }, { bearer: [] }, { session: [] }];

/** For routes that take no query string: a stray parameter is a client mistake (400 naming it), as unknown body fields are. */
const NoQuery = Type.Object({}, { additionalProperties: false });

/** A request typed from the route's params, query string and body schemas. */
export type RouteRequest<R extends RouteDefinition> = FastifyRequest<{
  Params: RouteParams<R>;
  Querystring: RouteQuery<R>;
  Body: RouteBody<R>;
}>;

/** A handler answers with a success body, or sends through `reply` (status codes other than 200, headers, files). */
type Answer<R extends RouteDefinition> = RouteResult<R> | FastifyReply | void;

export type ProtectedHandler<R extends RouteDefinition> = (
  actor: Actor,
  request: RouteRequest<R>,
  reply: FastifyReply,
) => Answer<R> | Promise<Answer<R>>;

export type PublicHandler<R extends RouteDefinition> = (
  request: RouteRequest<R>,
  reply: FastifyReply,
) => Answer<R> | Promise<Answer<R>>;

/** Transport details that are the server's business, not the contract's. */
export interface RouteOptions {
  bodyLimit?: number;
  preValidation?: (request: FastifyRequest) => Promise<void>;
  validatorCompiler?: FastifySchemaCompiler<TSchema>;
  serializerCompiler?: FastifySerializerCompiler<unknown>;
  /** Also answer HEAD with this handler, instead of Fastify's derived HEAD (which runs GET and drops the body). */
  head?: true;
}

function schemaOf(route: RouteDefinition, errors: Readonly<Record<number, TSchema>>, security?: typeof SECURITY) {
  if (route.hidden) return { hide: true };
  return {
    ...(route.anyQuery ? {} : { querystring: route.querystring ?? NoQuery }),
    tags: [...route.tags],
    summary: route.summary,
    ...(route.description !== undefined ? { description: route.description } : {}),
    ...(route.consumes ? { consumes: [...route.consumes] } : {}),
    ...(security ? { security } : {}),
    ...(route.params ? { params: route.params } : {}),
    ...(route.body ? { body: route.body } : {}),
    response: { ...route.response, ...errors },
  };
}

function register(
  app: TypedApp,
  route: RouteDefinition,
  schema: ReturnType<typeof schemaOf>,
  options: RouteOptions,
  extra: { onRequest?: RouteContext['authenticate'] },
  handler: (request: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  const { head, ...fastifyOptions } = options;
  app.route({
    method: head ? [route.method, 'HEAD'] : route.method,
    url: route.path,
    ...extra,
    ...fastifyOptions,
    schema,
    handler: handler as never,
  });
}

/** A route that needs credentials: authentication first, the protected errors documented, the actor handed over. */
export function protectedRoute<R extends RouteDefinition>(
  app: TypedApp,
  ctx: RouteContext,
  route: R,
  handler: ProtectedHandler<R>,
  options: RouteOptions = {},
): void {
  if (route.access.kind === 'public') throw new Error(`${route.method} ${route.path} is public: use publicRoute`);
  register(
    app,
    route,
    schemaOf(route, PROTECTED_ERRORS, SECURITY),
    options,
    { onRequest: ctx.authenticate },
    (request, reply) => handler(actorOf(request), request as RouteRequest<R>, reply),
  );
}

/** A route reachable without credentials (health, sign-in, setup, accepting an invitation): its errors are all in its definition. */
export function publicRoute<R extends RouteDefinition>(
  app: TypedApp,
  route: R,
  handler: PublicHandler<R>,
  options: RouteOptions = {},
): void {
  if (route.access.kind !== 'public')
    throw new Error(`${route.method} ${route.path} needs credentials: use protectedRoute`);
  register(app, route, schemaOf(route, {}), options, {}, (request, reply) =>
    handler(request as RouteRequest<R>, reply),
  );
}
