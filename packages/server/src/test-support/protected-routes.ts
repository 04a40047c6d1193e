// The auth tests' view of the contract's route table: each route with a probe request and the lowest role its access lets through.
import {
  API_PREFIX,
  API_ROUTES,
  fillPath,
  routeId,
  type HttpMethod,
  type Role,
  type RouteAccess,
  type RouteDefinition,
} from '@teamset/contract';
import type { FastifyInstance } from 'fastify';

export type TestMethod = HttpMethod;

export interface ProtectedRoute {
  method: TestMethod;
  /** The pattern the server registers (a PATHS entry). */
  path: string;
  /** A concrete URL; sample params name nothing that exists, so probing a route changes no fixture state. */
  url: string;
  /** A valid body for the route, when it takes one. */
  body?: Record<string, unknown>;
  /** Lowest role that passes authorization on the probe; ADMIN means admin-only. */
  minRole: Role;
  /**
   * A management change (the access's `manages`) whose probe reaches that check: a read-only-management key gets
   * 403. A dataset route's probe names no dataset, a 404 first; the authorization matrix covers those.
   */
  refusesReadOnlyKey: boolean;
}

export interface RouteId {
  method: string;
  path: string;
}

interface Probe {
  params?: Record<string, string>;
  body?: Record<string, unknown>;
}

const NO_USER = 'nobody-here@example.com';
const NO_ID = '000000000000000000000000';
const NO_DATASET = 'no such dataset';
const NO_GROUP = 'no such group';
const onDataset = (body?: Record<string, unknown>): Probe => ({
  params: { name: NO_DATASET },
  ...(body ? { body } : {}),
});
const onSample: Probe = { params: { name: NO_DATASET, sampleId: NO_ID } };
const onGroup = (body?: Record<string, unknown>): Probe => ({ params: { group: NO_GROUP }, ...(body ? { body } : {}) });
const someView = { stages: [{ stage: 'limit', n: 5 }] };

/**
 * The request each route is probed with, by `METHOD path`: params that name nothing that exists and a valid body.
 * Only request data: who may call a route is its `access` in the contract. A route with params or a body and no
 * probe here fails at load, so a new route cannot slip past the auth tests.
 */
const PROBES: Readonly<Record<string, Probe>> = {
  'PATCH /api/v1/account': { body: { name: 'Route Table Probe' } },
  'POST /api/v1/account/password': {
    body: { currentPassword: 'not the current password', newPassword: 'a new password for the probe' },
  },
  'POST /api/v1/auth/login': { body: { email: 'nobody@example.com', password: 'not the password' } },
  'POST /api/v1/setup': {
    body: { token: 'not-the-token', email: 'root@example.com', name: 'Root', password: 'long enough' },
  },
  'POST /api/v1/invitations/accept': { body: { token: 'not-a-token', name: 'X', password: 'long enough' } },
  'POST /api/v1/invitations/lookup': { body: { token: 'not-a-token' } },
  'POST /api/v1/keys/revoke-leaked': { body: { keys: ['tsk_not-a-key'] } },

  'GET /api/v1/users/:user': { params: { user: NO_USER } },
  'PUT /api/v1/users/:user/role': { params: { user: NO_USER }, body: { role: 'MEMBER' } },
  'DELETE /api/v1/users/:user': { params: { user: NO_USER } },
  'POST /api/v1/invitations': { body: { email: 'table-invitee@example.com', role: 'MEMBER' } },
  'DELETE /api/v1/invitations/:id': { params: { id: NO_ID } },
  'POST /api/v1/keys': { body: { name: 'table probe' } },
  'DELETE /api/v1/keys/:keyId': { params: { keyId: NO_ID } },
  'POST /api/v1/keys/:keyId/rotate': { params: { keyId: NO_ID }, body: {} },
  'POST /api/v1/keys/bulk-revoke': { body: { keyIds: [NO_ID] } },
  'POST /api/v1/service-accounts': { body: { name: 'table-probe', role: 'MEMBER' } },
  'GET /api/v1/service-accounts/:account': { params: { account: 'no-such-account' } },
  'POST /api/v1/service-accounts/:account/disable': { params: { account: 'no-such-account' } },
  'POST /api/v1/service-accounts/:account/enable': { params: { account: 'no-such-account' } },
  'DELETE /api/v1/service-accounts/:account': { params: { account: 'no-such-account' } },

  'PATCH /api/v1/organization/settings': { body: { defaultDatasetPermission: 'NO_ACCESS' } },
  'PUT /api/v1/organization/media-roots': { body: { roots: [] } },

  // Dataset routes on a dataset that does not exist: 404 to every role, so the lowest role passes authorization.
  'POST /api/v1/datasets': {
    body: {
      name: 'table probe',
      mediaType: 'image',
      tags: ['probe'],
      description: 'made by the route table',
      info: { source: 'table' },
    },
  },
  'GET /api/v1/datasets/:name': onDataset(),
  'PATCH /api/v1/datasets/:name': onDataset({ description: 'probe' }),
  'DELETE /api/v1/datasets/:name': onDataset(),
  'GET /api/v1/datasets/:name/permissions': onDataset(),
  'GET /api/v1/datasets/:name/permissions/users/:user': { params: { name: NO_DATASET, user: NO_USER } },
  'PUT /api/v1/datasets/:name/permissions/users/:user': {
    params: { name: NO_DATASET, user: NO_USER },
    body: { permission: 'VIEW' },
  },
  'DELETE /api/v1/datasets/:name/permissions/users/:user': { params: { name: NO_DATASET, user: NO_USER } },
  'PUT /api/v1/datasets/:name/permissions/default': onDataset({ permission: 'VIEW' }),
  'GET /api/v1/users/:user/dataset-permissions': { params: { user: NO_USER } },

  // User groups: writes and other users' groups are admin-only; reads of a group that does not exist are 404 to everyone.
  'POST /api/v1/groups': { body: { name: 'table probe group', description: 'made by the route table', users: [] } },
  'GET /api/v1/groups/:group': onGroup(),
  'PATCH /api/v1/groups/:group': onGroup({ description: 'probe' }),
  'DELETE /api/v1/groups/:group': onGroup(),
  'POST /api/v1/groups/:group/users': onGroup({ users: [NO_USER] }),
  'POST /api/v1/groups/:group/users/remove': onGroup({ users: [NO_USER] }),
  'GET /api/v1/groups/:group/dataset-permissions': onGroup(),
  'GET /api/v1/users/:user/groups': { params: { user: NO_USER } },
  'GET /api/v1/datasets/:name/permissions/groups/:group': { params: { name: NO_DATASET, group: NO_GROUP } },
  'PUT /api/v1/datasets/:name/permissions/groups/:group': {
    params: { name: NO_DATASET, group: NO_GROUP },
    body: { permission: 'VIEW' },
  },
  'DELETE /api/v1/datasets/:name/permissions/groups/:group': { params: { name: NO_DATASET, group: NO_GROUP } },

  // Sample-level routes, on the same missing dataset: 404 to every role after authentication.
  'POST /api/v1/datasets/:name/clone': onDataset({
    name: 'table clone probe',
    view: { stages: [{ stage: 'limit', n: 1 }] },
  }),
  'POST /api/v1/datasets/:name/samples': onDataset({
    samples: [{ filepath: '/probe/a.jpg', tags: ['probe'], uniqueness: 0.5 }],
  }),
  'POST /api/v1/datasets/:name/samples/query': onDataset({
    view: { stages: [{ stage: 'match_tags', tags: ['probe'] }] },
    limit: 10,
  }),
  'POST /api/v1/datasets/:name/samples/delete': onDataset({ ids: [NO_ID] }),
  'GET /api/v1/datasets/:name/samples/:sampleId': onSample,
  'PATCH /api/v1/datasets/:name/samples/:sampleId': {
    ...onSample,
    body: { set: { uniqueness: 0.1 }, unset: ['probe_field'] },
  },
  'GET /api/v1/datasets/:name/samples/:sampleId/media': onSample,
  'GET /api/v1/datasets/:name/samples/:sampleId/thumbnail': onSample,
  'POST /api/v1/datasets/:name/values': onDataset({ view: someView, path: 'uniqueness', unwind: false }),
  'POST /api/v1/datasets/:name/set-values': onDataset({ path: 'uniqueness', values: [0.1] }),
  'POST /api/v1/datasets/:name/tags/add': onDataset({ view: someView, tags: ['probe'] }),
  'GET /api/v1/datasets/:name/tags/progress/:token': { params: { name: NO_DATASET, token: 'probe-token' } },
  'POST /api/v1/datasets/:name/tags/remove': onDataset({ view: someView, tags: ['probe'] }),
  'POST /api/v1/datasets/:name/tags/count': onDataset({ view: someView, labels: false }),
  'POST /api/v1/datasets/:name/aggregate': onDataset({ view: someView, aggregations: [{ type: 'count' }] }),
  'GET /api/v1/datasets/:name/fields': onDataset(),
  'POST /api/v1/datasets/:name/fields': onDataset({ path: 'probe_field', type: 'float' }),
  'DELETE /api/v1/datasets/:name/fields/:path': { params: { name: NO_DATASET, path: 'probe_field' } },
  'PATCH /api/v1/datasets/:name/fields/:path': {
    params: { name: NO_DATASET, path: 'probe_field' },
    body: { newPath: 'renamed_probe' },
  },
  'GET /api/v1/datasets/:name/views': onDataset(),
  'GET /api/v1/datasets/:name/views/:view': { params: { name: NO_DATASET, view: 'probe view' } },
  'PUT /api/v1/datasets/:name/views/:view': {
    params: { name: NO_DATASET, view: 'probe view' },
    body: { view: { stages: [] }, description: 'probe', overwrite: false },
  },
  'DELETE /api/v1/datasets/:name/views/:view': { params: { name: NO_DATASET, view: 'probe view' } },
};

/**
 * The lowest role that gets past authorization on a route's probe. A dataset route's probe names a dataset that
 * does not exist, which is a 404 to every role before any role check; a role route with `self` is probed on
 * another user, so only the role passes.
 */
export function minRoleOf(access: Exclude<RouteAccess, { kind: 'public' }>): Role {
  if (access.kind === 'role') return access.role;
  return 'GUEST';
}

function probed(route: RouteDefinition): ProtectedRoute {
  const probe = PROBES[routeId(route)] ?? {};
  if ((route.params && !probe.params) || (route.body && !probe.body))
    throw new Error(`no probe request for ${routeId(route)} in protected-routes.ts`);
  return {
    method: route.method,
    path: route.path,
    url: probe.params ? fillPath(route.path, probe.params) : route.path,
    minRole: route.access.kind === 'public' ? 'GUEST' : minRoleOf(route.access),
    refusesReadOnlyKey:
      route.access.kind !== 'public' && route.access.kind !== 'dataset' && route.access.manages === true,
    ...(probe.body ? { body: probe.body } : {}),
  };
}

const API = API_ROUTES.filter((r) => r.path.startsWith(`${API_PREFIX}/`));

/** Every route that needs credentials, from the contract. A registered route missing from the contract fails the coverage test in auth/authenticate.test.ts. */
export const PROTECTED_ROUTES: readonly ProtectedRoute[] = API.filter((r) => r.access.kind !== 'public').map(probed);

/** Routes under /api/v1 reachable without credentials, on purpose, with their probe requests. */
export const PUBLIC_ROUTES: readonly ProtectedRoute[] = API.filter((r) => r.access.kind === 'public').map(probed);

/** Every probe must belong to a route: a stale one would mean a route was renamed without its probe. */
const unknownProbes = Object.keys(PROBES).filter((id) => !API_ROUTES.some((r) => routeId(r) === id));
if (unknownProbes.length > 0) throw new Error(`probes for routes not in the contract: ${unknownProbes.join(', ')}`);

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
