// The organization (admin): settings, the audit log and media roots; and the unauthenticated meta routes.
import { Health } from '../schemas/auth.js';
import { MediaRootList, UpdateMediaRootsBody } from '../schemas/media.js';
import {
  AuditEventList,
  ListAuditQuery,
  OrganizationSettings,
  UpdateOrganizationSettingsBody,
} from '../schemas/organization.js';
import { PATHS } from '../routes.js';
import { defineRoute } from './route-definition.js';

const admin = { kind: 'role', role: 'ADMIN' } as const;

export const ORGANIZATION_ROUTES = {
  settings: defineRoute({
    method: 'GET',
    path: PATHS.organizationSettings,
    tags: ['organization'],
    access: admin,
    summary: 'Organization settings (admin)',
    response: { 200: OrganizationSettings },
  }),
  updateSettings: defineRoute({
    method: 'PATCH',
    path: PATHS.organizationSettings,
    tags: ['organization'],
    access: { ...admin, manages: true },
    summary: 'Change organization settings (admin)',
    body: UpdateOrganizationSettingsBody,
    response: { 200: OrganizationSettings },
  }),
  audit: defineRoute({
    method: 'GET',
    path: PATHS.audit,
    tags: ['organization'],
    access: admin,
    summary: 'Audit log, newest first (admin)',
    querystring: ListAuditQuery,
    response: { 200: AuditEventList },
  }),
  mediaRoots: defineRoute({
    method: 'GET',
    path: PATHS.organizationMediaRoots,
    tags: ['organization'],
    access: admin,
    summary: 'Media roots: the organization’s (changeable) and the server’s (--media-root, read-only) (admin)',
    response: { 200: MediaRootList },
  }),
  replaceMediaRoots: defineRoute({
    method: 'PUT',
    path: PATHS.organizationMediaRoots,
    tags: ['organization'],
    access: { ...admin, manages: true },
    summary:
      'Replace the organization’s media roots: absolute paths of existing directories, stored as their realpath (admin)',
    body: UpdateMediaRootsBody,
    response: { 200: MediaRootList },
  }),
} as const;

export const META_ROUTES = {
  /** FiftyOne-compatible: `GET /health` → {"status":"available"}, whatever the query string. */
  health: defineRoute({
    method: 'GET',
    path: PATHS.health,
    tags: ['meta'],
    access: { kind: 'public' },
    anyQuery: true,
    summary: 'Health check',
    response: { 200: Health },
  }),
  /** The OpenAPI document itself, left out of the document. */
  openapi: defineRoute({
    method: 'GET',
    path: PATHS.openapi,
    tags: ['meta'],
    access: { kind: 'public' },
    hidden: true,
    summary: 'This API as OpenAPI 3',
    response: {},
  }),
} as const;
