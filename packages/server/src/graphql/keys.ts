// API keys over GraphQL: a user's keys (no secrets), generateApiKey (the key string, once) and removeApiKey.
import type { ApiKey } from '@teamset/contract';
import { notFound } from '@teamset/core';
import { callerOf, type GraphQLContext, type ResolverMap } from './context.js';
import type { UserSource } from './users.js';

export const KEYS_SDL = /* GraphQL */ `
  type ApiKey {
    id: String!
    name: String!
    createdAt: DateTime!
    lastUsedAt: DateTime
    expiresAt: DateTime
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
    A key for userId (admins) or, when null, for the caller; it works at once.
    """
    generateApiKey(name: String!, userId: String): GeneratedApiKey
    """
    Deletes the key; with userId, only if it is that user's. The key is refused (401) from then on.
    """
    removeApiKey(keyId: String!, userId: String): Boolean
  }
`;

export const KEYS_RESOLVERS: ResolverMap = {
  User: {
    // FiftyOne knows no revoked keys: one revoked as leaked is left out, as a deleted key is (REST lists it with why).
    apiKeys: async (user: UserSource, _args: unknown, context: GraphQLContext): Promise<ApiKey[]> =>
      (await context.services.keys.list(context.actor, { user: user.id })).filter((k) => k.revokedAt === null),
  },
  Mutation: {
    generateApiKey: async (
      _source: unknown,
      args: { name: string; userId?: string | null },
      context: GraphQLContext,
    ) => {
      const { key, apiKey } = await context.services.keys.generate(context.actor, {
        name: args.name,
        ...(args.userId ? { user: args.userId } : {}),
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
