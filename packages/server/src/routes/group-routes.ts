// User groups: list, create, read, edit, fill and delete them (admins), a user's groups, and group grants on datasets.
import {
  CreateUserGroupBody,
  DatasetGroupParams,
  DatasetGroupPermission,
  ErrorBody,
  GroupDatasetPermissionList,
  PATHS,
  SetDatasetGroupPermissionBody,
  UpdateUserGroupBody,
  UserGroup,
  UserGroupList,
  UserGroupParams,
  UserGroupUsersBody,
  UserRefParams,
} from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';

export function registerGroupRoutes(app: TypedApp, ctx: RouteContext): void {
  const { groups, datasetPermissions } = ctx.services;
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { tags: ['user groups'], security: SECURITY };
  const permissionSchema = { tags: ['dataset permissions'], security: SECURITY };

  app.get(
    PATHS.userGroups,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'List user groups by name: all of them for admins, your own otherwise',
        response: { 200: UserGroupList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({
      groups: await groups.list(actorOf(request)),
    }),
  );

  app.post(
    PATHS.userGroups,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Create a user group, optionally with members (admin)',
        body: CreateUserGroupBody,
        response: { 201: UserGroup, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await groups.create(actorOf(request), request.body)),
  );

  app.get(
    PATHS.userGroup,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'A group by id or name, with its members (admin, or a member)',
        params: UserGroupParams,
        response: { 200: UserGroup, ...PROTECTED_ERRORS },
      },
    },
    async (request) => groups.get(actorOf(request), request.params.group),
  );

  app.patch(
    PATHS.userGroup,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Rename, describe or replace the members of a group (admin)',
        params: UserGroupParams,
        body: UpdateUserGroupBody,
        response: { 200: UserGroup, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request) => groups.update(actorOf(request), request.params.group, request.body),
  );

  app.delete(
    PATHS.userGroup,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Delete a group with its memberships and dataset grants (admin)',
        params: UserGroupParams,
        response: { 204: { type: 'null' }, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      await groups.delete(actorOf(request), request.params.group);
      return reply.code(204).send(null);
    },
  );

  app.post(
    PATHS.userGroupUsers,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Add existing users to a group (admin)',
        params: UserGroupParams,
        body: UserGroupUsersBody,
        response: { 200: UserGroup, ...PROTECTED_ERRORS },
      },
    },
    async (request) => groups.addUsers(actorOf(request), request.params.group, request.body.users),
  );

  app.post(
    PATHS.userGroupUsersRemove,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Remove users from a group (admin)',
        params: UserGroupParams,
        body: UserGroupUsersBody,
        response: { 200: UserGroup, ...PROTECTED_ERRORS },
      },
    },
    async (request) => groups.removeUsers(actorOf(request), request.params.group, request.body.users),
  );

  app.get(
    PATHS.userGroupDatasetPermissions,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary: 'Every dataset that grants the group a permission (admin)',
        params: UserGroupParams,
        response: { 200: GroupDatasetPermissionList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => datasetPermissions.forGroup(actorOf(request), request.params.group),
  );

  app.get(
    PATHS.userUserGroups,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'The groups a user is in (admin, or yourself)',
        params: UserRefParams,
        response: { 200: UserGroupList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({
      groups: await groups.listForUser(actorOf(request), request.params.user),
    }),
  );

  app.get(
    PATHS.datasetGroupPermission,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary: 'A group’s grant on a dataset, NO_ACCESS when it has none (MANAGE)',
        params: DatasetGroupParams,
        response: { 200: DatasetGroupPermission, ...PROTECTED_ERRORS },
      },
    },
    async (request) => {
      const { group, permission } = await datasetPermissions.findGroup(
        actorOf(request),
        request.params.name,
        request.params.group,
      );
      return {
        group: { id: group.id, name: group.name, description: group.description },
        permission: permission ?? 'NO_ACCESS',
      };
    },
  );

  app.put(
    PATHS.datasetGroupPermission,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary: 'Grant a group a permission on a dataset; each member gets at most their role’s cap (MANAGE)',
        params: DatasetGroupParams,
        body: SetDatasetGroupPermissionBody,
        response: { 200: DatasetGroupPermission, ...PROTECTED_ERRORS },
      },
    },
    async (request) =>
      datasetPermissions.setGroup(actorOf(request), request.params.name, request.params.group, request.body.permission),
  );

  app.delete(
    PATHS.datasetGroupPermission,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary: 'Remove a group’s grant on a dataset (MANAGE)',
        params: DatasetGroupParams,
        response: { 204: { type: 'null' }, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      await datasetPermissions.removeGroup(actorOf(request), request.params.name, request.params.group);
      return reply.code(204).send(null);
    },
  );
}
