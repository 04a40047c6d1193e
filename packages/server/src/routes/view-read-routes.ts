// Reading a view (VIEW): pages of samples, values of one path, aggregations, and tag counts.
import { VIEW_READ_ROUTES } from '@teamset/contract';
import { samplePageBody, sendJsonText } from '../http/json-splice.js';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';
import { JSON_STRINGIFY_RESPONSES } from './json-responses.js';
import { checkViewInBody } from './view-body-check.js';

export function registerViewReadRoutes(app: TypedApp, ctx: RouteContext): void {
  const checked = { preValidation: checkViewInBody } as const;
  const stringified = { ...checked, ...JSON_STRINGIFY_RESPONSES } as const;
  const { samples } = ctx.services;

  // Iterating a dataset through the SDK is this route: the page's samples come from core as UTF-8 JSON and are written as they are.
  protectedRoute(
    app,
    ctx,
    VIEW_READ_ROUTES.query,
    async (actor, request, reply) =>
      sendJsonText(reply, samplePageBody(await samples.querySamplesJson(actor, request.params.name, request.body))),
    stringified,
  );

  protectedRoute(
    app,
    ctx,
    VIEW_READ_ROUTES.values,
    async (actor, request) => ({ values: await samples.values(actor, request.params.name, request.body) }),
    stringified,
  );

  protectedRoute(
    app,
    ctx,
    VIEW_READ_ROUTES.aggregate,
    (actor, request) => samples.aggregate(actor, request.params.name, request.body),
    stringified,
  );

  protectedRoute(
    app,
    ctx,
    VIEW_READ_ROUTES.countTags,
    async (actor, request) => ({ counts: await samples.countTags(actor, request.params.name, request.body) }),
    checked,
  );
}
