// Key rotation on SQLite and PostgreSQL: new secret for the same key, old one working through its grace on every server.
import { DEFAULT_KEY_GRACE_SECONDS, MAX_KEY_GRACE_SECONDS } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { sha256Hex } from '../secrets.js';
import { expectAppError, keyStatus, pollUntil, useTwoServers } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('key rotation on %s', (dialect) => {
  /** A, where changes are made, and B, a second server on the same database. */
  const servers = useTwoServers(dialect);

  it('issues a new secret for the same key, keeping id, name, owner and expiry; both listed', async () => {
    const created = await servers.a.keys.generate(servers.team.as.member, { name: 'ci', expiresInSeconds: 3600 });
    const before = Date.now();
    const rotated = await servers.a.keys.rotate(servers.team.as.member, created.apiKey.id);
    expect(rotated.key).not.toBe(created.key);
    expect(rotated.apiKey).toMatchObject({
      id: created.apiKey.id,
      name: 'ci',
      userId: servers.team.member.id,
      expiresAt: created.apiKey.expiresAt,
      prefix: rotated.key.slice(4, 12),
      revokedAt: null,
    });
    expect(rotated.apiKey.previousSecrets).toHaveLength(1);
    const [previous] = rotated.apiKey.previousSecrets;
    expect(previous?.prefix).toBe(created.apiKey.prefix);
    const graceMs = Date.parse(previous?.graceEndsAt ?? '') - before;
    expect(graceMs).toBeGreaterThanOrEqual(DEFAULT_KEY_GRACE_SECONDS * 1000 - 1000);
    expect(graceMs).toBeLessThanOrEqual(DEFAULT_KEY_GRACE_SECONDS * 1000 + 5000);
    expect(await servers.a.keys.list(servers.team.as.member)).toContainEqual(rotated.apiKey);

    // Both secrets work, on both servers; each resolves to the same key.
    for (const services of [servers.a, servers.b]) {
      expect((await services.keyVerifier.verify(created.key)).keyId).toBe(created.apiKey.id);
      expect((await services.keyVerifier.verify(rotated.key)).keyId).toBe(created.apiKey.id);
    }
    // Only digests are stored.
    const stored = await servers.a.database.db.selectFrom('api_key_previous_secrets').selectAll().execute();
    expect(stored.map((r) => r.key_hash)).toContain(sha256Hex(created.key));
    expect(JSON.stringify(stored)).not.toContain(created.key);
  });

  it('refuses the old secret at once with a grace of 0, on a server that had it cached too', async () => {
    const created = await servers.a.keys.generate(servers.team.as.member, { name: 'no-grace' });
    expect(await keyStatus(servers.b, created.key)).toBe(200);
    const rotated = await servers.a.keys.rotate(servers.team.as.member, created.apiKey.id, { graceSeconds: 0 });
    expect(rotated.apiKey.previousSecrets).toEqual([]);
    expect(await keyStatus(servers.a, created.key)).toBe(401);
    await pollUntil(async () => (await keyStatus(servers.b, created.key)) === 401, 5000);
    expect(await keyStatus(servers.b, rotated.key)).toBe(200);
  });

  it('refuses the old secret once the grace ends, on both servers', async () => {
    const created = await servers.a.keys.generate(servers.team.as.member, { name: 'short-grace' });
    expect(await keyStatus(servers.b, created.key)).toBe(200);
    const rotated = await servers.a.keys.rotate(servers.team.as.member, created.apiKey.id, { graceSeconds: 1 });
    // B drops the entry it cached as the current secret and re-reads it with its grace end.
    await pollUntil(async () => (await keyStatus(servers.b, created.key)) === 200, 1000);
    expect(await keyStatus(servers.a, created.key)).toBe(200);
    await pollUntil(
      async () =>
        (await keyStatus(servers.a, created.key)) === 401 && (await keyStatus(servers.b, created.key)) === 401,
      5000,
    );
    expect(await keyStatus(servers.a, rotated.key)).toBe(200);
    expect(await keyStatus(servers.b, rotated.key)).toBe(200);
    expect(
      (await servers.a.keys.list(servers.team.as.member)).find((k) => k.id === created.apiKey.id)?.previousSecrets,
    ).toEqual([]);
  });

  it('keeps each earlier secret to its own grace over two rotations', async () => {
    const first = await servers.a.keys.generate(servers.team.as.member, { name: 'twice' });
    const second = await servers.a.keys.rotate(servers.team.as.member, first.apiKey.id, { graceSeconds: 600 });
    const third = await servers.a.keys.rotate(servers.team.as.member, first.apiKey.id, { graceSeconds: 60 });
    expect(third.apiKey.previousSecrets.map((p) => p.prefix)).toEqual([first.apiKey.prefix, second.apiKey.prefix]);
    for (const key of [first.key, second.key, third.key]) expect(await keyStatus(servers.a, key)).toBe(200);
  });

  it('validates the grace', async () => {
    const { apiKey } = await servers.a.keys.generate(servers.team.as.member, { name: 'grace-check' });
    for (const graceSeconds of [-1, 1.5, MAX_KEY_GRACE_SECONDS + 1])
      await expectAppError(servers.a.keys.rotate(servers.team.as.member, apiKey.id, { graceSeconds }), 'BAD_REQUEST');
  });

  it('lets admins and the system actor rotate anyone’s key; others get NOT_FOUND, guests FORBIDDEN', async () => {
    const { apiKey } = await servers.a.keys.generate(servers.team.as.member, { name: 'others' });
    await expectAppError(servers.a.keys.rotate(servers.team.as.collaborator, apiKey.id), 'NOT_FOUND');
    await expectAppError(servers.a.keys.rotate(servers.team.as.guest, apiKey.id), 'FORBIDDEN');
    await expectAppError(servers.a.keys.rotate(servers.team.as.member, 'no-such-key'), 'NOT_FOUND');
    expect((await servers.a.keys.rotate(servers.team.as.admin, apiKey.id)).apiKey.id).toBe(apiKey.id);
    expect((await servers.a.keys.rotate(SYSTEM_ACTOR, apiKey.id)).apiKey.previousSecrets).toHaveLength(2);
  });

  it('records the rotation in the audit log without either secret', async () => {
    const created = await servers.a.keys.generate(servers.team.as.member, { name: 'audited' });
    const rotated = await servers.a.keys.rotate(servers.team.as.admin, created.apiKey.id, { graceSeconds: 60 });
    const [event] = await servers.a.audit.list(SYSTEM_ACTOR, { action: 'key.rotate', limit: 1 });
    expect(event).toMatchObject({
      actorId: servers.team.admin.id,
      targetId: created.apiKey.id,
      details: {
        ownerId: servers.team.member.id,
        name: 'audited',
        prefix: rotated.apiKey.prefix,
        previousPrefix: created.apiKey.prefix,
      },
    });
    expect(JSON.stringify(event)).not.toContain(created.key.slice(12));
    expect(JSON.stringify(event)).not.toContain(rotated.key.slice(12));
  });

  it('deleting a rotated key refuses both secrets', async () => {
    const created = await servers.a.keys.generate(servers.team.as.member, { name: 'delete-both' });
    const rotated = await servers.a.keys.rotate(servers.team.as.member, created.apiKey.id);
    await servers.a.keys.delete(servers.team.as.member, created.apiKey.id);
    expect(await keyStatus(servers.a, created.key)).toBe(401);
    expect(await keyStatus(servers.a, rotated.key)).toBe(401);
  });
});
