// Saved views of a dataset: list and load (VIEW), save and delete (EDIT).
import { SAVED_VIEW_ROUTES } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';
import { JSON_STRINGIFY_RESPONSES } from './json-responses.js';
import { checkViewInBody } from './view-body-check.js';

export function registerSavedViewRoutes(app: TypedApp, ctx: RouteContext): void {
  // Saved views hold the recursive view schema, which fast-json-stringify cannot compile.
  const stringified = JSON_STRINGIFY_RESPONSES;
  const { savedViews } = ctx.services;

  protectedRoute(
    app,
    ctx,
    SAVED_VIEW_ROUTES.list,
    async (actor, request) => ({ views: await savedViews.list(actor, request.params.name) }),
    stringified,
  );

  protectedRoute(
    app,
    ctx,
    SAVED_VIEW_ROUTES.get,
    (actor, request) => savedViews.get(actor, request.params.name, request.params.view),
    stringified,
  );

  protectedRoute(
    app,
    ctx,
    SAVED_VIEW_ROUTES.save,
    (actor, request) => savedViews.save(actor, request.params.name, request.params.view, request.body),
    { ...stringified, preValidation: checkViewInBody },
  );

  protectedRoute(
    app,
    ctx,
    SAVED_VIEW_ROUTES.delete,
    async (actor, request, reply) => {
      await savedViews.delete(actor, request.params.name, request.params.view);
      return reply.code(204).send(null);
    },
    stringified,
  );
}
