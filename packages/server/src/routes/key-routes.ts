// API keys: generate (plaintext in this response only), list without secrets, delete (revokes at once).
import { ApiKeyList, CreateApiKeyBody, CreatedApiKey, KeyIdParams, ListApiKeysQuery, PATHS } from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';

export function registerKeyRoutes(app: TypedApp, ctx: RouteContext): void {
  const { keys } = ctx.services;
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { tags: ['api keys'], security: SECURITY };

  app.post(
    PATHS.keys,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Generate an API key (yours, or anyone’s as admin); shown once',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      const created = await keys.generate(actorOf(request), request.body);
      // The plaintext key must not sit in any cache between us and the caller.
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(created);
    },
  );

  app.get(
    PATHS.keys,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'List API keys (yours, or a user’s as admin); no secrets',
        querystring: ListApiKeysQuery,
        response: { 200: ApiKeyList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({
      keys: await keys.list(actorOf(request), request.query),
    }),
  );

  app.delete(
    PATHS.key,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Delete (revoke) an API key',
        params: KeyIdParams,
        response: { 204: { type: 'null' }, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      await keys.delete(actorOf(request), request.params.keyId);
      return reply.code(204).send(null);
    },
  );
}
