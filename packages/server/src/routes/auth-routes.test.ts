// Auth routes over HTTP: sign-in cookies, one message for any bad login, sign-out, first-run setup and whoami.
import { CSRF_COOKIE, PATHS, SESSION_COOKIE, type SessionInfo, type SetupStatus, type WhoAmI } from '@teamset/contract';
import { INVALID_LOGIN_MESSAGE, SYSTEM_ACTOR } from '@teamset/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthFixture,
  createTestApp,
  keyHeaders,
  sessionFromResponse,
  sessionHeaders,
  uniquePassword,
  type AuthFixture,
  type TestApp,
} from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

function cookieMap(response: LightMyRequestResponse): Record<string, LightMyRequestResponse['cookies'][number]> {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c]));
}

describe('sign-in, sign-out and whoami', () => {
  let fx: AuthFixture;
  beforeAll(async () => {
    fx = await createAuthFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const login = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fx.inject({ method: 'POST', url: PATHS.login, payload, headers });

  it('sets an httpOnly SameSite=Lax session cookie and a readable CSRF cookie (not Secure over plain http)', async () => {
    const response = await login({ email: fx.users.MEMBER.email, password: fx.users.MEMBER.password });
    expect(response.statusCode, response.body).toBe(200);
    const info = response.json<SessionInfo>();
    expect(info.user).toEqual(fx.users.MEMBER.user);
    const cookies = cookieMap(response);
    expect(cookies[SESSION_COOKIE]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies[SESSION_COOKIE]?.secure).toBeFalsy();
    expect(cookies[SESSION_COOKIE]?.maxAge).toBeGreaterThan(0);
    expect(cookies[CSRF_COOKIE]).toMatchObject({ sameSite: 'Lax', path: '/', value: info.csrfToken });
    expect(cookies[CSRF_COOKIE]?.httpOnly).toBeFalsy();
    for (const header of [response.headers['set-cookie']].flat()) expect(header).toMatch(/SameSite=Lax/);
  });

  it('email is case-insensitive', async () => {
    expect(
      (await login({ email: fx.users.MEMBER.email.toUpperCase(), password: fx.users.MEMBER.password })).statusCode,
    ).toBe(200);
  });

  it('a wrong password gets 401 with the same message as an unknown email, and no cookie', async () => {
    const wrong = await login({ email: fx.users.MEMBER.email, password: 'wrong password here' });
    const unknown = await login({ email: 'nobody@example.com', password: 'wrong password here' });
    const a = expectError(wrong, 401, 'UNAUTHENTICATED');
    const b = expectError(unknown, 401, 'UNAUTHENTICATED');
    expect(a.message).toBe(INVALID_LOGIN_MESSAGE);
    expect(b.message).toBe(a.message);
    expect(wrong.cookies).toEqual([]);
  });

  it('a user without a password (created by the CLI with none) cannot sign in', async () => {
    const user = await fx.services.users.create(SYSTEM_ACTOR, {
      email: 'nopassword@example.com',
      name: 'No Password',
      role: 'MEMBER',
    });
    expect(expectError(await login({ email: user.email, password: 'anything at all' }), 401).message).toBe(
      INVALID_LOGIN_MESSAGE,
    );
  });

  it('validates the body: missing or unknown fields → 400', async () => {
    expect(expectError(await login({ email: fx.users.MEMBER.email }), 400, 'BAD_REQUEST').message).toContain(
      'body.password',
    );
    expect(
      expectError(await login({ email: fx.users.MEMBER.email, password: 'x', remember: true }), 400).message,
    ).toContain('body.remember');
  });

  it('marks cookies Secure behind a trusted https proxy, and ignores x-forwarded-proto otherwise', async () => {
    const proxied = await createAuthFixture({ trustProxy: true });
    try {
      const body = { email: proxied.users.MEMBER.email, password: proxied.users.MEMBER.password };
      const viaHttps = await proxied.inject({
        method: 'POST',
        url: PATHS.login,
        payload: body,
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(viaHttps.statusCode).toBe(200);
      const cookies = cookieMap(viaHttps);
      expect(cookies[SESSION_COOKIE]).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
      expect(cookies[CSRF_COOKIE]).toMatchObject({ secure: true });
      const viaHttp = await proxied.inject({ method: 'POST', url: PATHS.login, payload: body });
      expect(cookieMap(viaHttp)[SESSION_COOKIE]?.secure).toBeFalsy();
    } finally {
      await proxied.close();
    }
    const spoofed = await login(
      { email: fx.users.MEMBER.email, password: fx.users.MEMBER.password },
      { 'x-forwarded-proto': 'https' },
    );
    expect(cookieMap(spoofed)[SESSION_COOKIE]?.secure).toBeFalsy();
  });

  it('sign-out ends the session: the cookie no longer works and the cookies are cleared', async () => {
    const session = await fx.signIn(fx.users.COLLABORATOR.email, fx.users.COLLABORATOR.password);
    expect((await fx.inject({ method: 'GET', url: PATHS.whoami, headers: sessionHeaders(session) })).statusCode).toBe(
      200,
    );
    const out = await fx.inject({ method: 'POST', url: PATHS.logout, headers: sessionHeaders(session) });
    expect(out.statusCode).toBe(204);
    const cleared = cookieMap(out);
    for (const name of [SESSION_COOKIE, CSRF_COOKIE]) {
      expect(cleared[name]?.value).toBe('');
      expect(cleared[name]?.expires?.getTime() ?? 0).toBeLessThanOrEqual(Date.now());
    }
    expectError(
      await fx.inject({ method: 'GET', url: PATHS.whoami, headers: sessionHeaders(session) }),
      401,
      'UNAUTHENTICATED',
    );
    // Signing out with a key does not revoke the key.
    expect(
      (await fx.inject({ method: 'POST', url: PATHS.logout, headers: keyHeaders(fx.users.COLLABORATOR.key) }))
        .statusCode,
    ).toBe(204);
    expect(
      (await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(fx.users.COLLABORATOR.key) }))
        .statusCode,
    ).toBe(200);
  });

  it('sign-out ends only that session, not the user’s others', async () => {
    const one = await fx.newSession('MEMBER');
    const two = await fx.newSession('MEMBER');
    expect((await fx.inject({ method: 'POST', url: PATHS.logout, headers: sessionHeaders(one) })).statusCode).toBe(204);
    expect((await fx.inject({ method: 'GET', url: PATHS.whoami, headers: sessionHeaders(two) })).statusCode).toBe(200);
  });

  it('whoami reports the key behind a key request', async () => {
    const response = await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(fx.users.MEMBER.key) });
    expect(response.json<WhoAmI>()).toEqual({
      user: fx.users.MEMBER.user,
      authMethod: 'api_key',
      apiKeyId: fx.users.MEMBER.keyId,
      apiKeyScope: { maxPermission: null, datasets: null, readOnlyManagement: false },
    });
  });

  it('whoami reports a scoped key’s scope (issue 15)', async () => {
    const created = await fx.services.keys.generate(SYSTEM_ACTOR, {
      name: 'whoami scoped',
      user: fx.users.MEMBER.user.id,
      maxPermission: 'TAG',
      readOnlyManagement: true,
    });
    const response = await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(created.key) });
    expect(response.json<WhoAmI>()).toMatchObject({
      apiKeyId: created.apiKey.id,
      apiKeyScope: { maxPermission: 'TAG', datasets: null, readOnlyManagement: true },
    });
  });

  it('whoami reports a session, for any role (guests may sign in, just not use keys)', async () => {
    const response = await fx.inject({
      method: 'GET',
      url: PATHS.whoami,
      headers: sessionHeaders(fx.adminSession, { csrf: false }),
    });
    expect(response.json<WhoAmI>()).toEqual({
      user: fx.users.ADMIN.user,
      authMethod: 'session',
      apiKeyId: null,
      apiKeyScope: null,
    });
    const guest = await fx.inject({
      method: 'GET',
      url: PATHS.whoami,
      headers: sessionHeaders(await fx.newSession('GUEST')),
    });
    expect(guest.json<WhoAmI>()).toMatchObject({ user: { role: 'GUEST' }, authMethod: 'session' });
  });

  it('an API key wins over a session cookie sent alongside it', async () => {
    const headers = { ...sessionHeaders(fx.adminSession), ...keyHeaders(fx.users.COLLABORATOR.key) };
    expect((await fx.inject({ method: 'GET', url: PATHS.whoami, headers })).json<WhoAmI>().user.id).toBe(
      fx.users.COLLABORATOR.user.id,
    );
  });
});

describe('first-run setup', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  const setup = (payload: Record<string, unknown>) => t.inject({ method: 'POST', url: PATHS.setup, payload });
  const status = async (): Promise<SetupStatus> =>
    (await t.inject({ method: 'GET', url: PATHS.setup })).json<SetupStatus>();

  it('creates the first admin with the issued token, signs them in, and then refuses (409)', async () => {
    t = await createTestApp();
    expect(await status()).toEqual({ needsSetup: true });
    const token = await t.services.setup.issueToken();
    expect(token).toBeTypeOf('string');
    const password = uniquePassword('setup');
    const response = await setup({ token, email: 'Root@Example.com', name: 'Root', password });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<SessionInfo>().user).toMatchObject({ email: 'root@example.com', role: 'ADMIN' });
    expect(cookieMap(response)[SESSION_COOKIE]).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = await t.inject({
      method: 'GET',
      url: PATHS.whoami,
      headers: sessionHeaders(sessionFromResponse(response)),
    });
    expect(me.json<WhoAmI>().user.role).toBe('ADMIN');
    expect(await status()).toEqual({ needsSetup: false });

    expectError(await setup({ token, email: 'second@example.com', name: 'Second', password }), 409, 'CONFLICT');
    expect(await t.services.setup.issueToken()).toBeUndefined();
    expectError(
      await setup({ token: 'anything', email: 'third@example.com', name: 'Third', password }),
      409,
      'CONFLICT',
    );
  });

  it('refuses without the issued token, or with a wrong one (401)', async () => {
    t = await createTestApp();
    const body = { email: 'root@example.com', name: 'Root', password: uniquePassword('setup') };
    expectError(await setup({ ...body, token: 'guessed-token' }), 401, 'UNAUTHENTICATED');
    const token = await t.services.setup.issueToken();
    expectError(await setup({ ...body, token: `${token}x` }), 401, 'UNAUTHENTICATED');
    expect(await status()).toEqual({ needsSetup: true });
    expect((await setup({ ...body, token })).statusCode).toBe(201);
  });

  it('refuses once any user exists, even with a valid token (409)', async () => {
    t = await createTestApp();
    const token = await t.services.setup.issueToken();
    await t.services.users.create(SYSTEM_ACTOR, { email: 'cli-admin@example.com', name: 'CLI Admin', role: 'ADMIN' });
    expectError(
      await setup({ token, email: 'root@example.com', name: 'Root', password: uniquePassword('setup') }),
      409,
      'CONFLICT',
    );
    expect(await status()).toEqual({ needsSetup: false });
  });

  it('validates the body (weak password → 400 naming body.password)', async () => {
    t = await createTestApp();
    const token = await t.services.setup.issueToken();
    expect(
      expectError(
        await setup({ token, email: 'root@example.com', name: 'Root', password: 'short' }),
        400,
        'BAD_REQUEST',
      ).message,
    ).toContain('body.password');
    expect(
      expectError(
        await setup({ token, email: 'root@example.com', name: 'Root', password: uniquePassword('p'), role: 'MEMBER' }),
        400,
      ).message,
    ).toContain('body.role');
    expect(await status()).toEqual({ needsSetup: true });
  });
});
