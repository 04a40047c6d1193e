// Service accounts and the key inventory over HTTP on SQLite and PostgreSQL: admin routes, no sign-in, disabling on a
// second server, usage in the key list, the expiring-key header and bulk revocation.
import {
  ADMIN_REVOKED_KEY_REASON,
  KEY_EXPIRES_AT_HEADER,
  PATHS,
  fillPath,
  type ApiKeyList,
  type BulkRevokeResult,
  type CreatedApiKey,
  type KeyInventoryPage,
  type ServiceAccount,
  type ServiceAccountList,
} from '@teamset/contract';
import { createServices, type Services } from '@teamset/core';
import { pollUntil, testDialects } from '@teamset/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

let seq = 0;
const uniqueName = (label: string): string => `${label}-${++seq}-${Date.now().toString(36)}`;

describe.each(await testDialects())('service account routes on %s', (dialect) => {
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

  const admin = () => keyHeaders(fx.users.ADMIN.key);
  const createAccount = async (role = 'MEMBER'): Promise<ServiceAccount> => {
    const response = await fx.inject({
      method: 'POST',
      url: PATHS.serviceAccounts,
      headers: admin(),
      payload: { name: uniqueName('job'), role },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<ServiceAccount>();
  };
  const keyFor = async (account: ServiceAccount, extra: Record<string, unknown> = {}): Promise<CreatedApiKey> => {
    const response = await fx.inject({
      method: 'POST',
      url: PATHS.keys,
      headers: admin(),
      payload: { name: 'job', user: account.id, ...extra },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CreatedApiKey>();
  };
  const whoamiOn = async (app: FastifyInstance, key: string) =>
    (await app.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(key) })).statusCode;

  it('admins create and list them; others are refused; an admin role is refused', async () => {
    const account = await createAccount();
    const listed = await fx.inject({ method: 'GET', url: PATHS.serviceAccounts, headers: admin() });
    expect(listed.json<ServiceAccountList>().serviceAccounts.map((a) => a.id)).toContain(account.id);
    const asMember = await fx.inject({
      method: 'GET',
      url: PATHS.serviceAccounts,
      headers: keyHeaders(fx.users.MEMBER.key),
    });
    expectError(asMember, 403, 'FORBIDDEN');
    const asAdmin = await fx.inject({
      method: 'POST',
      url: PATHS.serviceAccounts,
      headers: admin(),
      payload: { name: uniqueName('boss'), role: 'ADMIN' },
    });
    expectError(asAdmin, 400);
  });

  it('cannot sign in; its key shows it as a service account in whoami', async () => {
    const account = await createAccount();
    const login = await fx.inject({
      method: 'POST',
      url: PATHS.login,
      payload: { email: account.email, password: 'whatever it might be' },
    });
    expectError(login, 401, 'UNAUTHENTICATED');
    const { key } = await keyFor(account);
    const whoami = await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(key) });
    expect(whoami.json()).toMatchObject({ user: { id: account.id, kind: 'service', role: 'MEMBER' } });
    const selfGenerate = await fx.inject({
      method: 'POST',
      url: PATHS.keys,
      headers: keyHeaders(key),
      payload: { name: 'x' },
    });
    expectError(selfGenerate, 403, 'FORBIDDEN');
  });

  it('disabling refuses its keys at once on both servers; enabling restores them', async () => {
    const account = await createAccount();
    const { key } = await keyFor(account);
    expect(await whoamiOn(other.app, key)).toBe(200);
    const disabled = await fx.inject({
      method: 'POST',
      url: fillPath(PATHS.serviceAccountDisable, { account: account.name }),
      headers: admin(),
    });
    expect(disabled.json<ServiceAccount>().disabledAt).not.toBeNull();
    expect(await whoamiOn(fx.app, key)).toBe(401);
    await pollUntil(async () => (await whoamiOn(other.app, key)) === 401, 5000);
    await fx.inject({
      method: 'POST',
      url: fillPath(PATHS.serviceAccountEnable, { account: account.name }),
      headers: admin(),
    });
    expect(await whoamiOn(fx.app, key)).toBe(200);
    const deleted = await fx.inject({
      method: 'DELETE',
      url: fillPath(PATHS.serviceAccount, { account: account.name }),
      headers: admin(),
    });
    expect(deleted.statusCode).toBe(204);
    expect(await whoamiOn(fx.app, key)).toBe(401);
  });

  it('counts key requests with the last client, shown in the key list after a flush', async () => {
    const owner = await fx.createUser('MEMBER', 'usage');
    for (let i = 0; i < 3; i++)
      await fx.inject({
        method: 'GET',
        url: PATHS.whoami,
        headers: { ...keyHeaders(owner.key), 'user-agent': 'usage-test/1' },
      });
    await fx.services.keyUsage.flush();
    const listed = await fx.inject({ method: 'GET', url: PATHS.keys, headers: keyHeaders(owner.key) });
    const key = listed.json<ApiKeyList>().keys.find((k) => k.id === owner.keyId);
    expect(key?.usage.requestsLast30Days).toBeGreaterThanOrEqual(3);
    expect(key?.usage).toMatchObject({ lastUsedIp: '127.0.0.1', lastUsedUserAgent: 'usage-test/1' });
  });

  it('tells the client when the key in use expires within 7 days', async () => {
    const account = await createAccount();
    const soon = await keyFor(account, { expiresInSeconds: 3 * 24 * 3600 });
    const later = await keyFor(account, { expiresInSeconds: 30 * 24 * 3600 });
    const soonResponse = await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(soon.key) });
    expect(soonResponse.headers[KEY_EXPIRES_AT_HEADER]).toBe(soon.apiKey.expiresAt);
    const laterResponse = await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(later.key) });
    expect(laterResponse.headers[KEY_EXPIRES_AT_HEADER]).toBeUndefined();
  });

  it('lists the inventory with filters and revokes in bulk (admins only)', async () => {
    const account = await createAccount();
    const bot = await keyFor(account);
    const inventory = await fx.inject({
      method: 'GET',
      url: `${PATHS.keyInventory}?ownerKind=service&owner=${encodeURIComponent(account.email)}`,
      headers: admin(),
    });
    expect(inventory.statusCode, inventory.body).toBe(200);
    const page = inventory.json<KeyInventoryPage>();
    expect(page.items.map((i) => i.key.id)).toEqual([bot.apiKey.id]);
    expect(page.items[0]?.owner).toMatchObject({ kind: 'service', email: account.email });
    expectError(
      await fx.inject({ method: 'GET', url: PATHS.keyInventory, headers: keyHeaders(fx.users.MEMBER.key) }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await fx.inject({
        method: 'POST',
        url: PATHS.keyBulkRevoke,
        headers: keyHeaders(fx.users.MEMBER.key),
        payload: { keyIds: [bot.apiKey.id] },
      }),
      403,
      'FORBIDDEN',
    );
    const revoked = await fx.inject({
      method: 'POST',
      url: PATHS.keyBulkRevoke,
      headers: admin(),
      payload: { keyIds: [bot.apiKey.id] },
    });
    expect(revoked.json<BulkRevokeResult>().revoked).toEqual([bot.apiKey.id]);
    expect(await whoamiOn(fx.app, bot.key)).toBe(401);
    await pollUntil(async () => (await whoamiOn(other.app, bot.key)) === 401, 5000);
    const after = await fx.inject({
      method: 'GET',
      url: `${PATHS.keyInventory}?owner=${account.id}`,
      headers: admin(),
    });
    expect(after.json<KeyInventoryPage>().items[0]?.key.revokedReason).toBe(ADMIN_REVOKED_KEY_REASON);
  });
});
