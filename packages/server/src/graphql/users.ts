// Users over GraphQL: viewer (whoami), user(id:) by id or email, usersConnection paging, role changes and removal.
import type { Role, User } from '@teamset/contract';
import { pageInfo } from './common.js';
import { callerOf, type GraphQLContext, type ResolverMap } from './context.js';
import { nullIfNotFound } from './not-found-as-null.js';

export const USERS_SDL = /* GraphQL */ `
  type User {
    id: String!
    name: String!
    email: String!
    role: UserRole!
    """
    Null where the user is shown as a member or grantee, not as an account.
    """
    createdAt: DateTime
  }

  type UserEdge {
    cursor: String!
    node: User!
  }

  type UserConnection {
    pageInfo: PageInfo!
    edges: [UserEdge!]!
  }

  type Query {
    """
    The API key's user.
    """
    viewer: User!
    """
    A user by id or email (admins: anyone; others: themselves); null when there is no such user.
    """
    user(id: String!): User
    """
    Every user, oldest first (admins).
    """
    usersConnection(first: Int, after: String): UserConnection!
  }

  type Mutation {
    setUserRole(userId: String!, role: UserRole!): User
    """
    Deletes the user with their keys, sessions, grants and group memberships (admins).
    """
    removeUser(userId: String!): Boolean
  }
`;

/** A user as the GraphQL User type reads it: members and grantees carry no createdAt. */
export type UserSource = Pick<User, 'id' | 'email' | 'name' | 'role'> & { createdAt?: string };

function isCaller(context: GraphQLContext, ref: string): boolean {
  const me = callerOf(context);
  return ref === me.id || ref.trim().toLowerCase() === me.email;
}

export const USERS_RESOLVERS: ResolverMap = {
  Query: {
    viewer: (_source: unknown, _args: unknown, context: GraphQLContext) => callerOf(context),
    user: (_source: unknown, args: { id: string }, context: GraphQLContext) =>
      isCaller(context, args.id)
        ? callerOf(context)
        : nullIfNotFound(context.services.users.get(context.actor, args.id)),
    usersConnection: async (
      _source: unknown,
      args: { first?: number | null; after?: string | null },
      context: GraphQLContext,
    ) => {
      const page = await context.services.userPages.page(context.actor, args);
      return {
        pageInfo: pageInfo(
          { hasNextPage: page.hasNextPage, endCursor: page.endCursor, startCursor: page.users[0]?.cursor ?? null },
          args.after,
        ),
        edges: page.users.map(({ user, cursor }) => ({ cursor, node: user })),
      };
    },
  },
  Mutation: {
    setUserRole: (_source: unknown, args: { userId: string; role: Role }, context: GraphQLContext) =>
      context.services.users.setRole(context.actor, args.userId, args.role),
    removeUser: async (_source: unknown, args: { userId: string }, context: GraphQLContext) => {
      await context.services.users.delete(context.actor, args.userId);
      return true;
    },
  },
};
