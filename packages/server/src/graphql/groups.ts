// User groups over GraphQL: read, create, rename, fill and delete groups (admins), a user's groups, and a dataset's group grants.
import type { Dataset, DatasetGroupPermission, DatasetPermission, UserGroup } from '@teamset/contract';
import type { GraphQLContext, ResolverMap } from './context.js';
import { datasetAfter, takeFirst } from './datasets.js';
import { nullIfNotFound } from './not-found-as-null.js';
import type { UserSource } from './users.js';

export const GROUPS_SDL = /* GraphQL */ `
  type UserGroup {
    id: String!
    name: String!
    description: String
    users: [User!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  """
  A group's explicit grant on a dataset.
  """
  type DatasetUserGroup {
    id: String!
    name: String!
    description: String
    permission: DatasetPermission!
    users: [User!]!
  }

  extend type User {
    """
    The groups the user is in (admins: anyone's; others: their own).
    """
    userGroups: [UserGroup!]!
  }

  extend type Dataset {
    """
    Groups with a grant on the dataset, by name (MANAGE).
    """
    userGroups(first: Int): [DatasetUserGroup!]!
    """
    One group's grant (MANAGE); null when the group has none.
    """
    userGroup(identifier: String!): DatasetUserGroup
  }

  extend type Query {
    """
    A group by id or name; null when there is none (admins: any group; others: groups they are in).
    """
    userGroup(identifier: String!): UserGroup
    """
    Groups by name: every group for admins, the caller's own for anyone else.
    """
    userGroups(first: Int): [UserGroup!]!
  }

  extend type Mutation {
    createUserGroup(name: String!, description: String, userIds: [String!]): UserGroup
    """
    Null arguments stay as they are.
    """
    updateUserGroupInfo(identifier: String!, name: String, description: String): UserGroup
    """
    Null arguments stay as they are; userIds replaces the membership.
    """
    updateUserGroup(identifier: String!, name: String, description: String, userIds: [String!]): UserGroup
    addUserGroupUsers(userGroupIdentifier: String!, userIds: [String!]!): UserGroup
    removeUserGroupUsers(userGroupIdentifier: String!, userIds: [String!]!): UserGroup
    """
    Deletes the group with its memberships and grants; members lose what it gave them at once.
    """
    deleteUserGroup(userGroupIdentifier: String!): Boolean
    setDatasetUserGroupPermission(
      datasetIdentifier: String!
      userGroupIdentifier: String!
      permission: DatasetPermission!
    ): Dataset
    removeDatasetUserGroupPermission(datasetIdentifier: String!, userGroupIdentifier: String!): Dataset
  }
`;

interface UpdateArgs {
  identifier: string;
  name?: string | null;
  description?: string | null;
  userIds?: string[] | null;
}

function updateGroup(context: GraphQLContext, args: UpdateArgs): Promise<UserGroup> {
  return context.services.groups.update(context.actor, args.identifier, {
    ...(args.name !== null && args.name !== undefined ? { name: args.name } : {}),
    ...(args.description !== null && args.description !== undefined ? { description: args.description } : {}),
    ...(args.userIds !== null && args.userIds !== undefined ? { users: args.userIds } : {}),
  });
}

type DatasetGroupSource = DatasetGroupPermission['group'] & { permission: DatasetPermission };

export const GROUPS_RESOLVERS: ResolverMap = {
  User: {
    userGroups: (user: UserSource, _args: unknown, context: GraphQLContext) =>
      context.services.groups.listForUser(context.actor, user.id),
  },
  DatasetUserGroup: {
    // The dataset's manager may see who a granted group reaches (they see those users in Dataset.users too).
    users: async (group: DatasetGroupSource, _args: unknown, context: GraphQLContext) =>
      (await context.services.groups.store.membersOf([group.id])).get(group.id) ?? [],
  },
  Dataset: {
    userGroups: async (
      dataset: Dataset,
      args: { first?: number | null },
      context: GraphQLContext,
    ): Promise<DatasetGroupSource[]> =>
      takeFirst(await context.services.datasetPermissions.listGroups(context.actor, dataset.name), args.first).map(
        (g) => ({ ...g.group, permission: g.permission }),
      ),
    userGroup: async (
      dataset: Dataset,
      args: { identifier: string },
      context: GraphQLContext,
    ): Promise<DatasetGroupSource | null> => {
      const found = await nullIfNotFound(
        context.services.datasetPermissions.findGroup(context.actor, dataset.name, args.identifier),
      );
      if (found === null || found.permission === undefined) return null;
      return {
        id: found.group.id,
        name: found.group.name,
        description: found.group.description,
        permission: found.permission,
      };
    },
  },
  Query: {
    userGroup: (_source: unknown, args: { identifier: string }, context: GraphQLContext) =>
      nullIfNotFound(context.services.groups.get(context.actor, args.identifier)),
    userGroups: (_source: unknown, args: { first?: number | null }, context: GraphQLContext) =>
      context.services.groups.list(
        context.actor,
        args.first === null || args.first === undefined ? {} : { limit: args.first },
      ),
  },
  Mutation: {
    createUserGroup: (
      _source: unknown,
      args: { name: string; description?: string | null; userIds?: string[] | null },
      context: GraphQLContext,
    ) =>
      context.services.groups.create(context.actor, {
        name: args.name,
        description: args.description ?? null,
        ...(args.userIds ? { users: args.userIds } : {}),
      }),
    updateUserGroupInfo: (_source: unknown, args: UpdateArgs, context: GraphQLContext) =>
      updateGroup(context, {
        identifier: args.identifier,
        name: args.name ?? null,
        description: args.description ?? null,
      }),
    updateUserGroup: (_source: unknown, args: UpdateArgs, context: GraphQLContext) => updateGroup(context, args),
    addUserGroupUsers: (
      _source: unknown,
      args: { userGroupIdentifier: string; userIds: string[] },
      context: GraphQLContext,
    ) => context.services.groups.addUsers(context.actor, args.userGroupIdentifier, args.userIds),
    removeUserGroupUsers: (
      _source: unknown,
      args: { userGroupIdentifier: string; userIds: string[] },
      context: GraphQLContext,
    ) => context.services.groups.removeUsers(context.actor, args.userGroupIdentifier, args.userIds),
    deleteUserGroup: async (_source: unknown, args: { userGroupIdentifier: string }, context: GraphQLContext) => {
      await context.services.groups.delete(context.actor, args.userGroupIdentifier);
      return true;
    },
    setDatasetUserGroupPermission: async (
      _source: unknown,
      args: { datasetIdentifier: string; userGroupIdentifier: string; permission: DatasetPermission },
      context: GraphQLContext,
    ) => {
      const before = await context.services.datasets.get(context.actor, args.datasetIdentifier);
      await context.services.datasetPermissions.setGroup(
        context.actor,
        before.name,
        args.userGroupIdentifier,
        args.permission,
      );
      return datasetAfter(context, before);
    },
    removeDatasetUserGroupPermission: async (
      _source: unknown,
      args: { datasetIdentifier: string; userGroupIdentifier: string },
      context: GraphQLContext,
    ) => {
      const before = await context.services.datasets.get(context.actor, args.datasetIdentifier);
      await context.services.datasetPermissions.removeGroup(context.actor, before.name, args.userGroupIdentifier);
      return datasetAfter(context, before);
    },
  },
};
