// Organization settings and the audit log (admin).
import { ORGANIZATION_ROUTES } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';

export function registerOrganizationRoutes(app: TypedApp, ctx: RouteContext): void {
  const { organization, audit } = ctx.services;

  protectedRoute(app, ctx, ORGANIZATION_ROUTES.settings, (actor) => organization.get(actor));

  protectedRoute(app, ctx, ORGANIZATION_ROUTES.updateSettings, (actor, request) =>
    organization.update(actor, request.body),
  );

  protectedRoute(app, ctx, ORGANIZATION_ROUTES.audit, async (actor, request) => ({
    // `before` has no upper bound in the contract, and PostgreSQL's bigint overflows past 2^63; ids stay far below 2^53.
    events: await audit.list(actor, {
      ...request.query,
      ...(request.query.before !== undefined
        ? { before: Math.min(request.query.before, Number.MAX_SAFE_INTEGER) }
        : {}),
    }),
  }));
}
