// Your own account (Settings › Account): change your display name; change your password, which ends your other sessions.
import { ChangePasswordBody, PasswordChanged, PATHS, SESSION_COOKIE, UpdateAccountBody, User } from '@teamset/contract';
import { AppError, WRONG_CURRENT_PASSWORD_MESSAGE } from '@teamset/core';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';

export function registerAccountRoutes(app: TypedApp, ctx: RouteContext): void {
  const { users, sessions } = ctx.services;
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { tags: ['account'], security: SECURITY };

  app.patch(PATHS.account, { ...common, schema: { querystring: NoQuery, ...schema, summary: 'Change your own display name', body: UpdateAccountBody, response: { 200: User, ...PROTECTED_ERRORS } } }, async (request) =>
    users.updateOwnProfile(actorOf(request), request.body),
  );

  app.post(
    PATHS.accountPassword,
    { ...common, schema: { querystring: NoQuery, ...schema, summary: 'Change your password (the current one is checked); your other sessions end', body: ChangePasswordBody, response: { 200: PasswordChanged, ...PROTECTED_ERRORS } } },
    async (request) => {
      const actor = actorOf(request);
      const keep = actor.kind === 'user' && actor.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      try {
        return await sessions.changePassword(actor, request.body, keep);
      } catch (error) {
        // A stolen session or key must not become a free password-guessing oracle: wrong guesses count like failed
        // sign-ins, and the authenticate hook answers 429 once the address is over the limit.
        if (error instanceof AppError && error.message === WRONG_CURRENT_PASSWORD_MESSAGE) ctx.limiter.recordFailure(request.ip);
        throw error;
      }
    },
  );
}
