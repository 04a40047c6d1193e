// The authentication hook for protected routes: API key or session cookie → request.actor, with CSRF and failure limits.
import { CSRF_HEADER, INVALID_API_KEY_MESSAGE } from '@teamset/contract';
import { AppError, forbidden, unauthenticated, type Actor, type Services } from '@teamset/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../http/error-handler.js';
import { readCredentials } from './credentials.js';
import type { FailedAuthLimiter } from './failed-auth-limiter.js';
import { constantTimeEqual } from './constant-time.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook on protected routes. */
    actor: Actor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticateHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export function createAuthenticate(services: Services, limiter: FailedAuthLimiter): AuthenticateHook {
  return async function authenticate(request, reply) {
    const credentials = readCredentials(request);
    if (credentials.kind === 'none') throw unauthenticated('Authentication required: send an API key in X-API-Key, or sign in');
    const retryAfter = limiter.retryAfterSeconds(request.ip);
    if (retryAfter > 0) {
      reply.header('retry-after', String(retryAfter));
      sendError(reply, request, 'RATE_LIMITED', `Too many failed authentication attempts; retry in ${retryAfter} s`);
      return reply;
    }
    if (credentials.kind === 'api_key') {
      try {
        const verified = await services.keyVerifier.verify(credentials.key);
        request.actor = { kind: 'user', user: verified.user, via: 'api_key', keyId: verified.keyId, ip: request.ip };
        return;
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') limiter.recordFailure(request.ip);
        throw error;
      }
    }
    const session = await services.sessions.resolve(credentials.token);
    if (!session) {
      limiter.recordFailure(request.ip);
      throw unauthenticated('Your session has expired; sign in again');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !constantTimeEqual(header, session.csrfToken)) {
        throw forbidden('Missing or invalid CSRF token: send the teamset_csrf cookie value in X-CSRF-Token');
      }
    }
    request.actor = { kind: 'user', user: session.user, via: 'session', keyId: null, ip: request.ip };
  };
}

/** The actor of an authenticated request; a route without the hook asking for one is a programming error. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated(INVALID_API_KEY_MESSAGE);
  return request.actor;
}
