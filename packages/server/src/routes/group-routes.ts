// User groups: list, create, read, edit, fill and delete them (admins), a user's groups, and group grants on datasets.
import { DATASET_PERMISSION_ROUTES, GROUP_ROUTES } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';

export function registerGroupRoutes(app: TypedApp, ctx: RouteContext): void {
  const { groups, datasetPermissions } = ctx.services;

  protectedRoute(app, ctx, GROUP_ROUTES.list, async (actor) => ({ groups: await groups.list(actor) }));

  protectedRoute(app, ctx, GROUP_ROUTES.create, async (actor, request, reply) =>
    reply.code(201).send(await groups.create(actor, request.body)),
  );

  protectedRoute(app, ctx, GROUP_ROUTES.get, (actor, request) => groups.get(actor, request.params.group));

  protectedRoute(app, ctx, GROUP_ROUTES.update, (actor, request) =>
    groups.update(actor, request.params.group, request.body),
  );

  protectedRoute(app, ctx, GROUP_ROUTES.delete, async (actor, request, reply) => {
    await groups.delete(actor, request.params.group);
    return reply.code(204).send(null);
  });

  protectedRoute(app, ctx, GROUP_ROUTES.addUsers, (actor, request) =>
    groups.addUsers(actor, request.params.group, request.body.users),
  );

  protectedRoute(app, ctx, GROUP_ROUTES.removeUsers, (actor, request) =>
    groups.removeUsers(actor, request.params.group, request.body.users),
  );

  protectedRoute(app, ctx, GROUP_ROUTES.datasetPermissions, (actor, request) =>
    datasetPermissions.forGroup(actor, request.params.group),
  );

  protectedRoute(app, ctx, GROUP_ROUTES.forUser, async (actor, request) => ({
    groups: await groups.listForUser(actor, request.params.user),
  }));

  protectedRoute(app, ctx, DATASET_PERMISSION_ROUTES.getGroup, async (actor, request) => {
    const { group, permission } = await datasetPermissions.findGroup(actor, request.params.name, request.params.group);
    return {
      group: { id: group.id, name: group.name, description: group.description },
      permission: permission ?? 'NO_ACCESS',
    };
  });

  protectedRoute(app, ctx, DATASET_PERMISSION_ROUTES.setGroup, (actor, request) =>
    datasetPermissions.setGroup(actor, request.params.name, request.params.group, request.body.permission),
  );

  protectedRoute(app, ctx, DATASET_PERMISSION_ROUTES.removeGroup, async (actor, request, reply) => {
    await datasetPermissions.removeGroup(actor, request.params.name, request.params.group);
    return reply.code(204).send(null);
  });
}
