// Invitations: admins invite, list and revoke; the invitee accepts with a name and password (public, token-gated).
import {
  AcceptInvitationBody,
  CreateInvitationBody,
  CreatedInvitation,
  ErrorBody,
  IdParams,
  InvitationList,
  PATHS,
  SessionInfo,
} from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { limitedTokenCheck } from '../auth/limited-checks.js';
import { setSessionCookies } from '../auth/session-cookies.js';
import {
  PROTECTED_ERRORS,
  SECURITY,
  baseUrlOf,
  NoQuery,
  type RouteContext,
  type TypedApp,
} from '../http/route-context.js';

export function registerInvitationRoutes(app: TypedApp, ctx: RouteContext): void {
  const { invitations, sessions } = ctx.services;
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { tags: ['invitations'], security: SECURITY };

  app.post(
    PATHS.invitations,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Invite an email with a role (admin)',
        body: CreateInvitationBody,
        response: { 201: CreatedInvitation, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      const created = await invitations.create(actorOf(request), request.body, baseUrlOf(request, ctx.publicUrl));
      // Like a new API key, the token is shown once and must not sit in any cache.
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(created);
    },
  );

  app.get(
    PATHS.invitations,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'List pending invitations (admin)',
        response: { 200: InvitationList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({
      invitations: await invitations.listPending(actorOf(request)),
    }),
  );

  app.delete(
    PATHS.invitation,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Revoke a pending invitation (admin)',
        params: IdParams,
        response: { 204: { type: 'null' }, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      await invitations.revoke(actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    PATHS.acceptInvitation,
    {
      schema: {
        querystring: NoQuery,
        tags: ['invitations'],
        summary: 'Accept an invitation: creates the user and signs them in',
        body: AcceptInvitationBody,
        response: { 201: SessionInfo, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) =>
      limitedTokenCheck(ctx.limiter, request, reply, async () => {
        const user = await invitations.accept({ ...request.body, ip: request.ip });
        const session = await sessions.create(user, request.ip, request.headers['user-agent'] ?? null);
        setSessionCookies(request, reply, session);
        return reply.code(201).send({ user, csrfToken: session.csrfToken });
      }),
  );
}
