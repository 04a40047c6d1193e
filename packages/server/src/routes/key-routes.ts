// API keys: generate and rotate (plaintext in that response only), list without secrets, delete, and public leak reports.
import { KEY_ROUTES } from '@teamset/contract';
import { LeakReportLimiter, type LeakReportBudget } from '../auth/leak-report-limiter.js';
import { sendError } from '../http/error-handler.js';
import { protectedRoute, publicRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';

export function registerKeyRoutes(app: TypedApp, ctx: RouteContext, leakReportLimit: LeakReportBudget): void {
  const { keys } = ctx.services;
  const leakReports = new LeakReportLimiter(leakReportLimit);

  protectedRoute(app, ctx, KEY_ROUTES.create, async (actor, request, reply) => {
    const created = await keys.generate(actor, request.body);
    // The plaintext key must not sit in any cache between us and the caller.
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(created);
  });

  protectedRoute(app, ctx, KEY_ROUTES.list, async (actor, request) => ({
    keys: await keys.list(actor, request.query),
  }));

  protectedRoute(app, ctx, KEY_ROUTES.delete, async (actor, request, reply) => {
    await keys.delete(actor, request.params.keyId);
    return reply.code(204).send(null);
  });

  protectedRoute(app, ctx, KEY_ROUTES.rotate, async (actor, request, reply) => {
    const rotated = await keys.rotate(actor, request.params.keyId, request.body);
    reply.header('cache-control', 'no-store');
    return reply.send(rotated);
  });

  publicRoute(app, KEY_ROUTES.revokeLeaked, async (request, reply) => {
    const wait = leakReports.admit(request.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return sendError(reply, request, 'RATE_LIMITED', `Too many leak reports from this address; retry in ${wait} s`);
    }
    // Answered before the keys are looked up: neither the answer nor its timing tells whether any was live.
    const report = keys.reportLeaked(request.body.keys, request.ip);
    report.done.catch((error: unknown) => request.log.error({ err: error }, 'leaked-key revocation failed'));
    return reply.code(202).send({ received: report.received });
  });
}
