// Request validation over HTTP: fields named in 400s, unknown fields rejected, size and media type limits, and no 500 for any client mistake.
import { PATHS } from '@teamset/contract';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError, expectErrorShape } from '../test-support/http-assertions.js';
import { PROTECTED_ROUTES, PUBLIC_ROUTES, type ProtectedRoute } from '../test-support/protected-routes.js';
import { testDialects } from '@teamset/core/testing';

const ONE_MIB = 1024 * 1024;

/** Public routes with a probe body, fuzzed alongside the protected table. */
const PUBLIC_SAMPLES = PUBLIC_ROUTES.filter((r) => r.body !== undefined);

const WITH_BODY = [...PROTECTED_ROUTES, ...PUBLIC_SAMPLES].filter(
  (r): r is ProtectedRoute & { body: Record<string, unknown> } => r.body !== undefined,
);
/** The table's row for a route (throws if the table lost it, which the coverage test also catches). */
function row(method: ProtectedRoute['method'], path: string): ProtectedRoute {
  const found = PROTECTED_ROUTES.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no ${method} ${path} in PROTECTED_ROUTES`);
  return found;
}

const WITH_QUERY_SCHEMA = [`GET ${PATHS.keys}`, `GET ${PATHS.users}`, `GET ${PATHS.audit}`, `GET ${PATHS.datasets}`];

describe('request validation', () => {
  let fx: AuthFixture;
  let admin: Record<string, string>;
  beforeAll(async () => {
    fx = await createAuthFixture();
    admin = keyHeaders(fx.users.ADMIN.key);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const send = (route: ProtectedRoute, options: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> =>
    fx.inject({
      method: route.method,
      url: route.url,
      ...options,
      headers: { ...admin, ...(options.headers as Record<string, string> | undefined) },
    });

  it('every route with a body and the test table agree: the sample body is valid', async () => {
    for (const route of WITH_BODY) {
      const response = await send(route, { payload: route.body });
      expect(
        response.statusCode === 400 && /body/.test(response.body),
        `${route.method} ${route.path}: ${response.body}`,
      ).toBe(false);
    }
  });

  it.each(WITH_BODY.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: an unknown body field → 400 naming body.<field>',
    async (_title, route) => {
      const error = expectError(await send(route, { payload: { ...route.body, sneaky: 1 } }), 400, 'BAD_REQUEST');
      expect(error.message).toContain('body.sneaky');
      expect(error.details).toMatchObject({ field: 'body.sneaky' });
    },
  );

  it.each(WITH_BODY.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: each required field missing → 400 naming it',
    async (_title, route) => {
      for (const field of Object.keys(route.body)) {
        const { [field]: _dropped, ...rest } = route.body;
        const response = await send(route, { payload: rest });
        // Optional fields may be absent; a required one is named; an all-optional body may not be empty.
        if (Object.keys(rest).length === 0 && response.statusCode === 400)
          expect(expectError(response, 400).message).toMatch(
            new RegExp(`^(body\\.${field} is required|body must have at least one field)$`),
          );
        else if (response.statusCode === 400) expect(expectError(response, 400).message).toContain(`body.${field}`);
        else expect(response.statusCode).toBeLessThan(500);
      }
    },
  );

  it('missing required field says "is required"', async () => {
    expect(expectError(await send(row('POST', PATHS.keys), { payload: {} }), 400).message).toBe(
      'body.name is required',
    );
  });

  it('a wrong enum value lists the allowed values', async () => {
    const route = row('PUT', PATHS.userRole);
    const error = expectError(await send(route, { payload: { role: 'SUPERUSER' } }), 400, 'BAD_REQUEST');
    expect(error.message).toMatch(/^body\.role must be one of /);
    for (const role of ['ADMIN', 'MEMBER', 'COLLABORATOR', 'GUEST']) expect(error.message).toContain(role);
  });

  it('a wrong type names the field', async () => {
    const route = row('POST', PATHS.keys);
    expect(expectError(await send(route, { payload: { name: 42 } }), 400).message).toContain('body.name');
    expect(expectError(await send(route, { payload: { name: 'n', expiresInSeconds: 'soon' } }), 400).message).toContain(
      'body.expiresInSeconds',
    );
  });

  it('JSON bodies are not coerced: a number, boolean or one-element array is not a string', async () => {
    const route = row('POST', PATHS.keys);
    for (const name of [42, true, ['laptop'], null])
      expect(expectError(await send(route, { payload: { name } }), 400).message).toContain('body.name');
    expect(expectError(await send(route, { payload: { name: 'n', expiresInSeconds: '60' } }), 400).message).toContain(
      'body.expiresInSeconds',
    );
    const role = row('PUT', PATHS.userRole);
    expectError(await send(role, { payload: { role: ['ADMIN'] } }), 400, 'BAD_REQUEST');
  });

  it('query strings are converted ("2" → 2) but only when the whole value is a number', async () => {
    const users = row('GET', PATHS.users);
    expect(
      (await send({ ...users, url: `${PATHS.users}?page=1&pageSize=2` })).json<{ pageSize: number }>().pageSize,
    ).toBe(2);
    for (const bad of ['1e309', 'Infinity', '2abc', '1.5', '', '-0x1', '0x10', 'true', '%20']) {
      expect(expectError(await send({ ...users, url: `${PATHS.users}?pageSize=${bad}` }), 400).message).toContain(
        'query.pageSize',
      );
    }
    expectError(await send({ ...users, url: `${PATHS.users}?search=a&search=b` }), 400, 'BAD_REQUEST');
  });

  it('NUL characters are refused in bodies, queries and params (PostgreSQL cannot store them)', async () => {
    const keys = row('POST', PATHS.keys);
    expect(expectError(await send(keys, { payload: { name: 'lap\u0000top' } }), 400).message).toBe(
      'body.name must not contain NUL characters',
    );
    const users = row('GET', PATHS.users);
    expect(expectError(await send({ ...users, url: `${PATHS.users}?search=a%00b` }), 400).message).toContain(
      'query.search',
    );
    const user = row('GET', PATHS.user);
    expect(expectError(await send({ ...user, url: `${PATHS.users}/a%00b%40example.com` }), 400).message).toContain(
      'params.user',
    );
    expect(
      expectError(
        await fx.inject({ method: 'POST', url: PATHS.login, payload: { email: 'a\u0000@b.c', password: 'x' } }),
        400,
      ).message,
    ).toContain('body.email');
    // Sent as JSON text beside an escaped backslash: the text check cannot clear it, the walk finds it.
    const text = await send(keys, {
      payload: '{"name":"a\\\\b\\u0000"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(expectError(text, 400).message).toBe('body.name must not contain NUL characters');
  });

  it('a backslash followed by "u0000" is text, not NUL: accepted', async () => {
    const keys = row('POST', PATHS.keys);
    const response = await send(keys, { payload: { name: 'lap\\u0000top' } });
    expect(response.statusCode).toBe(201);
    expect(JSON.stringify(response.json())).toContain('lap\\\\u0000top');
  });

  it('a body over 1 MiB → 413; just under is parsed (and then judged on content)', async () => {
    const route = row('POST', PATHS.keys);
    const big = JSON.stringify({ name: 'x', pad: 'a'.repeat(ONE_MIB) });
    expectError(
      await send(route, { payload: big, headers: { 'content-type': 'application/json' } }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    const under = JSON.stringify({ name: 'x', pad: 'a'.repeat(ONE_MIB - 100) });
    expect(Buffer.byteLength(under)).toBeLessThan(ONE_MIB);
    expect(
      expectError(await send(route, { payload: under, headers: { 'content-type': 'application/json' } }), 400).message,
    ).toContain('body.pad');
  });

  it('a body over 1 MiB on a public route → 413 too', async () => {
    const response = await fx.inject({
      method: 'POST',
      url: PATHS.login,
      payload: JSON.stringify({ email: 'a@b.c', password: 'p'.repeat(ONE_MIB + 1) }),
      headers: { 'content-type': 'application/json' },
    });
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/xml',
    'application/octet-stream',
  ])('content-type %s → 415', async (type) => {
    const route = row('POST', PATHS.keys);
    expectError(
      await send(route, { payload: 'name=x', headers: { 'content-type': type } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(
      await fx.inject({ method: 'POST', url: PATHS.login, payload: 'email=a', headers: { 'content-type': type } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it.each(['{', '{"name":', '{"name":"x",}', "{'name':'x'}", 'undefined', '{"name":"x"}garbage'])(
    'invalid JSON %j → 400',
    async (payload) => {
      const route = row('POST', PATHS.keys);
      expectError(await send(route, { payload, headers: { 'content-type': 'application/json' } }), 400, 'BAD_REQUEST');
    },
  );

  it('an empty JSON body → 400', async () => {
    const route = row('POST', PATHS.keys);
    expectError(
      await send(route, { payload: '', headers: { 'content-type': 'application/json' } }),
      400,
      'BAD_REQUEST',
    );
  });

  it('a JSON body that is not an object → 400', async () => {
    const route = row('POST', PATHS.keys);
    for (const payload of ['[]', '"name"', '42', 'null', 'true']) {
      expectError(await send(route, { payload, headers: { 'content-type': 'application/json' } }), 400, 'BAD_REQUEST');
    }
  });

  it('prototype-pollution keys are refused', async () => {
    const route = row('POST', PATHS.keys);
    for (const payload of [
      '{"name":"x","__proto__":{"polluted":true}}',
      '{"name":"x","constructor":{"prototype":{"polluted":true}}}',
    ]) {
      expectError(await send(route, { payload, headers: { 'content-type': 'application/json' } }), 400, 'BAD_REQUEST');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(
    [
      ...PROTECTED_ROUTES,
      ...PUBLIC_SAMPLES,
      { method: 'GET', path: PATHS.setup, url: PATHS.setup, minRole: 'GUEST' } as ProtectedRoute,
    ].map((r) => [`${r.method} ${r.path}`, r] as const),
  )('%s: an unknown query parameter → 400 naming it', async (_title, route) => {
    const error = expectError(
      await send({ ...route, url: `${route.url}?bogus=1` }, route.body ? { payload: route.body } : {}),
      400,
      'BAD_REQUEST',
    );
    expect(error.message).toBe('query.bogus is not an allowed field');
  });

  it.each(WITH_QUERY_SCHEMA)('%s: its own query parameters are accepted', async (key) => {
    const [method, path] = key.split(' ') as [ProtectedRoute['method'], string];
    const route = row(method, path);
    const query = {
      [`GET ${PATHS.keys}`]: `?user=${encodeURIComponent(fx.users.ADMIN.email)}`,
      [`GET ${PATHS.users}`]: '?search=a&page=1&pageSize=5',
      [`GET ${PATHS.audit}`]: '?limit=5&before=1000&action=key.create',
      [`GET ${PATHS.datasets}`]: '?search=a&page=1&pageSize=5',
    }[key];
    expect((await send({ ...route, url: `${route.url}${query}` })).statusCode).toBe(200);
  });

  it('path parameters are validated (too long, bad characters) → 400 naming params', async () => {
    const key = row('DELETE', PATHS.key);
    expect(expectError(await send({ ...key, url: `${PATHS.keys}/${'a'.repeat(65)}` }), 400).message).toContain(
      'params.keyId',
    );
    expect(expectError(await send({ ...key, url: `${PATHS.keys}/bad%20id` }), 400).message).toContain('params.keyId');
    const user = row('GET', PATHS.user);
    expect(expectError(await send({ ...user, url: `${PATHS.users}/${'a'.repeat(255)}` }), 400).message).toContain(
      'params.user',
    );
    expectError(await send({ ...user, url: `${PATHS.users}/${'a'.repeat(5000)}` }), 400, 'BAD_REQUEST');
    expectError(await send({ ...user, url: `${PATHS.users}/%E0%A4%A` }), 400, 'BAD_REQUEST');
    expectError(await send({ ...key, url: `${PATHS.keys}/%` }), 400, 'BAD_REQUEST');
  });

  it('a long but valid email works as a path parameter (not cut off by the router)', async () => {
    const email = `${'x'.repeat(200)}@example.com`;
    const user = row('GET', PATHS.user);
    const response = await send({ ...user, url: `${PATHS.users}/${encodeURIComponent(email)}` });
    expect(expectError(response, 404, 'NOT_FOUND').message).toMatch(/email/);
  });

  it('an unknown route → 404 in the error shape', async () => {
    expectError(await fx.inject({ method: 'GET', url: '/api/v1/nope', headers: admin }), 404, 'NOT_FOUND');
    expectError(await fx.inject({ method: 'PATCH', url: PATHS.keys, headers: admin }), 404, 'NOT_FOUND');
  });
});

describe.each(await testDialects())('no client mistake yields a 500 (%s)', (dialect) => {
  let fx: AuthFixture;
  let admin: Record<string, string>;
  beforeAll(async () => {
    fx = await createAuthFixture({ dialect });
    admin = keyHeaders(fx.users.ADMIN.key);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const weird: unknown[] = [
    null,
    0,
    -1,
    1e308,
    true,
    [],
    {},
    [1, 2],
    { nested: { deeper: [null] } },
    '',
    ' ',
    'x'.repeat(10_000),
    '\u0000',
    '\ud800',
    '💥',
    '__proto__',
    '%00',
    '../../etc/passwd',
    'a@b',
    'ADMIN',
  ];
  const rawBodies = [
    '',
    ' ',
    '{',
    '[',
    'null',
    '"str"',
    '{"a":1}{"b":2}',
    '\u0000',
    '{"a":"\\ud800"}',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    JSON.stringify({ a: 'é'.repeat(100) }),
  ];
  const weirdParams = [
    ' ',
    '%',
    '%ZZ',
    '%00',
    '%E0%A4%A',
    'a'.repeat(300),
    '..%2F..%2Fetc',
    'x%2Fy',
    '%F0%9F%92%A5',
    '__proto__',
    'constructor',
    '.',
    '..',
    '%20%20',
  ];
  const weirdQueries = [
    '?',
    '?user=',
    '?user=&user=',
    '?page=1e309',
    '?page=-1',
    '?pageSize=NaN',
    '?search=' + 'x'.repeat(5000),
    '?__proto__=1',
    '?a[b]=c',
    '?%ZZ=1',
    '?limit=0x10',
    '?limit=1e309',
    '?before=-5',
    '?before=1e20',
    '?before=99999999999999999999',
    '?before=1e309',
    '?action=%00',
    '?search=%00',
    '?search=%5C',
    '?user=%00',
  ];
  const weirdHeaders: Array<Record<string, string>> = [
    { 'x-api-key': '' },
    { 'x-api-key': ' ' },
    { 'x-api-key': 'tsk_' + 'a'.repeat(10_000) },
    { authorization: 'Bearer' },
    { authorization: 'Bearer ' },
    { authorization: 'Bearer a b c' },
    { authorization: 'bearer ' + 'x'.repeat(5000) },
    { cookie: 'teamset_session=%E0%A4%A' },
    { cookie: 'teamset_session=' + 'x'.repeat(4000) },
    { cookie: ';;;=;=' },
    { 'content-type': 'application/json; charset=utf-16' },
    { 'content-type': 'application/json; charset=latin1' },
    { 'content-type': 'application/json-patch+json' },
    { 'content-type': 'APPLICATION/JSON' },
    { 'content-length': '5' },
  ];

  function check(label: string, response: LightMyRequestResponse): void {
    expect(response.statusCode, `${label} → ${response.statusCode} ${response.body.slice(0, 300)}`).toBeLessThan(500);
    if (response.statusCode >= 400 && response.body !== '') expectErrorShape(response);
  }

  const routes = [...PROTECTED_ROUTES, ...PUBLIC_SAMPLES, ...PUBLIC_ROUTES.filter((r) => r.method === 'GET')];

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s survives bad bodies, params, queries and headers',
    async (_title, route) => {
      const send = (options: Partial<InjectOptions>) =>
        fx.inject({
          method: route.method,
          url: route.url,
          ...options,
          headers: { ...admin, ...(options.headers as Record<string, string> | undefined) },
        });

      for (const field of Object.keys(route.body ?? { value: 1 })) {
        for (const value of weird) {
          const payload = JSON.stringify({ ...(route.body ?? {}), [field]: value });
          check(
            `${field}=${JSON.stringify(value).slice(0, 40)}`,
            await send({ payload, headers: { 'content-type': 'application/json' } }),
          );
        }
      }
      for (const value of weird)
        check(
          `body ${JSON.stringify(value).slice(0, 40)}`,
          await send({ payload: JSON.stringify(value), headers: { 'content-type': 'application/json' } }),
        );
      for (const payload of rawBodies)
        check(`raw ${payload.slice(0, 40)}`, await send({ payload, headers: { 'content-type': 'application/json' } }));
      check(
        'binary body',
        await send({ payload: Buffer.from([0xff, 0xfe, 0x00, 0x7b]), headers: { 'content-type': 'application/json' } }),
      );

      if (route.path.includes(':')) {
        for (const param of weirdParams)
          check(
            `param ${param.slice(0, 40)}`,
            await send({
              url: route.path.replace(/:[a-zA-Z]+/, param),
              ...(route.body ? { payload: route.body } : {}),
            }),
          );
      }
      for (const query of weirdQueries)
        check(
          `query ${query.slice(0, 40)}`,
          await send({ url: `${route.url}${query}`, ...(route.body ? { payload: route.body } : {}) }),
        );
      for (const headers of weirdHeaders) {
        const withoutKey = 'x-api-key' in headers || 'authorization' in headers || 'cookie' in headers;
        const response = await fx.inject({
          method: route.method,
          url: route.url,
          headers: { ...(withoutKey ? {} : admin), ...headers },
          ...(route.body ? { payload: JSON.stringify(route.body) } : {}),
        });
        check(`headers ${JSON.stringify(headers).slice(0, 60)}`, response);
      }
    },
  );
});
