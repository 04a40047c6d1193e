// Admin user management: list (paged, searchable), get by id or email, set role, delete.
import { ListUsersQuery, PATHS, SetRoleBody, User, UserPage, UserRefParams } from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';
import { ErrorBody } from '@teamset/contract';

export function registerUserRoutes(app: TypedApp, ctx: RouteContext): void {
  const { users } = ctx.services;
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { tags: ['users'], security: SECURITY };

  app.get(
    PATHS.users,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'List users (admin)',
        querystring: ListUsersQuery,
        response: { 200: UserPage, ...PROTECTED_ERRORS },
      },
    },
    async (request) => users.list(actorOf(request), request.query),
  );

  app.get(
    PATHS.user,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Get a user by id or email (admin, or yourself)',
        params: UserRefParams,
        response: { 200: User, ...PROTECTED_ERRORS },
      },
    },
    async (request) => users.get(actorOf(request), request.params.user),
  );

  app.put(
    PATHS.userRole,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Set a user’s role (admin)',
        params: UserRefParams,
        body: SetRoleBody,
        response: { 200: User, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request) => users.setRole(actorOf(request), request.params.user, request.body.role),
  );

  app.delete(
    PATHS.user,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Delete a user and their keys and sessions (admin)',
        params: UserRefParams,
        response: { 204: { type: 'null' }, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      await users.delete(actorOf(request), request.params.user);
      return reply.code(204).send(null);
    },
  );
}
