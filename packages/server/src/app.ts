// buildApp: the Fastify application over a set of core services (used by `teamset serve` and by tests via inject()).
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from '@teamset/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAuthenticate } from './auth/authenticate.js';
import { FailedAuthLimiter, type FailedAuthLimiterOptions } from './auth/failed-auth-limiter.js';
import { installErrorHandling } from './http/error-handler.js';
import { loggerOptions } from './http/logging.js';
import { registerOpenApi } from './http/openapi.js';
import type { RouteContext, TypedApp } from './http/route-context.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerInvitationRoutes } from './routes/invitation-routes.js';
import { registerKeyRoutes } from './routes/key-routes.js';
import { registerOrganizationRoutes } from './routes/organization-routes.js';
import { registerUserRoutes } from './routes/user-routes.js';

export const SERVER_VERSION = '0.1.0';

export interface AppOptions {
  services: Services;
  /** pino level, or false for no logs (tests). */
  logLevel?: string | false;
  logStream?: NodeJS.WritableStream;
  publicUrl?: string;
  /** Trust X-Forwarded-* (behind a reverse proxy): client address and https detection. */
  trustProxy?: boolean;
  bodyLimitBytes?: number;
  failedAuthLimit?: FailedAuthLimiterOptions;
}

export const DEFAULT_FAILED_AUTH_LIMIT: FailedAuthLimiterOptions = { maxFailures: 20, windowMs: 60_000 };

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info', options.logStream),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    ajv: {
      // Unknown fields are rejected, not silently dropped; query strings still coerce "2" → 2.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandling(app);
  // JSON only: a text/plain body is a client mistake (415), not a string to validate.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await registerOpenApi(app, SERVER_VERSION);
  app.decorateRequest('actor', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const limiter = new FailedAuthLimiter(options.failedAuthLimit ?? DEFAULT_FAILED_AUTH_LIMIT);
  const ctx: RouteContext = {
    services: options.services,
    authenticate: createAuthenticate(options.services, limiter),
    limiter,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
  };
  const typed = app as unknown as TypedApp;
  registerHealthRoutes(typed);
  registerAuthRoutes(typed, ctx);
  registerUserRoutes(typed, ctx);
  registerInvitationRoutes(typed, ctx);
  registerKeyRoutes(typed, ctx);
  registerOrganizationRoutes(typed, ctx);
  return app;
}
