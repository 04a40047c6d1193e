// The FiftyOne-compatible schema: every area's SDL in one document, with its resolvers attached to the built types.
import {
  GraphQLObjectType,
  GraphQLScalarType,
  buildSchema,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { COMMON_SDL, DATE_TIME_SCALAR } from './common.js';
import type { GraphQLContext, ResolverMap } from './context.js';
import { DATASETS_RESOLVERS, DATASETS_SDL } from './datasets.js';
import { GROUPS_RESOLVERS, GROUPS_SDL } from './groups.js';
import { INVITATIONS_RESOLVERS, INVITATIONS_SDL } from './invitations.js';
import { KEYS_RESOLVERS, KEYS_SDL } from './keys.js';
import { ORGANIZATION_RESOLVERS, ORGANIZATION_SDL } from './organization.js';
import { USERS_RESOLVERS, USERS_SDL } from './users.js';

const AREAS: ReadonlyArray<{ sdl: string; resolvers: ResolverMap }> = [
  { sdl: COMMON_SDL, resolvers: {} },
  { sdl: USERS_SDL, resolvers: USERS_RESOLVERS },
  { sdl: KEYS_SDL, resolvers: KEYS_RESOLVERS },
  { sdl: INVITATIONS_SDL, resolvers: INVITATIONS_RESOLVERS },
  { sdl: DATASETS_SDL, resolvers: DATASETS_RESOLVERS },
  { sdl: GROUPS_SDL, resolvers: GROUPS_RESOLVERS },
  { sdl: ORGANIZATION_SDL, resolvers: ORGANIZATION_RESOLVERS },
];

/** Builds the schema once per app; a resolver naming a type or field the SDL lacks is a startup error, not a silent no-op. */
export function buildTeamsetSchema(): GraphQLSchema {
  const schema = buildSchema(AREAS.map((a) => a.sdl).join('\n'));
  for (const { resolvers } of AREAS) {
    for (const [typeName, fields] of Object.entries(resolvers)) {
      const type = schema.getType(typeName);
      if (!(type instanceof GraphQLObjectType))
        throw new Error(`GraphQL resolvers for unknown object type ${typeName}`);
      const typeFields = type.getFields();
      for (const [fieldName, resolve] of Object.entries(fields)) {
        const field = typeFields[fieldName];
        if (!field) throw new Error(`GraphQL resolver for unknown field ${typeName}.${fieldName}`);
        field.resolve = resolve as unknown as GraphQLFieldResolver<unknown, GraphQLContext>;
      }
    }
  }
  const dateTime = schema.getType('DateTime');
  if (!(dateTime instanceof GraphQLScalarType)) throw new Error('GraphQL schema lacks the DateTime scalar');
  // buildSchema makes scalars that pass values through; this one formats timestamps the way FiftyOne's client parses them.
  Object.assign(dateTime, DATE_TIME_SCALAR);
  return schema;
}
