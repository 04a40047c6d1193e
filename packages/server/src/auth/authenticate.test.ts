// Every protected route gets the shared auth checks; the contract's route table must be exactly what the app registers.
import { API_PREFIX, API_ROUTES, PATHS, routeId } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/auth-fixture.js';
import { describeAuthChecks } from '../test-support/describe-auth-checks.js';
import {
  PROTECTED_ROUTES,
  PUBLIC_ROUTES,
  listRegisteredRoutes,
  registeredProtectedRoutes,
  routeKey,
} from '../test-support/protected-routes.js';

describe('protected-route table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the route lister reads the registered routes (sanity check of the parser)', () => {
    const all = listRegisteredRoutes(t.app).map(routeKey);
    expect(all).toContain(`GET ${PATHS.health}`);
    expect(all).toContain(`DELETE ${PATHS.key}`);
    expect(all).toContain(`PUT ${PATHS.userRole}`);
    expect(all).toContain(`POST ${PATHS.acceptInvitation}`);
  });

  it('the contract declares every route registered under /api/v1 and /health, and the app registers every one it declares', () => {
    const registered = listRegisteredRoutes(t.app)
      .filter((r) => (r.path.startsWith(`${API_PREFIX}/`) || r.path === PATHS.health) && r.method !== 'HEAD')
      .map(routeKey)
      .sort();
    const declared = API_ROUTES.map(routeId).sort();
    expect(new Set(declared).size, 'a route declared twice in the contract').toBe(declared.length);
    expect(declared).toEqual(registered);
  });

  it('lists every route registered under /api/v1 except the public ones, and nothing else', () => {
    const table = PROTECTED_ROUTES.map(routeKey).sort();
    expect(new Set(table).size, 'duplicate rows in PROTECTED_ROUTES').toBe(table.length);
    expect(table).toEqual(registeredProtectedRoutes(t.app));
  });

  it('every public route exists (a stale public entry would hide a protected route)', () => {
    const all = new Set(listRegisteredRoutes(t.app).map(routeKey));
    for (const r of PUBLIC_ROUTES) expect(all.has(routeKey(r)), routeKey(r)).toBe(true);
  });

  it('public routes answer without credentials (never 401)', async () => {
    for (const r of PUBLIC_ROUTES) {
      const response = await t.inject({
        method: r.method as 'GET' | 'POST',
        url: r.path,
        ...(r.method === 'POST' ? { payload: {} } : {}),
      });
      expect(response.statusCode, `${routeKey(r)}: ${response.body}`).not.toBe(401);
      expect(response.statusCode).toBeLessThan(500);
    }
  });
});

describe('auth checks on every protected route', () => {
  describeAuthChecks(PROTECTED_ROUTES);
});
