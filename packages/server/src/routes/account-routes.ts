// Your own account (Settings › Account): change your display name; change your password, which ends your other sessions.
import { ChangePasswordBody, PasswordChanged, PATHS, SESSION_COOKIE, UpdateAccountBody, User } from '@teamset/contract';
import { AppError, WRONG_CURRENT_PASSWORD_MESSAGE } from '@teamset/core';
import { actorOf } from '../auth/authenticate.js';
import { limitedPasswordCheck } from '../auth/limited-checks.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';

const isWrongCurrentPassword = (error: unknown): boolean =>
  error instanceof AppError && error.message === WRONG_CURRENT_PASSWORD_MESSAGE;

export function registerAccountRoutes(app: TypedApp, ctx: RouteContext): void {
  const { users, sessions } = ctx.services;
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { tags: ['account'], security: SECURITY };

  app.patch(
    PATHS.account,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Change your own display name',
        body: UpdateAccountBody,
        response: { 200: User, ...PROTECTED_ERRORS },
      },
    },
    async (request) => users.updateOwnProfile(actorOf(request), request.body),
  );

  app.post(
    PATHS.accountPassword,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        ...schema,
        summary: 'Change your password (the current one is checked); your other sessions end',
        body: ChangePasswordBody,
        response: { 200: PasswordChanged, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.kind !== 'user') throw new AppError('INTERNAL', 'system actor over HTTP');
      const keep = actor.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      // A stolen session or key must not become a free password-guessing oracle: wrong guesses count against
      // the account like failed sign-ins, and past its budget the password is not checked (429).
      return limitedPasswordCheck(ctx.limiter, request, reply, actor.user.email, isWrongCurrentPassword, () =>
        sessions.changePassword(actor, request.body, keep),
      );
    },
  );
}
