// API keys over GraphQL: a user's keys (no secrets), generateApiKey (the key string, once) and removeApiKey.
import type { ApiKey, KeyScopePermission } from '@teamset/contract';
import { notFound } from '@teamset/core';
import { callerOf, type GraphQLContext, type ResolverMap } from './context.js';
import type { UserSource } from './users.js';

export const KEYS_SDL = /* GraphQL */ `
  """
  What a key may do beyond its user: null / false everywhere is an unscoped key (its user's full power).
  """
  type ApiKeyScope {
    "VIEW, TAG or EDIT: the highest dataset permission the key carries."
    maxPermission: String
    "Names of the only datasets the key reaches; null: all its user reaches."
    datasets: [String!]
    "The key may read but not change keys, users, groups, permissions or settings."
    readOnlyManagement: Boolean!
  }

  type ApiKey {
    id: String!
    name: String!
    createdAt: DateTime!
    lastUsedAt: DateTime
    expiresAt: DateTime
    scope: ApiKeyScope!
  }

  """
  A new key: key is the plaintext, shown in this answer only.
  """
  type GeneratedApiKey {
    key: String!
    id: String!
    name: String!
    createdAt: DateTime!
  }

  extend type User {
    """
    The user's keys, without secrets (admins: anyone's; others: their own).
    """
    apiKeys: [ApiKey!]!
  }

  extend type Mutation {
    """
    A key for userId (admins) or, when null, for the caller; it works at once. The scope arguments are optional
    (FiftyOne sends none): a key made without them carries its user's full power.
    """
    generateApiKey(
      name: String!
      userId: String
      maxPermission: String
      datasets: [String!]
      readOnlyManagement: Boolean
    ): GeneratedApiKey
    """
    Deletes the key; with userId, only if it is that user's. The key is refused (401) from then on.
    """
    removeApiKey(keyId: String!, userId: String): Boolean
  }
`;

export const KEYS_RESOLVERS: ResolverMap = {
  ApiKey: {
    scope: (key: ApiKey) => ({
      maxPermission: key.scope.maxPermission,
      datasets: key.scope.datasets && key.scope.datasets.map((d) => d.name),
      readOnlyManagement: key.scope.readOnlyManagement,
    }),
  },
  User: {
    // FiftyOne knows no revoked keys: one revoked as leaked is left out, as a deleted key is (REST lists it with why).
    apiKeys: async (user: UserSource, _args: unknown, context: GraphQLContext): Promise<ApiKey[]> =>
      (await context.services.keys.list(context.actor, { user: user.id })).filter((k) => k.revokedAt === null),
  },
  Mutation: {
    generateApiKey: async (
      _source: unknown,
      args: {
        name: string;
        userId?: string | null;
        maxPermission?: string | null;
        datasets?: string[] | null;
        readOnlyManagement?: boolean | null;
      },
      context: GraphQLContext,
    ) => {
      // Core checks the permission's value; the cast only carries it there.
      const { key, apiKey } = await context.services.keys.generate(context.actor, {
        name: args.name,
        ...(args.userId ? { user: args.userId } : {}),
        ...(args.maxPermission ? { maxPermission: args.maxPermission as KeyScopePermission } : {}),
        ...(args.datasets ? { datasets: args.datasets } : {}),
        ...(args.readOnlyManagement ? { readOnlyManagement: true } : {}),
      });
      return { key, id: apiKey.id, name: apiKey.name, createdAt: apiKey.createdAt };
    },
    removeApiKey: async (
      _source: unknown,
      args: { keyId: string; userId?: string | null },
      context: GraphQLContext,
    ) => {
      const me = callerOf(context);
      const forSomeoneElse =
        args.userId !== null &&
        args.userId !== undefined &&
        args.userId !== me.id &&
        args.userId.trim().toLowerCase() !== me.email;
      // Naming the owner guards against revoking another user's key by a mistyped id (their keys: admins only).
      if (
        forSomeoneElse &&
        !(await context.services.keys.list(context.actor, { user: args.userId ?? '' })).some((k) => k.id === args.keyId)
      ) {
        throw notFound('That user has no API key with that id');
      }
      await context.services.keys.delete(context.actor, args.keyId);
      return true;
    },
  },
};
