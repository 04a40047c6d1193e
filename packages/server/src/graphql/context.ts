// What every resolver receives: the key's user as an actor, the core services, and where invitation links point.
import type { Actor, Services } from '@teamset/core';
import type { FastifyBaseLogger } from 'fastify';

export interface GraphQLContext {
  /** The authenticated caller: every resolver acts as this user, under the same rules as the JSON API. */
  actor: Actor;
  services: Services;
  /** Base URL of the web app, for the accept link of a new invitation. */
  acceptUrlBase: string;
  log: FastifyBaseLogger;
}

/** A field resolver; `never` parameters let resolvers of any source and argument shape sit in one map. */
export type Resolver = (source: never, args: never, context: GraphQLContext) => unknown;

/** Resolvers by type name, then field name; fields without one read the source's property of the same name. */
export type ResolverMap = Record<string, Record<string, Resolver>>;

/** The caller's user: GraphQL is reached only through the authenticate hook, so there always is one. */
export function callerOf(context: GraphQLContext): Extract<Actor, { kind: 'user' }>['user'] {
  if (context.actor.kind !== 'user') throw new Error('GraphQL needs a signed-in caller');
  return context.actor.user;
}
