// Credential checks under the failed-auth limiter: failures counted, 429 with Retry-After once a budget is spent.
import { AppError, normalizeEmail } from '@teamset/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../http/error-handler.js';
import type { FailedAuthLimiter } from './failed-auth-limiter.js';

/** The "slow down" answer to a bad credential (or a password check not run) while a budget is spent. */
export function sendSlowDown(request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  reply.header('retry-after', String(retryAfterSeconds));
  return sendError(
    reply,
    request,
    'RATE_LIMITED',
    `Too many failed authentication attempts; retry in ${retryAfterSeconds} s`,
  );
}

/** A token-gated action (first-run setup, accepting an invitation): a bad token counts against the address. */
export async function limitedTokenCheck<T>(
  limiter: FailedAuthLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
  action: () => Promise<T>,
): Promise<T | FastifyReply> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'UNAUTHENTICATED' || error.code === 'NOT_FOUND')) {
      const wait = await limiter.credentialFailed(request.ip, undefined);
      if (wait > 0) return sendSlowDown(request, reply, wait);
    }
    throw error;
  }
}

/**
 * A password check for the account behind `email`. While that account has spent its budget (from this address,
 * or from everywhere) the check is not run at all — no argon2 — and the answer is 429. From an address that has
 * spent its own budget, checks run one at a time with a short queue; beyond it the answer is 429 too.
 */
export async function limitedPasswordCheck<T>(
  limiter: FailedAuthLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
  isWrongPassword: (error: unknown) => boolean,
  action: () => Promise<T>,
): Promise<T | FastifyReply> {
  const account = normalizeEmail(email);
  const spent = limiter.passwordRetryAfter(account, request.ip);
  if (spent > 0) return sendSlowDown(request, reply, spent);
  let result: T;
  try {
    const addressWait = limiter.addressRetryAfter(request.ip);
    if (addressWait > 0) {
      const outcome = await limiter.spentAddressChecks.run(request.ip, action);
      if (!outcome.ran) return sendSlowDown(request, reply, addressWait);
      result = outcome.value;
    } else {
      result = await action();
    }
  } catch (error) {
    if (isWrongPassword(error)) {
      const wait = await limiter.passwordFailed(account, request.ip);
      if (wait > 0) return sendSlowDown(request, reply, wait);
    }
    throw error;
  }
  limiter.passwordSucceeded(account, request.ip);
  return result;
}
