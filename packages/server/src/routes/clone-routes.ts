// Cloning a dataset or one of its views into a new dataset (member or admin, VIEW on the source; the caller gets MANAGE).
import { DATASET_ROUTES } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';
import { checkViewInBody } from './view-body-check.js';

export function registerCloneRoutes(app: TypedApp, ctx: RouteContext): void {
  protectedRoute(
    app,
    ctx,
    DATASET_ROUTES.clone,
    async (actor, request, reply) =>
      reply.code(201).send(await ctx.services.clones.clone(actor, request.params.name, request.body)),
    { preValidation: checkViewInBody },
  );
}
