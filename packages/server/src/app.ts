// buildApp: the Fastify application over a set of core services (used by `teamset serve` and by tests via inject()).
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from '@teamset/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAuthenticate } from './auth/authenticate.js';
import { FailedAuthLimiter, type FailedAuthLimiterOptions } from './auth/failed-auth-limiter.js';
import { DEFAULT_LEAK_REPORT_LIMIT, type LeakReportBudget } from './auth/leak-report-limiter.js';
import { auditLockouts } from './auth/lockout-audit.js';
import { frameworkErrorHandler, installErrorHandling } from './http/error-handler.js';
import { installJsonBodyParser, installNdjsonBodyParser } from './http/json-body-parser.js';
import { loggerOptions } from './http/logging.js';
import { DebugRequestLogController } from './http/request-logging.js';
import { installRequestCancellation } from './http/request-cancellation.js';
import { registerOpenApi } from './http/openapi.js';
import type { RouteContext, TypedApp } from './http/route-context.js';
import { validatorCompiler } from './http/validator-compiler.js';
import { registerGraphqlRoutes } from './graphql/graphql-routes.js';
import { DEFAULT_GRAPHQL_LIMITS, type GraphQLLimits } from './graphql/query-limits.js';
import { registerWebApp } from './http/web-app.js';
import { registerAccountRoutes } from './routes/account-routes.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerCloneRoutes } from './routes/clone-routes.js';
import { registerDatasetRoutes } from './routes/dataset-routes.js';
import { registerFieldRoutes } from './routes/field-routes.js';
import { registerGroupRoutes } from './routes/group-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerInvitationRoutes } from './routes/invitation-routes.js';
import { registerKeyRoutes } from './routes/key-routes.js';
import { registerServiceAccountRoutes } from './routes/service-account-routes.js';
import { registerMediaRoutes } from './routes/media-routes.js';
import { registerOrganizationRoutes } from './routes/organization-routes.js';
import { registerSampleRoutes } from './routes/sample-routes.js';
import { registerSavedViewRoutes } from './routes/saved-view-routes.js';
import { registerTagRoutes } from './routes/tag-routes.js';
import { registerUserRoutes } from './routes/user-routes.js';
import { registerViewReadRoutes } from './routes/view-read-routes.js';

export const SERVER_VERSION = '0.1.0';

export interface AppOptions {
  services: Services;
  /** pino level, or false for no logs (tests). */
  logLevel?: string | false;
  logStream?: NodeJS.WritableStream;
  publicUrl?: string;
  /**
   * Behind one reverse proxy: take the client address, host and https from the X-Forwarded-* it adds. The
   * failed-auth limits and the audit log then see the forwarded client address; without it they see the socket's.
   */
  trustProxy?: boolean;
  bodyLimitBytes?: number;
  /** Budgets of failed authentication per window (default DEFAULT_FAILED_AUTH_LIMIT). */
  failedAuthLimit?: FailedAuthLimiterOptions;
  /** Leak reports (POST /keys/revoke-leaked) per client address and window (default DEFAULT_LEAK_REPORT_LIMIT). */
  leakReportLimit?: LeakReportBudget;
  /** Most bytes the thumbnail folder may hold (default 4 GiB); the least recently served thumbnails go first. */
  thumbnailCacheBytes?: number;
  /** GraphQL's depth and cost limits (defaults: DEFAULT_GRAPHQL_LIMITS); either may be given alone. */
  graphqlLimits?: Partial<GraphQLLimits>;
}

/** Hop 0 is the peer that connected to us (the reverse proxy); what it reports is the client, anything further left is hearsay. */
function trustImmediateProxy(_address: string, hop: number): boolean {
  return hop === 0;
}

/** Above every path parameter's schema limit (UserRef: 254, percent-encoded up to 3 bytes per character). */
const MAX_PARAM_LENGTH = 1024;

/** 20 failures a minute per address, per key prefix and per (account, address); 100 a minute per account. */
export const DEFAULT_FAILED_AUTH_LIMIT: FailedAuthLimiterOptions = {
  maxFailures: 20,
  windowMs: 60_000,
  maxAccountFailures: 100,
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info', options.logStream),
    logController: new DebugRequestLogController(),
    // Not `true`: that trusts every hop, making request.ip the left-most X-Forwarded-For entry — written by the
    // client — so anyone could dodge the failed-auth limits with a made-up header. Trust only the proxy we sit behind.
    trustProxy: options.trustProxy ? trustImmediateProxy : false,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    // Above Fastify's default (100), so a valid long email in /users/:user meets the schema (254), which names the field.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // A bad percent-encoding or over-long parameter is answered in ErrorBody's shape, like every other error.
    frameworkErrors: frameworkErrorHandler,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Not Ajv: it coerces JSON bodies too ({"name": 42} would be accepted as "42"). Unknown fields are rejected.
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandling(app);
  // JSON only: a text/plain body is a client mistake (415), not a string to validate.
  app.removeContentTypeParser('text/plain');
  installJsonBodyParser(app);
  installNdjsonBodyParser(app);
  installRequestCancellation(app);
  await app.register(cookie);
  await registerOpenApi(app, SERVER_VERSION);
  app.decorateRequest('actor', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const limiter = new FailedAuthLimiter(
    options.failedAuthLimit ?? DEFAULT_FAILED_AUTH_LIMIT,
    auditLockouts(options.services.audit, app.log),
  );
  const ctx: RouteContext = {
    services: options.services,
    authenticate: createAuthenticate(options.services, limiter),
    limiter,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
  };
  const typed = app as unknown as TypedApp;
  registerHealthRoutes(typed);
  registerAuthRoutes(typed, ctx);
  registerAccountRoutes(typed, ctx);
  registerUserRoutes(typed, ctx);
  registerInvitationRoutes(typed, ctx);
  registerKeyRoutes(typed, ctx, options.leakReportLimit ?? DEFAULT_LEAK_REPORT_LIMIT);
  registerServiceAccountRoutes(typed, ctx);
  registerOrganizationRoutes(typed, ctx);
  registerDatasetRoutes(typed, ctx);
  registerGroupRoutes(typed, ctx);
  registerGraphqlRoutes(typed, ctx, { ...DEFAULT_GRAPHQL_LIMITS, ...options.graphqlLimits });
  registerCloneRoutes(typed, ctx);
  registerSampleRoutes(typed, ctx);
  registerViewReadRoutes(typed, ctx);
  registerTagRoutes(typed, ctx);
  registerFieldRoutes(typed, ctx);
  registerSavedViewRoutes(typed, ctx);
  registerMediaRoutes(
    typed,
    ctx,
    options.thumbnailCacheBytes !== undefined ? { thumbnailCacheBytes: options.thumbnailCacheBytes } : {},
  );
  await registerWebApp(app);
  return app;
}
