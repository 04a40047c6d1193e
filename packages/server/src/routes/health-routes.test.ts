// Health check (FiftyOne-compatible), the OpenAPI document and the browsable /docs page.
import { PATHS } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/auth-fixture.js';
import { PROTECTED_ROUTES } from '../test-support/protected-routes.js';

interface OpenApiOperation {
  responses?: Record<string, unknown>;
  security?: Array<Record<string, unknown>>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  parameters?: Array<{ name: string; in: string }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { securitySchemes?: Record<string, unknown>; schemas?: Record<string, unknown> };
}

describe('health, OpenAPI and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('GET /health → {"status":"available"} without credentials', async () => {
    const response = await t.inject({ method: 'GET', url: PATHS.health });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toBe('{"status":"available"}');
  });

  it('every response carries an x-request-id', async () => {
    const a = await t.inject({ method: 'GET', url: PATHS.health });
    const b = await t.inject({ method: 'GET', url: PATHS.health });
    expect(a.headers['x-request-id']).toBeTypeOf('string');
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('/api/v1/openapi.json is an OpenAPI 3 document listing every protected route with its security', async () => {
    const response = await t.inject({ method: 'GET', url: PATHS.openapi });
    expect(response.statusCode).toBe(200);
    const doc = response.json<OpenApiDocument>();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBe('Teamset API');
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual(['apiKey', 'bearer', 'session']);

    expect(doc.paths['/api/v1/keys']?.post?.requestBody?.content?.['application/json']?.schema).toBeDefined();
    expect(doc.paths['/api/v1/keys']?.post?.responses?.['201']).toBeDefined();
    expect(doc.paths['/api/v1/keys']?.get?.parameters?.map((p) => `${p.in}:${p.name}`)).toContain('query:user');
    expect(doc.paths['/api/v1/keys/{keyId}']?.delete?.parameters?.map((p) => `${p.in}:${p.name}`)).toContain(
      'path:keyId',
    );
    expect(doc.paths['/health']?.get).toBeDefined();

    for (const route of PROTECTED_ROUTES) {
      const path = route.path.replace(/:([a-zA-Z]+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${path} missing from OpenAPI`).toBeDefined();
      expect(operation?.security?.length, `${route.method} ${path} has no security`).toBeGreaterThan(0);
      expect(operation?.responses?.['401'], `${route.method} ${path} documents no 401`).toBeDefined();
    }
    // Every $ref points at something that exists.
    const text = response.body;
    for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(doc.components?.schemas?.[ref ?? ''], ref).toBeDefined();
  });

  it('/docs serves a browsable HTML page', async () => {
    let response = await t.inject({ method: 'GET', url: '/docs' });
    if (response.statusCode >= 300 && response.statusCode < 400)
      response = await t.inject({ method: 'GET', url: String(response.headers.location) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html/i);
  });
});
