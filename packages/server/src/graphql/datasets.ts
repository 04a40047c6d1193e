// Datasets over GraphQL: dataset(identifier:), datasetsConnection, who has access, and the default and per-user permissions.
import type { Dataset, DatasetPermission, DatasetUserPermission } from '@teamset/contract';
import { isAppError } from '@teamset/core';
import { pageInfo } from './common.js';
import type { GraphQLContext, ResolverMap } from './context.js';
import { nullIfNotFound } from './not-found-as-null.js';
import type { UserSource } from './users.js';

export const DATASETS_SDL = /* GraphQL */ `
  type Dataset {
    id: String!
    name: String!
    slug: String!
    mediaType: String!
    tags: [String!]!
    description: String
    createdAt: DateTime!
    lastModifiedAt: DateTime!
    """
    Who created it; null when unknown or since deleted.
    """
    createdBy: User
    """
    What members get without a grant.
    """
    defaultPermission: DatasetPermission!
    """
    The caller's effective permission.
    """
    viewerPermission: DatasetPermission!
    """
    Everyone with access, with grant and effective permission (MANAGE).
    """
    users(first: Int): [DatasetUser!]!
    """
    One user's permission (MANAGE, or yourself); null when they have no access or do not exist.
    """
    user(id: String!): DatasetUser
  }

  type DatasetUser {
    user: User!
    """
    The user's own explicit grant, or null.
    """
    userPermission: DatasetPermission
    """
    Effective: role cap over the default, the own grant and the user's groups' grants.
    """
    activePermission: DatasetPermission!
  }

  type DatasetEdge {
    cursor: String!
    node: Dataset!
  }

  type DatasetConnection {
    pageInfo: PageInfo!
    edges: [DatasetEdge!]!
  }

  enum DatasetOrderField {
    name
  }

  input DatasetOrderFieldInput {
    field: DatasetOrderField!
  }

  extend type Query {
    """
    A dataset by name; null when there is none or the caller cannot see it.
    """
    dataset(identifier: String!): Dataset
    """
    The datasets the caller can see, by name.
    """
    datasetsConnection(first: Int, after: String, order: DatasetOrderFieldInput, search: String): DatasetConnection!
  }

  extend type Mutation {
    setDatasetDefaultPermission(datasetIdentifier: String!, permission: DatasetPermission!): Dataset
    """
    userId may be an email; an email with no account is invited (admins) and gets the permission on acceptance.
    """
    setDatasetUserPermission(datasetIdentifier: String!, userId: String!, permission: DatasetPermission!): Dataset
    removeDatasetUserPermission(datasetIdentifier: String!, userId: String!): Dataset
  }
`;

/** The dataset as the caller sees it after a change; if the change took their access away, as it was, with NO_ACCESS. */
export async function datasetAfter(context: GraphQLContext, before: Dataset): Promise<Dataset> {
  try {
    return await context.services.datasets.get(context.actor, before.name);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return { ...before, permission: 'NO_ACCESS' };
    throw error;
  }
}

/** `first` as a list bound: null means all. */
export function takeFirst<T>(items: T[], first: number | null | undefined): T[] {
  return first === null || first === undefined ? items : items.slice(0, Math.max(0, first));
}

interface DatasetArgs {
  datasetIdentifier: string;
}

export const DATASETS_RESOLVERS: ResolverMap = {
  Dataset: {
    createdBy: async (dataset: Dataset, _args: unknown, context: GraphQLContext): Promise<UserSource | null> =>
      // Whoever can see a dataset may know who made it (FiftyOne's get_dataset_creator): read past the user-lookup rule.
      dataset.createdBy === null ? null : ((await context.services.users.store.findById(dataset.createdBy)) ?? null),
    viewerPermission: (dataset: Dataset) => dataset.permission,
    users: async (dataset: Dataset, args: { first?: number | null }, context: GraphQLContext) =>
      takeFirst((await context.services.datasetPermissions.listUsers(context.actor, dataset.name)).users, args.first),
    user: async (
      dataset: Dataset,
      args: { id: string },
      context: GraphQLContext,
    ): Promise<DatasetUserPermission | null> => {
      const found = await nullIfNotFound(
        context.services.datasetPermissions.getUser(context.actor, dataset.name, args.id),
      );
      return found === null || found.activePermission === 'NO_ACCESS' ? null : found;
    },
  },
  Query: {
    dataset: (_source: unknown, args: { identifier: string }, context: GraphQLContext) =>
      nullIfNotFound(context.services.datasets.get(context.actor, args.identifier)),
    datasetsConnection: async (
      _source: unknown,
      args: { first?: number | null; after?: string | null; search?: string | null },
      context: GraphQLContext,
    ) => {
      const page = await context.services.datasetPages.page(context.actor, args);
      return {
        pageInfo: pageInfo(
          { hasNextPage: page.hasNextPage, endCursor: page.endCursor, startCursor: page.datasets[0]?.cursor ?? null },
          args.after,
        ),
        edges: page.datasets.map(({ dataset, cursor }) => ({ cursor, node: dataset })),
      };
    },
  },
  Mutation: {
    setDatasetDefaultPermission: (
      _source: unknown,
      args: DatasetArgs & { permission: DatasetPermission },
      context: GraphQLContext,
    ) => context.services.datasetPermissions.setDefault(context.actor, args.datasetIdentifier, args.permission),
    setDatasetUserPermission: async (
      _source: unknown,
      args: DatasetArgs & { userId: string; permission: DatasetPermission },
      context: GraphQLContext,
    ) => {
      const before = await context.services.datasets.get(context.actor, args.datasetIdentifier);
      // FiftyOne's client sends an unknown email only when the script passed invite=True.
      await context.services.datasetPermissions.setUserOrInvite(
        context.actor,
        before.name,
        args.userId,
        args.permission,
        { invite: true, acceptUrlBase: context.acceptUrlBase },
      );
      return datasetAfter(context, before);
    },
    removeDatasetUserPermission: async (
      _source: unknown,
      args: DatasetArgs & { userId: string },
      context: GraphQLContext,
    ) => {
      const before = await context.services.datasets.get(context.actor, args.datasetIdentifier);
      await context.services.datasetPermissions.removeUser(context.actor, before.name, args.userId);
      return datasetAfter(context, before);
    },
  },
};
