// Key rotation over HTTP on SQLite and PostgreSQL: new secret shown once, old one working through its grace on a second server too.
import { PATHS, fillPath, type ApiKeyList, type CreatedApiKey } from '@teamset/contract';
import { createServices, type Services } from '@teamset/core';
import { pollUntil, testDialects } from '@teamset/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createAuthFixture, keyHeaders, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

describe.each(await testDialects())('key rotation routes on %s', (dialect) => {
  let fx: AuthFixture;
  /** A second server on the same database. */
  let other: { services: Services; app: FastifyInstance };

  beforeAll(async () => {
    fx = await createAuthFixture({ dialect });
    const services = await createServices({ databaseUri: fx.tdb.uri, authEventPollMs: 50 });
    const app = await buildApp({ services, logLevel: false });
    await app.ready();
    other = { services, app };
  });
  afterAll(async () => {
    await other?.app.close();
    await other?.services.close();
    await fx?.close();
  });

  const rotate = (key: string, keyId: string, body: Record<string, unknown> = {}) =>
    fx.inject({ method: 'POST', url: fillPath(PATHS.keyRotate, { keyId }), headers: keyHeaders(key), payload: body });
  const whoamiOn = async (app: FastifyInstance, key: string) =>
    (await app.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(key) })).statusCode;

  it('rotates: new secret once (no-store), both listed, both working on both servers until the grace ends', async () => {
    const owner = await fx.createUser('MEMBER', 'rotator');
    expect(await whoamiOn(other.app, owner.key)).toBe(200);
    const response = await rotate(owner.key, owner.keyId, { graceSeconds: 2 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const rotated = response.json<CreatedApiKey>();
    expect(rotated.apiKey.id).toBe(owner.keyId);
    expect(rotated.apiKey.previousSecrets).toHaveLength(1);

    const listed = await fx.inject({ method: 'GET', url: PATHS.keys, headers: keyHeaders(rotated.key) });
    const mine = listed.json<ApiKeyList>().keys.find((k) => k.id === owner.keyId);
    expect(mine?.previousSecrets[0]?.graceEndsAt).toBe(rotated.apiKey.previousSecrets[0]?.graceEndsAt);
    expect(listed.body).not.toContain(owner.key);
    expect(listed.body).not.toContain(rotated.key);

    for (const app of [fx.app, other.app]) {
      expect(await whoamiOn(app, owner.key)).toBe(200);
      expect(await whoamiOn(app, rotated.key)).toBe(200);
    }
    await pollUntil(
      async () => (await whoamiOn(fx.app, owner.key)) === 401 && (await whoamiOn(other.app, owner.key)) === 401,
      6000,
    );
    expect(await whoamiOn(fx.app, rotated.key)).toBe(200);
    expect(await whoamiOn(other.app, rotated.key)).toBe(200);
  });

  it('with graceSeconds 0 the old secret is refused at once, on the other server promptly', async () => {
    const owner = await fx.createUser('COLLABORATOR', 'rotate-now');
    expect(await whoamiOn(other.app, owner.key)).toBe(200);
    const rotated = (await rotate(owner.key, owner.keyId, { graceSeconds: 0 })).json<CreatedApiKey>();
    expect(await whoamiOn(fx.app, owner.key)).toBe(401);
    await pollUntil(async () => (await whoamiOn(other.app, owner.key)) === 401, 5000);
    expect(await whoamiOn(other.app, rotated.key)).toBe(200);
  });

  it('admins rotate anyone’s key; another user gets 404; guests 403; a bad grace 400', async () => {
    const owner = await fx.createUser('MEMBER', 'rotated-by-admin');
    expectError(await rotate(fx.users.COLLABORATOR.key, owner.keyId), 404, 'NOT_FOUND');
    expectError(
      await fx.inject({
        method: 'POST',
        url: fillPath(PATHS.keyRotate, { keyId: owner.keyId }),
        headers: sessionHeaders(await fx.newSession('GUEST')),
        payload: {},
      }),
      403,
      'FORBIDDEN',
    );
    expectError(await rotate(owner.key, owner.keyId, { graceSeconds: -1 }), 400);
    expectError(await rotate(owner.key, owner.keyId, { graceSeconds: 90 * 24 * 3600 + 1 }), 400);
    const byAdmin = await rotate(fx.users.ADMIN.key, owner.keyId);
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json<CreatedApiKey>().apiKey.userId).toBe(owner.user.id);
  });
});
