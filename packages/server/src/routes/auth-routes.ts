// Sign-in, sign-out, first-run setup and whoami.
import { AUTH_ROUTES, UNSCOPED_KEY } from '@teamset/contract';
import { AppError } from '@teamset/core';
import { limitedPasswordCheck, limitedTokenCheck } from '../auth/limited-checks.js';
import { clearSessionCookies, setSessionCookies } from '../auth/session-cookies.js';
import { protectedRoute, publicRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';
import { WHOAMI_SERIALIZER } from './whoami-body.js';

const isWrongPassword = (error: unknown): boolean => error instanceof AppError && error.code === 'UNAUTHENTICATED';

export function registerAuthRoutes(app: TypedApp, ctx: RouteContext): void {
  const { services } = ctx;

  protectedRoute(
    app,
    ctx,
    AUTH_ROUTES.whoami,
    (actor, _request, reply) => {
      // Synchronous on purpose: whoami is the SDK's connection check and the auth benchmark's yardstick.
      if (actor.kind !== 'user') throw new AppError('INTERNAL', 'system actor over HTTP');
      // The scope summary is the cached key's own object, so the serializer's cached body still matches.
      const apiKeyScope = actor.via === 'api_key' ? (actor.scope?.summary ?? UNSCOPED_KEY) : null;
      reply.send({ user: actor.user, authMethod: actor.via, apiKeyId: actor.keyId, apiKeyScope });
    },
    WHOAMI_SERIALIZER,
  );

  publicRoute(app, AUTH_ROUTES.login, async (request, reply) =>
    limitedPasswordCheck(ctx.limiter, request, reply, request.body.email, isWrongPassword, async () => {
      const session = await services.sessions.signIn({
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookies(request, reply, session);
      return { user: session.user, csrfToken: session.csrfToken };
    }),
  );

  protectedRoute(app, ctx, AUTH_ROUTES.logout, async (actor, request, reply) => {
    const token = request.cookies.teamset_session;
    if (actor.kind === 'user' && actor.via === 'session' && token) await services.sessions.signOut(token, request.ip);
    clearSessionCookies(request, reply);
    return reply.code(204).send(null);
  });

  publicRoute(app, AUTH_ROUTES.setupStatus, async () => ({ needsSetup: await services.setup.needsSetup() }));

  publicRoute(app, AUTH_ROUTES.setup, async (request, reply) =>
    limitedTokenCheck(ctx.limiter, request, reply, async () => {
      const user = await services.setup.complete({ ...request.body, ip: request.ip });
      const session = await services.sessions.create(user, request.ip, request.headers['user-agent'] ?? null);
      setSessionCookies(request, reply, session);
      return reply.code(201).send({ user, csrfToken: session.csrfToken });
    }),
  );
}
