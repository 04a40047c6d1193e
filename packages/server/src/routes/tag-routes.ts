// Tagging (TAG): add or remove tags on a view's samples, or on the labels it shows; and how far such a request has come.
import { TAG_ROUTES, type TagProgressResult } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';
import { checkViewInBody } from './view-body-check.js';

export function registerTagRoutes(app: TypedApp, ctx: RouteContext): void {
  const checked = { preValidation: checkViewInBody } as const;
  const { samples } = ctx.services;

  protectedRoute(
    app,
    ctx,
    TAG_ROUTES.tag,
    (actor, request) => samples.tag(actor, request.params.name, request.body),
    checked,
  );

  protectedRoute(
    app,
    ctx,
    TAG_ROUTES.untag,
    (actor, request) => samples.untag(actor, request.params.name, request.body),
    checked,
  );

  protectedRoute(app, ctx, TAG_ROUTES.progress, async (actor, request): Promise<TagProgressResult> => {
    const progress = await samples.tagProgress(actor, request.params.name, request.params.token);
    if (!progress) return { state: 'unknown' as const, done: 0, total: 0 };
    return { state: progress.finished ? 'finished' : 'running', done: progress.done, total: progress.total };
  });
}
