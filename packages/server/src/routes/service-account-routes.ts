// Service accounts (admins): create, list, get, disable, enable, delete; and the organization's key inventory.
import { KEY_INVENTORY_ROUTES, SERVICE_ACCOUNT_ROUTES } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';

export function registerServiceAccountRoutes(app: TypedApp, ctx: RouteContext): void {
  const { serviceAccounts, keyInventory } = ctx.services;

  protectedRoute(app, ctx, SERVICE_ACCOUNT_ROUTES.list, async (actor) => ({
    serviceAccounts: await serviceAccounts.list(actor),
  }));

  protectedRoute(app, ctx, SERVICE_ACCOUNT_ROUTES.create, async (actor, request, reply) =>
    reply.code(201).send(await serviceAccounts.create(actor, request.body)),
  );

  protectedRoute(app, ctx, SERVICE_ACCOUNT_ROUTES.get, (actor, request) =>
    serviceAccounts.get(actor, request.params.account),
  );

  protectedRoute(app, ctx, SERVICE_ACCOUNT_ROUTES.disable, (actor, request) =>
    serviceAccounts.disable(actor, request.params.account),
  );

  protectedRoute(app, ctx, SERVICE_ACCOUNT_ROUTES.enable, (actor, request) =>
    serviceAccounts.enable(actor, request.params.account),
  );

  protectedRoute(app, ctx, SERVICE_ACCOUNT_ROUTES.delete, async (actor, request, reply) => {
    await serviceAccounts.delete(actor, request.params.account);
    return reply.code(204).send(null);
  });

  protectedRoute(app, ctx, KEY_INVENTORY_ROUTES.list, (actor, request) => keyInventory.list(actor, request.query));

  protectedRoute(app, ctx, KEY_INVENTORY_ROUTES.bulkRevoke, (actor, request) =>
    keyInventory.bulkRevoke(actor, request.body.keyIds),
  );
}
