// Tagging (TAG): add or remove tags on a view's samples, or on the labels it shows.
import { DatasetNameParams, ErrorBody, PATHS, TagBody, UpdatedResult } from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';
import { checkViewInBody } from './view-body-check.js';

export function registerTagRoutes(app: TypedApp, ctx: RouteContext): void {
  const common = { onRequest: ctx.authenticate, preValidation: checkViewInBody } as const;
  const schema = {
    tags: ['samples'],
    security: SECURITY,
    querystring: NoQuery,
    params: DatasetNameParams,
    body: TagBody,
    response: { 200: UpdatedResult, 422: ErrorBody, ...PROTECTED_ERRORS },
  };
  const { samples } = ctx.services;

  app.post(
    PATHS.tag,
    {
      ...common,
      schema: { ...schema, summary: 'Tag the samples of a view, or (labels / labelFields) the labels it shows (TAG)' },
    },
    async (request) => samples.tag(actorOf(request), request.params.name, request.body),
  );

  app.post(
    PATHS.untag,
    {
      ...common,
      schema: { ...schema, summary: 'Remove tags from the samples of a view, or from the labels it shows (TAG)' },
    },
    async (request) => samples.untag(actorOf(request), request.params.name, request.body),
  );
}
