// Tests for HttpClient against a real in-process node:http server: retry policy, timeouts, unreachable hosts.
import { formatApiKey } from '@teamset/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, ConfigError, ConnectionError, RateLimitedError, ServerError } from '../errors.js';
import {
  errorBody,
  sendJson,
  startTestServer,
  unusedPort,
  type Handler,
  type TestServer,
} from '../test-support/http-test-server.js';
import { HttpClient } from './http-client.js';

const KEY = formatApiKey('Kk1Ll2Mm3Nn4Oo5Pp6Qq7Rr8Ss9Tt0Uu');
const servers: TestServer[] = [];

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

function client(apiUri: string, options: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient {
  return new HttpClient({ apiUri, apiKey: KEY, retryBaseDelayMs: 5, maxRetryDelayMs: 1_000, ...options });
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('HttpClient', () => {
  it('sends the key as X-API-Key, JSON bodies, and query parameters', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { ok: true }));
    await client(server.url).get('/api/v1/users', { search: 'a b', page: 2, pageSize: undefined });
    await client(server.url).post('/api/v1/keys', { name: 'laptop' });
    const [get, post] = server.requests;
    expect(get?.url).toBe('/api/v1/users?search=a+b&page=2');
    expect(get?.headers['x-api-key']).toBe(KEY);
    expect(post?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post?.body ?? '')).toEqual({ name: 'laptop' });
  });

  it('keeps a path prefix in api_uri and resolves 204 to undefined', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await expect(client(`${server.url}/teamset/`).delete('/api/v1/keys/k1')).resolves.toBeUndefined();
    expect(server.requests[0]?.url).toBe('/teamset/api/v1/keys/k1');
  });

  it('retries a GET after 503 and succeeds', async () => {
    const server = await serve((_req, res, index) =>
      index < 2
        ? sendJson(res, 503, errorBody('UNAVAILABLE', 'starting up'))
        : sendJson(res, 200, { status: 'available' }),
    );
    await expect(client(server.url).get('/health')).resolves.toEqual({ status: 'available' });
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after maxAttempts and throws the last error', async () => {
    const server = await serve((_req, res) => sendJson(res, 502, errorBody('INTERNAL', 'bad gateway')));
    await expect(client(server.url).put('/api/v1/users/u/role', { role: 'MEMBER' })).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('never retries POST or PATCH', async () => {
    const server = await serve((_req, res) => sendJson(res, 503, errorBody('UNAVAILABLE', 'busy')));
    await expect(client(server.url).post('/api/v1/keys', { name: 'x' })).rejects.toMatchObject({ status: 503 });
    await expect(
      client(server.url).patch('/api/v1/organization/settings', { defaultUserRole: 'GUEST' }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 500 or a 4xx', async () => {
    const server = await serve((_req, res, index) =>
      index === 0
        ? sendJson(res, 500, errorBody('INTERNAL', 'bug'))
        : sendJson(res, 401, errorBody('UNAUTHENTICATED', 'Invalid or expired API key')),
    );
    await expect(client(server.url).get('/a')).rejects.toBeInstanceOf(ServerError);
    await expect(client(server.url).get('/b')).rejects.toBeInstanceOf(AuthenticationError);
    expect(server.requests).toHaveLength(2);
  });

  it('waits out a short Retry-After on 429, and reports a long one instead of waiting', async () => {
    const server = await serve((req, res, index) => {
      if (req.url === '/short' && index === 0)
        return sendJson(res, 429, errorBody('RATE_LIMITED', 'slow down'), { 'retry-after': '0' });
      if (req.url === '/long')
        return sendJson(res, 429, errorBody('RATE_LIMITED', 'slow down'), { 'retry-after': '3600' });
      sendJson(res, 200, { ok: true });
    });
    await expect(client(server.url).get('/short')).resolves.toEqual({ ok: true });
    const error = await client(server.url)
      .get('/long')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(3600);
    expect(server.requests.map((r) => r.url)).toEqual(['/short', '/short', '/long']);
  });

  it('turns a timeout into a ConnectionError naming the URI, and retries it for GET', async () => {
    const server = await serve(() => undefined); // never answers
    const started = Date.now();
    const error = await client(server.url, { timeoutMs: 100, maxAttempts: 2 })
      .get('/health')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toContain(server.url);
    expect((error as ConnectionError).message).toContain('timeout');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('turns an unreachable port into a ConnectionError that names the URI but not the key', async () => {
    const uri = `http://127.0.0.1:${await unusedPort()}`;
    const error = await client(uri, { maxAttempts: 2 })
      .get('/health')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toBe(
      `Could not reach the Teamset server at ${uri}: connection refused — is the server running, and is the port right?`,
    );
    expect((error as ConnectionError).uri).toBe(uri);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('does not follow redirects, so the key is not sent to another host', async () => {
    const elsewhere = await serve((_req, res) => sendJson(res, 200, { ok: true }));
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/api/v1/whoami` });
      res.end();
    });
    const error = await client(server.url)
      .get('/api/v1/whoami')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(elsewhere.url);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('reports a non-JSON success (api_uri pointing at some other web server) as a ServerError', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello</html>');
    });
    await expect(client(server.url).get('/health')).rejects.toThrow(
      /not JSON — is api_uri the address of a Teamset server/,
    );
  });

  it('keeps the key out of inspection output', () => {
    const http = client('http://127.0.0.1:1');
    expect(JSON.stringify(http)).not.toContain(KEY);
    expect(Object.values(http).join(' ')).not.toContain(KEY);
  });
});
