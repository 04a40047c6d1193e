// Invitations: admins invite, list and revoke; the invitee checks the link, then accepts with a name and password (public, token-gated).
import { INVITATION_ROUTES } from '@teamset/contract';
import { limitedTokenCheck } from '../auth/limited-checks.js';
import { setSessionCookies } from '../auth/session-cookies.js';
import { protectedRoute, publicRoute } from '../http/protected-route.js';
import { baseUrlOf, type RouteContext, type TypedApp } from '../http/route-context.js';

export function registerInvitationRoutes(app: TypedApp, ctx: RouteContext): void {
  const { invitations, sessions } = ctx.services;

  protectedRoute(app, ctx, INVITATION_ROUTES.create, async (actor, request, reply) => {
    const created = await invitations.create(actor, request.body, baseUrlOf(request, ctx.publicUrl));
    // Like a new API key, the token is shown once and must not sit in any cache.
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(created);
  });

  protectedRoute(app, ctx, INVITATION_ROUTES.list, async (actor) => ({
    invitations: await invitations.listPending(actor),
  }));

  protectedRoute(app, ctx, INVITATION_ROUTES.revoke, async (actor, request, reply) => {
    await invitations.revoke(actor, request.params.id);
    return reply.code(204).send(null);
  });

  // Token-gated like accept: an unknown token counts against the address, so links cannot be guessed here either.
  publicRoute(app, INVITATION_ROUTES.lookup, async (request, reply) =>
    limitedTokenCheck(ctx.limiter, request, reply, async () => {
      reply.header('cache-control', 'no-store');
      return invitations.preview(request.body.token);
    }),
  );

  publicRoute(app, INVITATION_ROUTES.accept, async (request, reply) =>
    limitedTokenCheck(ctx.limiter, request, reply, async () => {
      const user = await invitations.accept({ ...request.body, ip: request.ip });
      const session = await sessions.create(user, request.ip, request.headers['user-agent'] ?? null);
      setSessionCookies(request, reply, session);
      return reply.code(201).send({ user, csrfToken: session.csrfToken });
    }),
  );
}
