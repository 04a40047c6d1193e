// Organization settings and the audit log (admin).
import {
  AuditEventList,
  ListAuditQuery,
  OrganizationSettings,
  PATHS,
  UpdateOrganizationSettingsBody,
} from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';

export function registerOrganizationRoutes(app: TypedApp, ctx: RouteContext): void {
  const { organization, audit } = ctx.services;
  const common = { onRequest: ctx.authenticate } as const;

  app.get(
    PATHS.organizationSettings,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        tags: ['organization'],
        security: SECURITY,
        summary: 'Organization settings (admin)',
        response: { 200: OrganizationSettings, ...PROTECTED_ERRORS },
      },
    },
    async (request) => organization.get(actorOf(request)),
  );

  app.patch(
    PATHS.organizationSettings,
    {
      ...common,
      schema: {
        querystring: NoQuery,
        tags: ['organization'],
        security: SECURITY,
        summary: 'Change organization settings (admin)',
        body: UpdateOrganizationSettingsBody,
        response: { 200: OrganizationSettings, ...PROTECTED_ERRORS },
      },
    },
    async (request) => organization.update(actorOf(request), request.body),
  );

  app.get(
    PATHS.audit,
    {
      ...common,
      schema: {
        tags: ['organization'],
        security: SECURITY,
        summary: 'Audit log, newest first (admin)',
        querystring: ListAuditQuery,
        response: { 200: AuditEventList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({
      // `before` has no upper bound in the contract, and PostgreSQL's bigint overflows past 2^63; ids stay far below 2^53.
      events: await audit.list(actorOf(request), {
        ...request.query,
        ...(request.query.before !== undefined
          ? { before: Math.min(request.query.before, Number.MAX_SAFE_INTEGER) }
          : {}),
      }),
    }),
  );
}
