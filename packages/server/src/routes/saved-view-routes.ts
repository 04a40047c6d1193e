// Saved views of a dataset: list and load (VIEW), save and delete (EDIT).
import {
  DatasetNameParams,
  DatasetViewParams,
  ErrorBody,
  PATHS,
  SavedViewList,
  SavedViewSchema,
  SaveViewBody,
  type SavedView,
} from '@teamset/contract';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';
import { JSON_STRINGIFY_RESPONSES } from './json-responses.js';
import { checkViewInBody } from './view-body-check.js';

/** The same schemas typed as the contract's SavedView: TypeBox's static type of the recursive expression differs from the hand-written one. */
const SavedViewResponse = Type.Unsafe<SavedView>(SavedViewSchema);
const SavedViewListResponse = Type.Unsafe<{ views: SavedView[] }>(SavedViewList);

export function registerSavedViewRoutes(app: TypedApp, ctx: RouteContext): void {
  // Saved views hold the recursive view schema, which fast-json-stringify cannot compile.
  const common = { onRequest: ctx.authenticate, ...JSON_STRINGIFY_RESPONSES } as const;
  const schema = { tags: ['saved views'], security: SECURITY, querystring: NoQuery };
  const { savedViews } = ctx.services;

  app.get(
    PATHS.savedViews,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'List a dataset’s saved views (VIEW)',
        params: DatasetNameParams,
        response: { 200: SavedViewListResponse, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({
      views: await savedViews.list(actorOf(request), request.params.name),
    }),
  );

  app.get(
    PATHS.savedView,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'Load a saved view by name (VIEW)',
        params: DatasetViewParams,
        response: { 200: SavedViewResponse, ...PROTECTED_ERRORS },
      },
    },
    async (request) => savedViews.get(actorOf(request), request.params.name, request.params.view),
  );

  // Always 200 with the saved view, whether it was created or replaced: the body cannot tell the two apart
  // reliably, and a client that must not replace one sends no `overwrite` (a clash is then 409).
  app.put(
    PATHS.savedView,
    {
      ...common,
      preValidation: checkViewInBody,
      schema: {
        ...schema,
        summary:
          'Save a view under a name (EDIT): 200 with the saved view whether created or replaced; replacing needs overwrite: true (else 409)',
        params: DatasetViewParams,
        body: SaveViewBody,
        response: { 200: SavedViewResponse, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request) => savedViews.save(actorOf(request), request.params.name, request.params.view, request.body),
  );

  app.delete(
    PATHS.savedView,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'Delete a saved view (EDIT)',
        params: DatasetViewParams,
        response: { 204: { type: 'null' }, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      await savedViews.delete(actorOf(request), request.params.name, request.params.view);
      return reply.code(204).send(null);
    },
  );
}
