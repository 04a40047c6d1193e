// The authentication hook for protected routes: API key or session cookie → request.actor, with CSRF and failure limits.
import {
  CSRF_HEADER,
  INVALID_API_KEY_MESSAGE,
  KEY_EXPIRES_AT_HEADER,
  KEY_EXPIRING_SOON_DAYS,
  apiKeyDisplayPrefix,
  isWellFormedApiKey,
} from '@teamset/contract';
import {
  AppError,
  constantTimeEqual,
  forbidden,
  unauthenticated,
  type Actor,
  type Services,
  type VerifiedKey,
} from '@teamset/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCredentials } from './credentials.js';
import type { FailedAuthLimiter } from './failed-auth-limiter.js';
import { sendSlowDown } from './limited-checks.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook on protected routes. */
    actor: Actor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXPIRING_SOON_MS = KEY_EXPIRING_SOON_DAYS * 24 * 3600 * 1000;

export type AuthenticateHook = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void;

/** Failures are counted per key prefix only for well-formed keys: anything else cannot be anyone's key. */
function keyPrefixOf(key: string): string | undefined {
  return isWellFormedApiKey(key) ? apiKeyDisplayPrefix(key) : undefined;
}

/**
 * Callback-style on purpose: a cached API key is checked synchronously, so the request goes on
 * without a promise round-trip (this hook runs on every authenticated request).
 *
 * The limiter is consulted only after a key failed its check, so a valid key, Bearer token or session is
 * never refused, whatever else came from its address; a bad key from an address (or with a key prefix) over
 * its budget is answered 429 instead of 401, having cost one indexed lookup at most.
 */
export function createAuthenticate(services: Services, limiter: FailedAuthLimiter): AuthenticateHook {
  const failed = (
    request: FastifyRequest,
    reply: FastifyReply,
    error: unknown,
    key: string,
    done: (error?: Error) => void,
  ): void => {
    if (!(error instanceof AppError && error.code === 'UNAUTHENTICATED')) {
      done(error as Error);
      return;
    }
    limiter.credentialFailed(request.ip, keyPrefixOf(key)).then((wait) => {
      // Answered here (429), so done() is not called.
      if (wait > 0) sendSlowDown(request, reply, wait);
      else done(error);
    }, done);
  };

  const setKeyActor = (request: FastifyRequest, reply: FastifyReply, verified: VerifiedKey): void => {
    // The key's scope rides on the actor: core narrows every permission by it (REST, GraphQL, media alike).
    request.actor = {
      kind: 'user',
      user: verified.user,
      via: 'api_key',
      keyId: verified.keyId,
      ip: request.ip,
      ...(verified.scope ? { scope: verified.scope } : {}),
    };
    const now = Date.now();
    // Counted in memory (a map increment), written in batches: usage costs the request no query.
    services.keyUsage.count(verified.keyId, request.ip, request.headers['user-agent'] ?? null, now);
    // Tells the client its key is about to expire, so the CLI can warn without asking (docs/design.md §3).
    if (verified.expiresAtMs !== null && verified.expiresAtMs - now <= EXPIRING_SOON_MS)
      reply.header(KEY_EXPIRES_AT_HEADER, new Date(verified.expiresAtMs).toISOString());
  };

  async function authenticateSession(request: FastifyRequest, token: string): Promise<void> {
    const session = await services.sessions.resolve(token);
    if (!session) throw unauthenticated('Your session has expired; sign in again');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !constantTimeEqual(header, session.csrfToken)) {
        throw forbidden('Missing or invalid CSRF token: send the teamset_csrf cookie value in X-CSRF-Token');
      }
    }
    request.actor = { kind: 'user', user: session.user, via: 'session', keyId: null, ip: request.ip };
  }

  return function authenticate(request, reply, done) {
    try {
      const credentials = readCredentials(request);
      if (credentials.kind === 'none')
        throw unauthenticated('Authentication required: send an API key in X-API-Key, or sign in');
      if (credentials.kind === 'session') {
        // A bad session cookie is always a plain 401 and not counted: the web app needs the 401 to show its
        // sign-in page (a 429 would strand a colleague behind the same NAT on an error screen), a stale cookie
        // is the browser's doing, and a 256-bit session token is nothing to guess at.
        authenticateSession(request, credentials.token).then(() => done(), done);
        return;
      }
      let cached: VerifiedKey | undefined;
      try {
        cached = services.keyVerifier.verifyCached(credentials.key);
      } catch (error) {
        failed(request, reply, error, credentials.key, done);
        return;
      }
      if (cached) {
        setKeyActor(request, reply, cached);
        done();
        return;
      }
      services.keyVerifier.verify(credentials.key).then(
        (verified) => {
          setKeyActor(request, reply, verified);
          done();
        },
        (error: unknown) => failed(request, reply, error, credentials.key, done),
      );
    } catch (error) {
      done(error as Error);
    }
  };
}

/** The actor of an authenticated request; a route without the hook asking for one is a programming error. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated(INVALID_API_KEY_MESSAGE);
  return request.actor;
}
