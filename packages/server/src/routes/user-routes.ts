// Admin user management: list (paged, searchable), get by id or email, set role, delete.
import { USER_ROUTES } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';

export function registerUserRoutes(app: TypedApp, ctx: RouteContext): void {
  const { users } = ctx.services;

  protectedRoute(app, ctx, USER_ROUTES.list, (actor, request) => users.list(actor, request.query));

  protectedRoute(app, ctx, USER_ROUTES.get, (actor, request) => users.get(actor, request.params.user));

  protectedRoute(app, ctx, USER_ROUTES.setRole, (actor, request) =>
    users.setRole(actor, request.params.user, request.body.role),
  );

  protectedRoute(app, ctx, USER_ROUTES.delete, async (actor, request, reply) => {
    await users.delete(actor, request.params.user);
    return reply.code(204).send(null);
  });
}
