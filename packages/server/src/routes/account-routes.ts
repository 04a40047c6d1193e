// Your own account (Settings › Account): change your display name; change your password, which ends your other sessions.
import { ACCOUNT_ROUTES, SESSION_COOKIE } from '@teamset/contract';
import { AppError, WRONG_CURRENT_PASSWORD_MESSAGE } from '@teamset/core';
import { limitedPasswordCheck } from '../auth/limited-checks.js';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';

const isWrongCurrentPassword = (error: unknown): boolean =>
  error instanceof AppError && error.message === WRONG_CURRENT_PASSWORD_MESSAGE;

export function registerAccountRoutes(app: TypedApp, ctx: RouteContext): void {
  const { users, sessions } = ctx.services;

  protectedRoute(app, ctx, ACCOUNT_ROUTES.update, (actor, request) => users.updateOwnProfile(actor, request.body));

  protectedRoute(app, ctx, ACCOUNT_ROUTES.changePassword, async (actor, request, reply) => {
    if (actor.kind !== 'user') throw new AppError('INTERNAL', 'system actor over HTTP');
    const keep = actor.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
    // A stolen session or key must not become a free password-guessing oracle: wrong guesses count against
    // the account like failed sign-ins, and past its budget the password is not checked (429).
    return limitedPasswordCheck(ctx.limiter, request, reply, actor.user.email, isWrongCurrentPassword, () =>
      sessions.changePassword(actor, request.body, keep),
    );
  });
}
