// Sign-in, sign-out, first-run setup and whoami.
import { ErrorBody, LoginBody, PATHS, SessionInfo, SetupBody, SetupStatus, WhoAmI } from '@teamset/contract';
import { AppError } from '@teamset/core';
import { actorOf } from '../auth/authenticate.js';
import { limitedPasswordCheck, limitedTokenCheck } from '../auth/limited-checks.js';
import { clearSessionCookies, setSessionCookies } from '../auth/session-cookies.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';
import { WHOAMI_SERIALIZER } from './whoami-body.js';

const PUBLIC_ERRORS = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 429: ErrorBody } as const;

const isWrongPassword = (error: unknown): boolean => error instanceof AppError && error.code === 'UNAUTHENTICATED';

export function registerAuthRoutes(app: TypedApp, ctx: RouteContext): void {
  const { services } = ctx;

  app.get(
    PATHS.whoami,
    {
      onRequest: ctx.authenticate,
      ...WHOAMI_SERIALIZER,
      schema: {
        querystring: NoQuery,
        tags: ['auth'],
        summary: 'The user behind this request',
        security: SECURITY,
        response: { 200: WhoAmI, ...PROTECTED_ERRORS },
      },
    },
    (request, reply) => {
      // Synchronous on purpose: whoami is the SDK's connection check and the auth benchmark's yardstick.
      const actor = actorOf(request);
      if (actor.kind !== 'user') throw new AppError('INTERNAL', 'system actor over HTTP');
      reply.send({ user: actor.user, authMethod: actor.via, apiKeyId: actor.keyId });
    },
  );

  app.post(
    PATHS.login,
    {
      schema: {
        querystring: NoQuery,
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: LoginBody,
        response: { 200: SessionInfo, ...PUBLIC_ERRORS },
      },
    },
    async (request, reply) =>
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

  app.post(
    PATHS.logout,
    {
      onRequest: ctx.authenticate,
      schema: {
        querystring: NoQuery,
        tags: ['auth'],
        summary: 'Sign out (ends the session)',
        security: SECURITY,
        response: { 204: { type: 'null' }, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const token = request.cookies.teamset_session;
      if (actor.kind === 'user' && actor.via === 'session' && token) await services.sessions.signOut(token, request.ip);
      clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    PATHS.setup,
    {
      schema: {
        querystring: NoQuery,
        tags: ['auth'],
        summary: 'Whether first-run setup is still needed',
        response: { 200: SetupStatus },
      },
    },
    async () => ({ needsSetup: await services.setup.needsSetup() }),
  );

  app.post(
    PATHS.setup,
    {
      schema: {
        querystring: NoQuery,
        tags: ['auth'],
        summary: 'Create the first admin with the setup token teamset serve printed at start',
        body: SetupBody,
        response: { 201: SessionInfo, ...PUBLIC_ERRORS },
      },
    },
    async (request, reply) =>
      limitedTokenCheck(ctx.limiter, request, reply, async () => {
        const user = await services.setup.complete({ ...request.body, ip: request.ip });
        const session = await services.sessions.create(user, request.ip, request.headers['user-agent'] ?? null);
        setSessionCookies(request, reply, session);
        return reply.code(201).send({ user, csrfToken: session.csrfToken });
      }),
  );
}
