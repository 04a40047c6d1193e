// Organization media roots (admin): the directories sample media may be served from.
import { MediaRootList, PATHS, UpdateMediaRootsBody } from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';

export function registerMediaRootRoutes(app: TypedApp, ctx: RouteContext): void {
  const { mediaRoots } = ctx.services;
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { querystring: NoQuery, tags: ['organization'], security: SECURITY };

  app.get(
    PATHS.organizationMediaRoots,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'Media roots: the organization’s (changeable) and the server’s (--media-root, read-only) (admin)',
        response: { 200: MediaRootList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({ roots: await mediaRoots.list(actorOf(request)) }),
  );

  app.put(
    PATHS.organizationMediaRoots,
    {
      ...common,
      schema: {
        ...schema,
        summary:
          'Replace the organization’s media roots: absolute paths of existing directories, stored as their realpath (admin)',
        body: UpdateMediaRootsBody,
        response: { 200: MediaRootList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({ roots: await mediaRoots.replace(actorOf(request), request.body.roots) }),
  );
}
