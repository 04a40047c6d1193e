// Cloning a dataset or one of its views into a new dataset (member or admin, VIEW on the source; the caller gets MANAGE).
import { CloneDatasetBody, Dataset, DatasetNameParams, ErrorBody, PATHS } from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';
import { checkViewInBody } from './view-body-check.js';

export function registerCloneRoutes(app: TypedApp, ctx: RouteContext): void {
  app.post(
    PATHS.datasetClone,
    {
      onRequest: ctx.authenticate,
      preValidation: checkViewInBody,
      schema: {
        tags: ['datasets'],
        security: SECURITY,
        querystring: NoQuery,
        summary:
          'Clone a dataset, or only a view’s samples, into a new dataset (member or admin, VIEW on the source); you get MANAGE on it',
        params: DatasetNameParams,
        body: CloneDatasetBody,
        response: { 201: Dataset, 409: ErrorBody, 422: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await ctx.services.clones.clone(actorOf(request), request.params.name, request.body)),
  );
}
