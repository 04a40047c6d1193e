// Leak reports on SQLite and PostgreSQL: exactly the live, well-formed keys named are revoked, flagged and audited, on every server.
import { LEAKED_KEY_REASON } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { expectAppError, keyStatus, pollUntil, useTwoServers } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { generateRawApiKey } from './key-service.js';

describe.each(await testDialects())('leaked-key revocation on %s', (dialect) => {
  /** A, where changes are made, and B, a second server on the same database. */
  const servers = useTwoServers(dialect);

  it('revokes exactly the live keys named, keeps them flagged in the owner’s list, on both servers', async () => {
    const leaked = await servers.a.keys.generate(servers.team.as.member, { name: 'leaked' });
    const kept = await servers.a.keys.generate(servers.team.as.member, { name: 'kept' });
    for (const s of [servers.a, servers.b]) expect(await keyStatus(s, leaked.key)).toBe(200);
    const mangled = leaked.key.slice(0, -1) + (leaked.key.endsWith('a') ? 'b' : 'a');
    const report = servers.a.keys.reportLeaked(
      [leaked.key, leaked.key, generateRawApiKey(), mangled, 'not a key'],
      '192.0.2.7',
    );
    expect(report.received).toBe(5);
    await report.done;

    expect(await keyStatus(servers.a, leaked.key)).toBe(401);
    await pollUntil(async () => (await keyStatus(servers.b, leaked.key)) === 401, 5000);
    expect(await keyStatus(servers.a, kept.key)).toBe(200);

    const listed = await servers.a.keys.list(servers.team.as.member);
    const flagged = listed.find((k) => k.id === leaked.apiKey.id);
    expect(flagged?.revokedReason).toBe(LEAKED_KEY_REASON);
    expect(Date.parse(flagged?.revokedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(listed.find((k) => k.id === kept.apiKey.id)).toMatchObject({ revokedAt: null, revokedReason: null });

    const events = await servers.a.audit.list(SYSTEM_ACTOR, { action: 'key.leak_revoked', limit: 10 });
    const mine = events.filter((e) => e.targetId === leaked.apiKey.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      actorId: null,
      ip: '192.0.2.7',
      details: { ownerId: servers.team.member.id, name: 'leaked', prefix: leaked.apiKey.prefix, secret: 'current' },
    });
    expect(JSON.stringify(events)).not.toContain(leaked.key.slice(12));
  });

  it('does nothing for a key already revoked or deleted, and a revoked key cannot be rotated', async () => {
    const leaked = await servers.a.keys.generate(servers.team.as.member, { name: 'twice-reported' });
    await servers.a.keys.reportLeaked([leaked.key], null).done;
    const before = (await servers.a.audit.list(SYSTEM_ACTOR, { action: 'key.leak_revoked', limit: 100 })).length;
    await servers.a.keys.reportLeaked([leaked.key], null).done;
    expect((await servers.a.audit.list(SYSTEM_ACTOR, { action: 'key.leak_revoked', limit: 100 })).length).toBe(before);
    await expectAppError(servers.a.keys.rotate(servers.team.as.member, leaked.apiKey.id), 'CONFLICT');
    // Its owner may still delete it.
    await servers.a.keys.delete(servers.team.as.member, leaked.apiKey.id);
    await servers.a.keys.reportLeaked([leaked.key], null).done;
  });

  it('a reported secret still in its rotation grace revokes the whole key', async () => {
    const created = await servers.a.keys.generate(servers.team.as.member, { name: 'rotated-then-leaked' });
    const rotated = await servers.a.keys.rotate(servers.team.as.member, created.apiKey.id, { graceSeconds: 600 });
    await servers.a.keys.reportLeaked([created.key], null).done;
    expect(await keyStatus(servers.a, created.key)).toBe(401);
    expect(await keyStatus(servers.a, rotated.key)).toBe(401);
    const listed = (await servers.a.keys.list(servers.team.as.member)).find((k) => k.id === created.apiKey.id);
    expect(listed).toMatchObject({ revokedReason: LEAKED_KEY_REASON, previousSecrets: [] });
    const [event] = await servers.a.audit.list(SYSTEM_ACTOR, { action: 'key.leak_revoked', limit: 1 });
    expect(event).toMatchObject({ targetId: created.apiKey.id, details: { secret: 'previous' } });
  });

  it('a secret whose grace has ended revokes nothing', async () => {
    const created = await servers.a.keys.generate(servers.team.as.member, { name: 'grace-over' });
    const rotated = await servers.a.keys.rotate(servers.team.as.member, created.apiKey.id, { graceSeconds: 0 });
    await servers.a.keys.reportLeaked([created.key], null).done;
    expect(await keyStatus(servers.a, rotated.key)).toBe(200);
  });

  it('handles reports one after another and settles', async () => {
    const keys = await Promise.all(
      [1, 2, 3].map((n) => servers.a.keys.generate(servers.team.as.member, { name: `batch-${n}` })),
    );
    const reports = keys.map((k) => servers.a.keys.reportLeaked([k.key], null));
    await servers.a.keys.leakReportsSettled();
    for (const r of reports) await r.done;
    for (const k of keys) expect(await keyStatus(servers.a, k.key)).toBe(401);
  });
});
