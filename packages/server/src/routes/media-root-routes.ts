// Organization media roots (admin): the directories sample media may be served from.
import { ORGANIZATION_ROUTES } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';

export function registerMediaRootRoutes(app: TypedApp, ctx: RouteContext): void {
  const { mediaRoots } = ctx.services;

  protectedRoute(app, ctx, ORGANIZATION_ROUTES.mediaRoots, async (actor) => ({
    roots: await mediaRoots.list(actor),
  }));

  protectedRoute(app, ctx, ORGANIZATION_ROUTES.replaceMediaRoots, async (actor, request) => ({
    roots: await mediaRoots.replace(actor, request.body.roots),
  }));
}
