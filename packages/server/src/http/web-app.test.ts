// The web app at /: built files with the right caching, index.html for client-side routes, JSON 404s kept for server paths.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';
import { installErrorHandling } from './error-handler.js';
import { findWebRoot, isServerPath, registerWebApp, WEB_CONTENT_SECURITY_POLICY } from './web-app.js';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

async function appOver(root: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.get('/api/v1/thing', async () => ({ ok: true }));
  await registerWebApp(app, { root });
  await app.ready();
  return app;
}

describe('registerWebApp over a built web app', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teamset-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    app = await appOver(dir);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET / is index.html, revalidated on every load, with a CSP that forbids framing', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: HTML });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(INDEX);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toBe(WEB_CONTENT_SECURITY_POLICY);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it.each([
    '/settings/api-keys',
    '/team/users?page=2',
    '/datasets/my%20dataset/manage',
    '/setup',
    '/accept-invitation?token=abc',
  ])('a page load of %s gets index.html', async (url) => {
    const response = await app.inject({ method: 'GET', url, headers: HTML });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('hashed assets are cached for a year as immutable; other files revalidate', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toBeUndefined();
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('server paths keep their JSON 404, even for a browser asking for HTML', async () => {
    for (const url of ['/api/v1/nope', '/api', '/health/x', '/graphql/v2', '/docs-nope']) {
      expectError(await app.inject({ method: 'GET', url, headers: HTML }), 404, 'NOT_FOUND');
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/thing', headers: HTML })).json()).toEqual({ ok: true });
  });

  it('a missing file requested by a script or image (not a page load) is a 404, not index.html', async () => {
    expectError(
      await app.inject({ method: 'GET', url: '/assets/missing-123.js', headers: { accept: '*/*' } }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await app.inject({ method: 'GET', url: '/settings', headers: { accept: 'application/json' } }),
      404,
      'NOT_FOUND',
    );
  });

  it('serves no dotfiles and nothing outside the build folder', async () => {
    for (const url of ['/.env', '/../package.json', '/assets/../../../package.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: '*/*' } });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.body, url).not.toContain('SECRET');
      expect(response.body, url).not.toContain('"workspaces"');
    }
    // As a page load, a dotfile path is just another client-side route: index.html, never the file.
    expect((await app.inject({ method: 'GET', url: '/.env', headers: HTML })).body).toBe(INDEX);
  });

  it('HEAD works like GET for pages and assets', async () => {
    expect((await app.inject({ method: 'HEAD', url: '/team/users', headers: HTML })).statusCode).toBe(200);
    expect((await app.inject({ method: 'HEAD', url: '/assets/index-Ab12Cd34.js' })).statusCode).toBe(200);
  });
});

describe('registerWebApp without a build', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teamset-web-missing-'));
    app = await appOver(join(dir, 'not-built'));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a page load gets a clear page saying how to build it (503, not cached)', async () => {
    const response = await app.inject({ method: 'GET', url: '/settings/api-keys', headers: HTML });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('web app is not built');
    expect(response.body).toContain('npm run build');
  });

  it('the API is unaffected', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/thing' })).statusCode).toBe(200);
    expectError(await app.inject({ method: 'GET', url: '/api/v1/nope', headers: HTML }), 404, 'NOT_FOUND');
  });
});

describe('the web app inside buildApp', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a page load with HTML (the app, or the build-missing page) while /health, /docs and unknown API paths keep theirs', async () => {
    const page = await t.inject({ method: 'GET', url: '/datasets', headers: HTML });
    expect([200, 503]).toContain(page.statusCode);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect((await t.inject({ method: 'GET', url: '/health', headers: HTML })).body).toBe('{"status":"available"}');
    expectError(await t.inject({ method: 'GET', url: '/api/v1/nope', headers: HTML }), 404, 'NOT_FOUND');
    let docs = await t.inject({ method: 'GET', url: '/docs', headers: HTML });
    if (docs.statusCode >= 300 && docs.statusCode < 400)
      docs = await t.inject({ method: 'GET', url: String(docs.headers.location), headers: HTML });
    expect(docs.body).toMatch(/swagger/i);
  });

  it('leaves the router’s own answers alone: an over-long parameter is its 400, a POST to a page path a JSON 404', async () => {
    expect(
      expectError(
        await t.inject({ method: 'GET', url: `/api/v1/users/${'a'.repeat(5000)}`, headers: HTML }),
        400,
        'BAD_REQUEST',
      ).message,
    ).toBe('A path parameter is too long');
    expectError(
      await t.inject({ method: 'POST', url: '/settings/api-keys', headers: HTML, payload: {} }),
      404,
      'NOT_FOUND',
    );
  });

  it('the web routes are not in the OpenAPI document', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/') && p !== '/health')).toEqual([]);
  });
});

describe('findWebRoot', () => {
  it("takes the first folder with an index.html: the repository's build, else the copy an installed server carries", () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamset-web-root-'));
    try {
      const repository = join(dir, 'web', 'dist');
      const packaged = join(dir, 'server', 'dist', 'web');
      mkdirSync(packaged, { recursive: true });
      writeFileSync(join(packaged, 'index.html'), INDEX);
      // Installed from a tarball: no repository build beside the package.
      expect(findWebRoot([repository, packaged])).toBe(packaged);
      mkdirSync(repository, { recursive: true });
      writeFileSync(join(repository, 'index.html'), INDEX);
      expect(findWebRoot([repository, packaged])).toBe(repository);
      // Neither built: the repository's, whose missing index.html gives the "not built" page.
      expect(findWebRoot([join(dir, 'none'), join(dir, 'neither')])).toBe(join(dir, 'none'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('isServerPath', () => {
  it.each([
    ['/api', true],
    ['/api/v1/whoami', true],
    ['/health', true],
    ['/docs', true],
    ['/docs/static/index.html', true],
    ['/graphql/v1', true],
    ['/apikeys', false],
    ['/healthy', false],
    ['/settings/api-keys', false],
    ['/', false],
  ])('%s → %s', (path, expected) => {
    expect(isServerPath(path)).toBe(expected);
  });
});
