// Datasets and their permissions: list, create, get, edit/rename, delete; per-user grants and the default permission.
import { DATASET_PERMISSION_ROUTES, DATASET_ROUTES } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import { baseUrlOf, type RouteContext, type TypedApp } from '../http/route-context.js';

export function registerDatasetRoutes(app: TypedApp, ctx: RouteContext): void {
  const { datasets, datasetPermissions } = ctx.services;
  const permissions = DATASET_PERMISSION_ROUTES;

  protectedRoute(app, ctx, DATASET_ROUTES.list, (actor, request) => datasets.list(actor, request.query));

  protectedRoute(app, ctx, DATASET_ROUTES.create, async (actor, request, reply) =>
    reply.code(201).send(await datasets.create(actor, request.body)),
  );

  protectedRoute(app, ctx, DATASET_ROUTES.get, (actor, request) => datasets.get(actor, request.params.name));

  protectedRoute(app, ctx, DATASET_ROUTES.update, (actor, request) =>
    datasets.update(actor, request.params.name, request.body),
  );

  protectedRoute(app, ctx, DATASET_ROUTES.delete, async (actor, request, reply) => {
    await datasets.delete(actor, request.params.name);
    return reply.code(204).send(null);
  });

  protectedRoute(app, ctx, permissions.list, (actor, request) =>
    datasetPermissions.listUsers(actor, request.params.name),
  );

  protectedRoute(app, ctx, permissions.getUser, (actor, request) =>
    datasetPermissions.getUser(actor, request.params.name, request.params.user),
  );

  protectedRoute(app, ctx, permissions.setUser, async (actor, request, reply) => {
    const { permission, invite } = request.body;
    const result = await datasetPermissions.setUserOrInvite(
      actor,
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
  });

  protectedRoute(app, ctx, permissions.removeUser, async (actor, request, reply) => {
    await datasetPermissions.removeUser(actor, request.params.name, request.params.user);
    return reply.code(204).send(null);
  });

  protectedRoute(app, ctx, permissions.setDefault, (actor, request) =>
    datasetPermissions.setDefault(actor, request.params.name, request.body.permission),
  );

  protectedRoute(app, ctx, permissions.forUser, (actor, request) =>
    datasetPermissions.forUser(actor, request.params.user),
  );
}
