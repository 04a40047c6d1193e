// Organization settings over GraphQL (admins): FiftyOne's four fields; the operator ones are stored, Teamset runs no operators.
import type { DatasetPermission, Role } from '@teamset/contract';
import type { GraphQLContext, ResolverMap } from './context.js';

export const ORGANIZATION_SDL = /* GraphQL */ `
  type OrganizationSettings {
    defaultUserRole: UserRole!
    defaultDatasetPermission: DatasetPermission!
    """
    Stored and returned for FiftyOne scripts; Teamset has no operators for it to govern.
    """
    defaultOperatorMinimumRole: UserRole!
    """
    Stored and returned for FiftyOne scripts; Teamset has no operators for it to govern.
    """
    defaultOperatorMinimumDatasetPermission: DatasetPermission!
  }

  extend type Query {
    organizationSettings: OrganizationSettings!
  }

  extend type Mutation {
    """
    Each argument left null stays as it is. Returns all four settings.
    """
    setOrganizationSettings(
      defaultUserRole: UserRole
      defaultDatasetPermission: DatasetPermission
      defaultOperatorMinimumRole: UserRole
      defaultOperatorMinimumDatasetPermission: DatasetPermission
    ): OrganizationSettings!
  }
`;

interface SettingsArgs {
  defaultUserRole?: Role | null;
  defaultDatasetPermission?: DatasetPermission | null;
  defaultOperatorMinimumRole?: Role | null;
  defaultOperatorMinimumDatasetPermission?: DatasetPermission | null;
}

async function allSettings(context: GraphQLContext) {
  const [organization, operators] = await Promise.all([
    context.services.organization.get(context.actor),
    context.services.operatorSettings.get(context.actor),
  ]);
  return { ...organization, ...operators };
}

export const ORGANIZATION_RESOLVERS: ResolverMap = {
  Query: {
    organizationSettings: (_source: unknown, _args: unknown, context: GraphQLContext) => allSettings(context),
  },
  Mutation: {
    setOrganizationSettings: async (_source: unknown, args: SettingsArgs, context: GraphQLContext) => {
      const { actor, services } = context;
      // Read first: a non-admin is refused before anything is written, even with every argument null.
      await allSettings(context);
      if (args.defaultUserRole || args.defaultDatasetPermission) {
        await services.organization.update(actor, {
          ...(args.defaultUserRole ? { defaultUserRole: args.defaultUserRole } : {}),
          ...(args.defaultDatasetPermission ? { defaultDatasetPermission: args.defaultDatasetPermission } : {}),
        });
      }
      if (args.defaultOperatorMinimumRole || args.defaultOperatorMinimumDatasetPermission) {
        await services.operatorSettings.update(actor, {
          ...(args.defaultOperatorMinimumRole ? { defaultOperatorMinimumRole: args.defaultOperatorMinimumRole } : {}),
          ...(args.defaultOperatorMinimumDatasetPermission
            ? { defaultOperatorMinimumDatasetPermission: args.defaultOperatorMinimumDatasetPermission }
            : {}),
        });
      }
      return allSettings(context);
    },
  },
};
