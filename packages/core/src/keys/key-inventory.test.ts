// The organization's key inventory on SQLite and PostgreSQL: filters, the expiring-soon flag, and bulk revocation.
import { ADMIN_REVOKED_KEY_REASON } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { expectAppError, keyStatus, pollUntil, useTwoServers } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

const DAY_MS = 24 * 3600 * 1000;
const DAY_S = 24 * 3600;

describe.each(await testDialects())('key inventory on %s', (dialect) => {
  const servers = useTwoServers(dialect);
  const admin = () => servers.team.as.admin;

  const idsOf = async (query: Parameters<typeof servers.a.keyInventory.list>[1]) =>
    (await servers.a.keyInventory.list(admin(), { pageSize: 200, ...query })).items.map((i) => i.key.id);

  it('lists every key with its owner, filtered by owner, owner kind and state', async () => {
    const bot = await servers.a.serviceAccounts.create(admin(), { name: `inv-bot-${Date.now()}`, role: 'MEMBER' });
    const botKey = await servers.a.keys.generate(admin(), { name: 'bot', user: bot.id });
    const fresh = await servers.a.keys.generate(servers.team.as.member, { name: 'fresh' });
    const expiring = await servers.a.keys.generate(servers.team.as.collaborator, {
      name: 'expiring',
      expiresInSeconds: 3 * DAY_S,
    });
    const later = await servers.a.keys.generate(servers.team.as.collaborator, {
      name: 'later',
      expiresInSeconds: 30 * DAY_S,
    });
    const expired = await servers.a.keys.generate(servers.team.as.member, { name: 'expired' });
    const old = await servers.a.keys.generate(servers.team.as.member, { name: 'old' });
    const db = servers.a.database.db;
    await db
      .updateTable('api_keys')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', expired.apiKey.id)
      .execute();
    await db
      .updateTable('api_keys')
      .set({
        created_at: new Date(Date.now() - 200 * DAY_MS).toISOString(),
        last_used_at: new Date(Date.now() - 100 * DAY_MS).toISOString(),
      })
      .where('id', '=', old.apiKey.id)
      .execute();

    const page = await servers.a.keyInventory.list(admin(), { pageSize: 200 });
    expect(page.total).toBeGreaterThanOrEqual(6);
    const botItem = page.items.find((i) => i.key.id === botKey.apiKey.id);
    expect(botItem?.owner).toMatchObject({ id: bot.id, kind: 'service', disabledAt: null });
    expect(JSON.stringify(page)).not.toContain(botKey.key);

    expect(await idsOf({ owner: servers.team.member.email })).toEqual(
      expect.arrayContaining([fresh.apiKey.id, expired.apiKey.id, old.apiKey.id]),
    );
    expect(await idsOf({ owner: servers.team.member.email })).not.toContain(botKey.apiKey.id);
    expect(await idsOf({ ownerKind: 'service' })).toEqual([botKey.apiKey.id]);
    expect(await idsOf({ owner: bot.email })).toEqual([botKey.apiKey.id]);
    expect(await idsOf({ state: 'expired' })).toEqual([expired.apiKey.id]);
    expect(await idsOf({ state: 'unused' })).toEqual([old.apiKey.id]);
    expect(await idsOf({ state: 'expiring' })).toEqual([expiring.apiKey.id]);

    // The owner's own list flags the key expiring within 7 days, and only it.
    const own = await servers.a.keys.list(servers.team.as.collaborator);
    expect(own.find((k) => k.id === expiring.apiKey.id)?.expiringSoon).toBe(true);
    expect(own.find((k) => k.id === later.apiKey.id)?.expiringSoon).toBe(false);
  });

  it('pages the list', async () => {
    const first = await servers.a.keyInventory.list(admin(), { page: 1, pageSize: 2 });
    const second = await servers.a.keyInventory.list(admin(), { page: 2, pageSize: 2 });
    expect(first.items).toHaveLength(2);
    expect(second.items.map((i) => i.key.id)).not.toContain(first.items[0]?.key.id);
    expect(second.total).toBe(first.total);
  });

  it('is for admins only', async () => {
    for (const actor of [servers.team.as.member, servers.team.as.collaborator, servers.team.as.guest]) {
      await expectAppError(servers.a.keyInventory.list(actor), 'FORBIDDEN');
      await expectAppError(servers.a.keyInventory.bulkRevoke(actor, ['000000000000000000000000']), 'FORBIDDEN');
    }
  });

  it('revokes many keys at once, refused on every server; the owner sees why', async () => {
    const one = await servers.a.keys.generate(servers.team.as.member, { name: 'bulk-1' });
    const two = await servers.a.keys.generate(servers.team.as.collaborator, { name: 'bulk-2' });
    const keep = await servers.a.keys.generate(servers.team.as.member, { name: 'bulk-keep' });
    for (const key of [one.key, two.key]) expect(await keyStatus(servers.b, key)).toBe(200);
    const result = await servers.a.keyInventory.bulkRevoke(admin(), [
      one.apiKey.id,
      two.apiKey.id,
      '000000000000000000000000',
    ]);
    expect(result.revoked.sort()).toEqual([one.apiKey.id, two.apiKey.id].sort());
    for (const key of [one.key, two.key]) {
      expect(await keyStatus(servers.a, key)).toBe(401);
      await pollUntil(async () => (await keyStatus(servers.b, key)) === 401, 5000);
    }
    expect(await keyStatus(servers.a, keep.key)).toBe(200);
    const listed = (await servers.a.keys.list(servers.team.as.member)).find((k) => k.id === one.apiKey.id);
    expect(listed).toMatchObject({ revokedReason: ADMIN_REVOKED_KEY_REASON, expiringSoon: false });
    // Revoking again changes nothing.
    expect((await servers.a.keyInventory.bulkRevoke(admin(), [one.apiKey.id])).revoked).toEqual([]);
    const audit = await servers.a.audit.list(admin(), { limit: 20, action: 'key.admin_revoked' });
    expect(audit.map((e) => e.targetId)).toEqual(expect.arrayContaining([one.apiKey.id, two.apiKey.id]));
  });
});
