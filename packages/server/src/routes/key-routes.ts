// API keys: generate (plaintext in this response only), list without secrets, delete (revokes at once).
import { KEY_ROUTES } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';

export function registerKeyRoutes(app: TypedApp, ctx: RouteContext): void {
  const { keys } = ctx.services;

  protectedRoute(app, ctx, KEY_ROUTES.create, async (actor, request, reply) => {
    const created = await keys.generate(actor, request.body);
    // The plaintext key must not sit in any cache between us and the caller.
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(created);
  });

  protectedRoute(app, ctx, KEY_ROUTES.list, async (actor, request) => ({
    keys: await keys.list(actor, request.query),
  }));

  protectedRoute(app, ctx, KEY_ROUTES.delete, async (actor, request, reply) => {
    await keys.delete(actor, request.params.keyId);
    return reply.code(204).send(null);
  });
}
