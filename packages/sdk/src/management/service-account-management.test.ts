// Service accounts and the key inventory through the SDK, against a real Teamset server (SQLite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, AuthenticationError } from '../errors.js';
import { startTeamsetTestServer, type TeamsetTestServer, type TestUser } from '../test-support/teamset-test-server.js';
import { ManagementClient } from './management-client.js';

let server: TeamsetTestServer;
let admin: TestUser;
let member: TestUser;
let asAdmin: ManagementClient;
let asMember: ManagementClient;

const clientFor = (key: string, onKeyExpiring?: (at: string) => void): ManagementClient =>
  new ManagementClient({
    apiUri: server.url,
    apiKey: key,
    maxAttempts: 1,
    ...(onKeyExpiring ? { onKeyExpiring } : {}),
  });

beforeAll(async () => {
  server = await startTeamsetTestServer();
  admin = await server.addUser('sa-admin@example.com', 'ADMIN');
  member = await server.addUser('sa-member@example.com', 'MEMBER');
  asAdmin = clientFor(admin.key);
  asMember = clientFor(member.key);
});

afterAll(async () => {
  await server?.close();
});

describe('service accounts', () => {
  it('creates one, gives it a key, disables, enables and deletes it', async () => {
    const account = await asAdmin.createServiceAccount('nightly-import', 'MEMBER');
    expect(account).toMatchObject({ name: 'nightly-import', role: 'MEMBER', disabledAt: null });
    expect((await asAdmin.listServiceAccounts()).map((a) => a.name)).toContain('nightly-import');
    const { key, apiKey } = await asAdmin.createServiceAccountKey('nightly-import', 'job');
    expect(apiKey.userId).toBe(account.id);
    const asBot = clientFor(key);
    expect((await asBot.whoami()).user).toMatchObject({ kind: 'service', id: account.id });
    await expect(asBot.createApiKey('more')).rejects.toBeInstanceOf(ForbiddenError);

    expect((await asAdmin.disableServiceAccount(account)).disabledAt).not.toBeNull();
    await expect(asBot.whoami()).rejects.toBeInstanceOf(AuthenticationError);
    await asAdmin.enableServiceAccount('nightly-import');
    expect((await asBot.whoami()).user.id).toBe(account.id);
    await asAdmin.deleteServiceAccount(account.id);
    expect(await asAdmin.getServiceAccount('nightly-import')).toBeNull();
    await expect(asMember.listServiceAccounts()).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lists the organization’s keys with filters and revokes many at once', async () => {
    const account = await asAdmin.createServiceAccount('inventory-bot', 'COLLABORATOR');
    const bot = await asAdmin.createServiceAccountKey(account, 'job');
    const mine = await asMember.createApiKey('laptop');
    const all = await asAdmin.listOrganizationKeys({ pageSize: 200 });
    expect(all.items.map((i) => i.key.id)).toEqual(expect.arrayContaining([bot.apiKey.id, mine.apiKey.id]));
    const bots = await asAdmin.listOrganizationKeys({ ownerKind: 'service' });
    expect(bots.items.map((i) => i.owner.name)).toEqual(['inventory-bot']);
    expect(
      (await asAdmin.listOrganizationKeys({ owner: member.user })).items.every((i) => i.owner.id === member.user.id),
    ).toBe(true);
    expect((await asAdmin.revokeApiKeys([bot.apiKey.id, mine.apiKey.id])).revoked.sort()).toEqual(
      [bot.apiKey.id, mine.apiKey.id].sort(),
    );
    await expect(clientFor(bot.key).whoami()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(asMember.listOrganizationKeys()).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('shows usage and the expiring flag in the key list, and reports a key in use that expires soon', async () => {
    const soon = await asMember.createApiKey('soon', undefined, { expiresInSeconds: 2 * 24 * 3600 });
    const warnings: string[] = [];
    const client = clientFor(soon.key, (at) => warnings.push(at));
    await client.whoami();
    await client.whoami();
    expect(warnings).toEqual([soon.apiKey.expiresAt]);
    const listed = (await asMember.listApiKeys()).find((k) => k.id === soon.apiKey.id);
    expect(listed?.expiringSoon).toBe(true);
    expect(listed?.usage).toMatchObject({ requestsLast30Days: expect.any(Number) });
  });
});
