// Leak reports on SQLite and PostgreSQL: exactly the live, well-formed keys named are revoked, flagged and audited, on every server.
import { ERROR_HTTP_STATUS, LEAKED_KEY_REASON } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services.js';
import {
  createTestServices,
  expectAppError,
  pollUntil,
  seedTeam,
  type Team,
  type TestServices,
} from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { generateRawApiKey } from './key-service.js';

async function keyStatus(services: Services, key: string): Promise<number> {
  try {
    await services.keyVerifier.verify(key);
    return 200;
  } catch (error) {
    if (error instanceof AppError) return ERROR_HTTP_STATUS[error.code];
    throw error;
  }
}

describe.each(await testDialects())('leaked-key revocation on %s', (dialect) => {
  let ctx: TestServices;
  let a: Services;
  let b: Services;
  let team: Team;

  beforeAll(async () => {
    ctx = await createTestServices(dialect, { authEventPollMs: 50 });
    a = ctx.services;
    b = await ctx.openAnother({ authEventPollMs: 50 });
    team = await seedTeam(a);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('revokes exactly the live keys named, keeps them flagged in the owner’s list, on both servers', async () => {
    const leaked = await a.keys.generate(team.as.member, { name: 'leaked' });
    const kept = await a.keys.generate(team.as.member, { name: 'kept' });
    for (const s of [a, b]) expect(await keyStatus(s, leaked.key)).toBe(200);
    const mangled = leaked.key.slice(0, -1) + (leaked.key.endsWith('a') ? 'b' : 'a');
    const report = a.keys.reportLeaked(
      [leaked.key, leaked.key, generateRawApiKey(), mangled, 'not a key'],
      '192.0.2.7',
    );
    expect(report.received).toBe(5);
    await report.done;

    expect(await keyStatus(a, leaked.key)).toBe(401);
    await pollUntil(async () => (await keyStatus(b, leaked.key)) === 401, 5000);
    expect(await keyStatus(a, kept.key)).toBe(200);

    const listed = await a.keys.list(team.as.member);
    const flagged = listed.find((k) => k.id === leaked.apiKey.id);
    expect(flagged?.revokedReason).toBe(LEAKED_KEY_REASON);
    expect(Date.parse(flagged?.revokedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(listed.find((k) => k.id === kept.apiKey.id)).toMatchObject({ revokedAt: null, revokedReason: null });

    const events = await a.audit.list(SYSTEM_ACTOR, { action: 'key.leak_revoked', limit: 10 });
    const mine = events.filter((e) => e.targetId === leaked.apiKey.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      actorId: null,
      ip: '192.0.2.7',
      details: { ownerId: team.member.id, name: 'leaked', prefix: leaked.apiKey.prefix, secret: 'current' },
    });
    expect(JSON.stringify(events)).not.toContain(leaked.key.slice(12));
  });

  it('does nothing for a key already revoked or deleted, and a revoked key cannot be rotated', async () => {
    const leaked = await a.keys.generate(team.as.member, { name: 'twice-reported' });
    await a.keys.reportLeaked([leaked.key], null).done;
    const before = (await a.audit.list(SYSTEM_ACTOR, { action: 'key.leak_revoked', limit: 100 })).length;
    await a.keys.reportLeaked([leaked.key], null).done;
    expect((await a.audit.list(SYSTEM_ACTOR, { action: 'key.leak_revoked', limit: 100 })).length).toBe(before);
    await expectAppError(a.keys.rotate(team.as.member, leaked.apiKey.id), 'CONFLICT');
    // Its owner may still delete it.
    await a.keys.delete(team.as.member, leaked.apiKey.id);
    await a.keys.reportLeaked([leaked.key], null).done;
  });

  it('a reported secret still in its rotation grace revokes the whole key', async () => {
    const created = await a.keys.generate(team.as.member, { name: 'rotated-then-leaked' });
    const rotated = await a.keys.rotate(team.as.member, created.apiKey.id, { graceSeconds: 600 });
    await a.keys.reportLeaked([created.key], null).done;
    expect(await keyStatus(a, created.key)).toBe(401);
    expect(await keyStatus(a, rotated.key)).toBe(401);
    const listed = (await a.keys.list(team.as.member)).find((k) => k.id === created.apiKey.id);
    expect(listed).toMatchObject({ revokedReason: LEAKED_KEY_REASON, previousSecrets: [] });
    const [event] = await a.audit.list(SYSTEM_ACTOR, { action: 'key.leak_revoked', limit: 1 });
    expect(event).toMatchObject({ targetId: created.apiKey.id, details: { secret: 'previous' } });
  });

  it('a secret whose grace has ended revokes nothing', async () => {
    const created = await a.keys.generate(team.as.member, { name: 'grace-over' });
    const rotated = await a.keys.rotate(team.as.member, created.apiKey.id, { graceSeconds: 0 });
    await a.keys.reportLeaked([created.key], null).done;
    expect(await keyStatus(a, rotated.key)).toBe(200);
  });

  it('handles reports one after another and settles', async () => {
    const keys = await Promise.all([1, 2, 3].map((n) => a.keys.generate(team.as.member, { name: `batch-${n}` })));
    const reports = keys.map((k) => a.keys.reportLeaked([k.key], null));
    await a.keys.leakReportsSettled();
    for (const r of reports) await r.done;
    for (const k of keys) expect(await keyStatus(a, k.key)).toBe(401);
  });
});
