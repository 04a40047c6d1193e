// Datasets and their permissions: list, create, get, edit/rename, delete; per-user grants and the default permission.
import {
  CreateDatasetBody,
  Dataset,
  DatasetNameParams,
  DatasetPage,
  DatasetPermissionInvitation,
  DatasetPermissionList,
  DatasetUserParams,
  DatasetUserPermission,
  ErrorBody,
  ListDatasetsQuery,
  PATHS,
  SetDatasetDefaultPermissionBody,
  SetDatasetUserPermissionBody,
  UpdateDatasetBody,
  UserDatasetPermissionList,
  UserRefParams,
} from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import {
  PROTECTED_ERRORS,
  SECURITY,
  NoQuery,
  baseUrlOf,
  type RouteContext,
  type TypedApp,
} from '../http/route-context.js';

export function registerDatasetRoutes(app: TypedApp, ctx: RouteContext): void {
  const { datasets, datasetPermissions } = ctx.services;
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { tags: ['datasets'], security: SECURITY };
  const permissionSchema = { tags: ['dataset permissions'], security: SECURITY };

  app.get(
    PATHS.datasets,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'List the datasets you can see, with your permission on each',
        querystring: ListDatasetsQuery,
        response: { 200: DatasetPage, ...PROTECTED_ERRORS },
      },
    },
    async (request) => datasets.list(actorOf(request), request.query),
  );

  app.post(
    PATHS.datasets,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Create a dataset (member or admin); you get MANAGE on it',
        body: CreateDatasetBody,
        response: { 201: Dataset, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await datasets.create(actorOf(request), request.body)),
  );

  app.get(
    PATHS.dataset,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Get a dataset by name (VIEW)',
        params: DatasetNameParams,
        response: { 200: Dataset, ...PROTECTED_ERRORS },
      },
    },
    async (request) => datasets.get(actorOf(request), request.params.name),
  );

  app.patch(
    PATHS.dataset,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Edit tags, description or info (EDIT), or rename (MANAGE)',
        params: DatasetNameParams,
        body: UpdateDatasetBody,
        response: { 200: Dataset, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request) => datasets.update(actorOf(request), request.params.name, request.body),
  );

  app.delete(
    PATHS.dataset,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Delete a dataset (MANAGE)',
        params: DatasetNameParams,
        response: { 204: { type: 'null' }, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      await datasets.delete(actorOf(request), request.params.name);
      return reply.code(204).send(null);
    },
  );

  app.get(
    PATHS.datasetPermissions,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary: 'Users with access to a dataset, with grants and effective permissions (MANAGE)',
        params: DatasetNameParams,
        response: { 200: DatasetPermissionList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => datasetPermissions.listUsers(actorOf(request), request.params.name),
  );

  app.get(
    PATHS.datasetUserPermission,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary: 'One user’s permission on a dataset (MANAGE, or your own)',
        params: DatasetUserParams,
        response: { 200: DatasetUserPermission, ...PROTECTED_ERRORS },
      },
    },
    async (request) => datasetPermissions.getUser(actorOf(request), request.params.name, request.params.user),
  );

  app.put(
    PATHS.datasetUserPermission,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary:
          'Grant a user a permission on a dataset, up to their role’s cap (MANAGE); with invite, an unknown email is invited (admin) and gets it on acceptance (201)',
        params: DatasetUserParams,
        body: SetDatasetUserPermissionBody,
        response: { 200: DatasetUserPermission, 201: DatasetPermissionInvitation, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      const { permission, invite } = request.body;
      const result = await datasetPermissions.setUserOrInvite(
        actorOf(request),
        request.params.name,
        request.params.user,
        permission,
        {
          ...(invite !== undefined ? { invite } : {}),
          acceptUrlBase: baseUrlOf(request, ctx.publicUrl),
        },
      );
      if (result.kind === 'granted') return reply.code(200).send(result.permission);
      // Like any invitation, the link is shown once and must not sit in a cache.
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...result.invitation, permission });
    },
  );

  app.delete(
    PATHS.datasetUserPermission,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary: 'Remove a user’s explicit grant on a dataset (MANAGE)',
        params: DatasetUserParams,
        response: { 204: { type: 'null' }, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      await datasetPermissions.removeUser(actorOf(request), request.params.name, request.params.user);
      return reply.code(204).send(null);
    },
  );

  app.put(
    PATHS.datasetDefaultPermission,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary: 'Set the permission members get without a grant (MANAGE)',
        params: DatasetNameParams,
        body: SetDatasetDefaultPermissionBody,
        response: { 200: Dataset, ...PROTECTED_ERRORS },
      },
    },
    async (request) => datasetPermissions.setDefault(actorOf(request), request.params.name, request.body.permission),
  );

  app.get(
    PATHS.userDatasetPermissions,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...permissionSchema,
        summary: 'Every dataset a user can see, with grant and effective permission (admin, or yourself)',
        params: UserRefParams,
        response: { 200: UserDatasetPermissionList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => datasetPermissions.forUser(actorOf(request), request.params.user),
  );
}
