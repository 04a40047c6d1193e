// The one table of every protected /api/v1 route (sample request, minimum role), the public ones, and a lister of registered routes.
import { API_PREFIX, PATHS, fillPath, type Role } from '@teamset/contract';
import type { FastifyInstance } from 'fastify';

export type TestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ProtectedRoute {
  method: TestMethod;
  /** The pattern the server registers (a PATHS entry). */
  path: string;
  /** A concrete URL; sample params name nothing that exists, so probing a route changes no fixture state. */
  url: string;
  /** A valid body for the route, when it takes one. */
  body?: Record<string, unknown>;
  /** Lowest role that passes authorization; ADMIN means admin-only. */
  minRole: Role;
}

export interface RouteId {
  method: string;
  path: string;
}

const NO_USER = 'nobody-here@example.com';
const NO_ID = '000000000000000000000000';
const NO_DATASET = 'no such dataset';

const route = (
  method: TestMethod,
  path: string,
  minRole: Role,
  extra: { params?: Record<string, string>; body?: Record<string, unknown> } = {},
): ProtectedRoute => ({
  method,
  path,
  url: extra.params ? fillPath(path, extra.params) : path,
  minRole,
  ...(extra.body ? { body: extra.body } : {}),
});

/** Every route that needs credentials. A route missing here fails the coverage test in auth/authenticate.test.ts. */
export const PROTECTED_ROUTES: readonly ProtectedRoute[] = [
  route('GET', PATHS.whoami, 'GUEST'),
  route('POST', PATHS.logout, 'GUEST'),
  route('PATCH', PATHS.account, 'GUEST', { body: { name: 'Route Table Probe' } }),
  route('POST', PATHS.accountPassword, 'GUEST', {
    body: { currentPassword: 'not the current password', newPassword: 'a new password for the probe' },
  }),

  route('GET', PATHS.users, 'ADMIN'),
  route('GET', PATHS.user, 'ADMIN', { params: { user: NO_USER } }),
  route('PUT', PATHS.userRole, 'ADMIN', { params: { user: NO_USER }, body: { role: 'MEMBER' } }),
  route('DELETE', PATHS.user, 'ADMIN', { params: { user: NO_USER } }),

  route('POST', PATHS.invitations, 'ADMIN', { body: { email: 'table-invitee@example.com', role: 'MEMBER' } }),
  route('GET', PATHS.invitations, 'ADMIN'),
  route('DELETE', PATHS.invitation, 'ADMIN', { params: { id: NO_ID } }),

  route('POST', PATHS.keys, 'COLLABORATOR', { body: { name: 'table probe' } }),
  route('GET', PATHS.keys, 'COLLABORATOR'),
  route('DELETE', PATHS.key, 'COLLABORATOR', { params: { keyId: NO_ID } }),

  route('GET', PATHS.organizationSettings, 'ADMIN'),
  route('PATCH', PATHS.organizationSettings, 'ADMIN', { body: { defaultDatasetPermission: 'NO_ACCESS' } }),
  route('GET', PATHS.audit, 'ADMIN'),
  route('GET', PATHS.organizationMediaRoots, 'ADMIN'),
  route('PUT', PATHS.organizationMediaRoots, 'ADMIN', { body: { roots: [] } }),

  // Dataset routes on a dataset that does not exist: 404 to every role, so the lowest role passes authorization.
  route('GET', PATHS.datasets, 'GUEST'),
  route('POST', PATHS.datasets, 'MEMBER', {
    body: {
      name: 'table probe',
      mediaType: 'image',
      tags: ['probe'],
      description: 'made by the route table',
      info: { source: 'table' },
    },
  }),
  route('GET', PATHS.dataset, 'GUEST', { params: { name: NO_DATASET } }),
  route('PATCH', PATHS.dataset, 'GUEST', { params: { name: NO_DATASET }, body: { description: 'probe' } }),
  route('DELETE', PATHS.dataset, 'GUEST', { params: { name: NO_DATASET } }),
  route('GET', PATHS.datasetPermissions, 'GUEST', { params: { name: NO_DATASET } }),
  route('GET', PATHS.datasetUserPermission, 'GUEST', { params: { name: NO_DATASET, user: NO_USER } }),
  route('PUT', PATHS.datasetUserPermission, 'GUEST', {
    params: { name: NO_DATASET, user: NO_USER },
    body: { permission: 'VIEW' },
  }),
  route('DELETE', PATHS.datasetUserPermission, 'GUEST', { params: { name: NO_DATASET, user: NO_USER } }),
  route('PUT', PATHS.datasetDefaultPermission, 'GUEST', { params: { name: NO_DATASET }, body: { permission: 'VIEW' } }),
  route('GET', PATHS.userDatasetPermissions, 'ADMIN', { params: { user: NO_USER } }),

  // User groups: writes and other users' groups are admin-only; reads of a group that does not exist are 404 to everyone.
  route('GET', PATHS.userGroups, 'GUEST'),
  route('POST', PATHS.userGroups, 'ADMIN', {
    body: { name: 'table probe group', description: 'made by the route table', users: [] },
  }),
  route('GET', PATHS.userGroup, 'GUEST', { params: { group: 'no such group' } }),
  route('PATCH', PATHS.userGroup, 'ADMIN', { params: { group: 'no such group' }, body: { description: 'probe' } }),
  route('DELETE', PATHS.userGroup, 'ADMIN', { params: { group: 'no such group' } }),
  route('POST', PATHS.userGroupUsers, 'ADMIN', { params: { group: 'no such group' }, body: { users: [NO_USER] } }),
  route('POST', PATHS.userGroupUsersRemove, 'ADMIN', {
    params: { group: 'no such group' },
    body: { users: [NO_USER] },
  }),
  route('GET', PATHS.userGroupDatasetPermissions, 'ADMIN', { params: { group: 'no such group' } }),
  route('GET', PATHS.userUserGroups, 'ADMIN', { params: { user: NO_USER } }),
  route('GET', PATHS.datasetGroupPermission, 'GUEST', { params: { name: NO_DATASET, group: 'no such group' } }),
  route('PUT', PATHS.datasetGroupPermission, 'GUEST', {
    params: { name: NO_DATASET, group: 'no such group' },
    body: { permission: 'VIEW' },
  }),
  route('DELETE', PATHS.datasetGroupPermission, 'GUEST', { params: { name: NO_DATASET, group: 'no such group' } }),

  // Sample-level routes, on the same missing dataset: 404 to every role after authentication.
  route('POST', PATHS.datasetClone, 'GUEST', {
    params: { name: NO_DATASET },
    body: { name: 'table clone probe', view: { stages: [{ stage: 'limit', n: 1 }] } },
  }),
  route('POST', PATHS.samples, 'GUEST', {
    params: { name: NO_DATASET },
    body: { samples: [{ filepath: '/probe/a.jpg', tags: ['probe'], uniqueness: 0.5 }] },
  }),
  route('POST', PATHS.samplesQuery, 'GUEST', {
    params: { name: NO_DATASET },
    body: { view: { stages: [{ stage: 'match_tags', tags: ['probe'] }] }, limit: 10 },
  }),
  route('POST', PATHS.samplesDelete, 'GUEST', { params: { name: NO_DATASET }, body: { ids: [NO_ID] } }),
  route('GET', PATHS.sample, 'GUEST', { params: { name: NO_DATASET, sampleId: NO_ID } }),
  route('PATCH', PATHS.sample, 'GUEST', {
    params: { name: NO_DATASET, sampleId: NO_ID },
    body: { set: { uniqueness: 0.1 }, unset: ['probe_field'] },
  }),
  route('GET', PATHS.sampleMedia, 'GUEST', { params: { name: NO_DATASET, sampleId: NO_ID } }),
  route('GET', PATHS.sampleThumbnail, 'GUEST', { params: { name: NO_DATASET, sampleId: NO_ID } }),
  route('POST', PATHS.values, 'GUEST', {
    params: { name: NO_DATASET },
    body: { view: { stages: [{ stage: 'limit', n: 5 }] }, path: 'uniqueness', unwind: false },
  }),
  route('POST', PATHS.setValues, 'GUEST', {
    params: { name: NO_DATASET },
    body: { path: 'uniqueness', values: [0.1] },
  }),
  route('POST', PATHS.tag, 'GUEST', {
    params: { name: NO_DATASET },
    body: { view: { stages: [{ stage: 'limit', n: 5 }] }, tags: ['probe'] },
  }),
  route('POST', PATHS.untag, 'GUEST', {
    params: { name: NO_DATASET },
    body: { view: { stages: [{ stage: 'limit', n: 5 }] }, tags: ['probe'] },
  }),
  route('POST', PATHS.countTags, 'GUEST', {
    params: { name: NO_DATASET },
    body: { view: { stages: [{ stage: 'limit', n: 5 }] }, labels: false },
  }),
  route('POST', PATHS.aggregate, 'GUEST', {
    params: { name: NO_DATASET },
    body: { view: { stages: [{ stage: 'limit', n: 5 }] }, aggregations: [{ type: 'count' }] },
  }),
  route('GET', PATHS.fields, 'GUEST', { params: { name: NO_DATASET } }),
  route('POST', PATHS.fields, 'GUEST', { params: { name: NO_DATASET }, body: { path: 'probe_field', type: 'float' } }),
  route('DELETE', PATHS.field, 'GUEST', { params: { name: NO_DATASET, path: 'probe_field' } }),
  route('PATCH', PATHS.field, 'GUEST', {
    params: { name: NO_DATASET, path: 'probe_field' },
    body: { newPath: 'renamed_probe' },
  }),
  route('GET', PATHS.savedViews, 'GUEST', { params: { name: NO_DATASET } }),
  route('GET', PATHS.savedView, 'GUEST', { params: { name: NO_DATASET, view: 'probe view' } }),
  route('PUT', PATHS.savedView, 'GUEST', {
    params: { name: NO_DATASET, view: 'probe view' },
    body: { view: { stages: [] }, description: 'probe', overwrite: false },
  }),
  route('DELETE', PATHS.savedView, 'GUEST', { params: { name: NO_DATASET, view: 'probe view' } }),
];

/** Routes under /api/v1 reachable without credentials, on purpose. */
export const PUBLIC_ROUTES: readonly RouteId[] = [
  { method: 'POST', path: PATHS.login },
  { method: 'GET', path: PATHS.setup },
  { method: 'POST', path: PATHS.setup },
  { method: 'POST', path: PATHS.acceptInvitation },
  { method: 'GET', path: PATHS.openapi },
];

export function routeKey(r: RouteId): string {
  return `${r.method} ${r.path}`;
}

/**
 * Every (method, path) the app registers, read from `printRoutes({ commonPrefix: false })`:
 * a tree whose lines are `<indent>├── <segment> (METHODS)`, indent four characters per level.
 */
export function listRegisteredRoutes(app: FastifyInstance): RouteId[] {
  const routes: RouteId[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const methods = match[3];
    if (!methods) continue;
    const path = stack.join('');
    for (const method of methods.split(',').map((m) => m.trim())) routes.push({ method, path });
  }
  return routes;
}

/** Registered API routes that are meant to be protected: under /api/v1, not public, HEAD left out (Fastify derives it from GET). */
export function registeredProtectedRoutes(app: FastifyInstance): string[] {
  const publicKeys = new Set(PUBLIC_ROUTES.map(routeKey));
  return listRegisteredRoutes(app)
    .filter((r) => r.path.startsWith(`${API_PREFIX}/`) && r.method !== 'HEAD')
    .map(routeKey)
    .filter((key) => !publicKeys.has(key))
    .sort();
}
