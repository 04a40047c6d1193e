// POST /keys/revoke-leaked over HTTP: no credentials, one answer for every report, the live keys revoked and flagged, 429 past the budget.
import { LEAKED_KEY_REASON, PATHS, type ApiKeyList } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, createTestApp, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

describe('leaked-key reports', () => {
  let fx: AuthFixture;
  beforeAll(async () => {
    fx = await createAuthFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const report = (keys: unknown) => fx.inject({ method: 'POST', url: PATHS.revokeLeakedKeys, payload: { keys } });
  const whoami = async (key: string) =>
    (await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(key) })).statusCode;

  it('answers the same for live, unknown, deleted and malformed keys, and revokes exactly the live one', async () => {
    const owner = await fx.createUser('MEMBER', 'leaker');
    const bystander = await fx.createUser('MEMBER', 'bystander');
    const bodies = [
      [owner.key, fx.keys.unknown],
      [fx.keys.unknown, fx.keys.deleted],
      ['not a key', 'tsk_short'],
    ];
    const answers = [];
    for (const keys of bodies) {
      const response = await report(keys);
      answers.push({ status: response.statusCode, body: response.body, cache: response.headers['cache-control'] });
    }
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set(['{"received":2}']));
    await fx.services.keys.leakReportsSettled();

    expect(await whoami(owner.key)).toBe(401);
    expect(await whoami(bystander.key)).toBe(200);
    // The owner, signed in with another key, sees why.
    const { key: second } = await fx.services.keys.generate(SYSTEM_ACTOR, {
      name: 'second',
      user: owner.user.id,
    });
    const listed = await fx.inject({ method: 'GET', url: PATHS.keys, headers: keyHeaders(second) });
    const leaked = listed.json<ApiKeyList>().keys.find((k) => k.id === owner.keyId);
    expect(leaked).toMatchObject({ revokedReason: LEAKED_KEY_REASON });
    expect(leaked?.revokedAt).not.toBeNull();
  });

  it('needs no credentials and ignores any it is sent', async () => {
    const owner = await fx.createUser('COLLABORATOR', 'self-report');
    const response = await fx.inject({
      method: 'POST',
      url: PATHS.revokeLeakedKeys,
      headers: keyHeaders(owner.key),
      payload: { keys: [owner.key] },
    });
    expect(response.statusCode).toBe(202);
    await fx.services.keys.leakReportsSettled();
    expect(await whoami(owner.key)).toBe(401);
  });

  it('bounds the report: 1–100 strings of bounded length, nothing else', async () => {
    expectError(await report([]), 400);
    expectError(await report(Array.from({ length: 101 }, () => fx.keys.unknown)), 400);
    expectError(await report(['x'.repeat(257)]), 400);
    expectError(await report([42]), 400);
    expectError(
      await fx.inject({ method: 'POST', url: PATHS.revokeLeakedKeys, payload: { keys: ['a'], extra: 1 } }),
      400,
    );
    expect((await report(Array.from({ length: 100 }, () => fx.keys.unknown))).statusCode).toBe(202);
  });
});

describe('leaked-key report rate limit', () => {
  it('answers 429 with Retry-After past the per-address budget, other addresses unaffected', async () => {
    const t = await createTestApp({ leakReportLimit: { maxReports: 2, windowMs: 60_000 } });
    try {
      const send = (ip: string) =>
        t.app.inject({ method: 'POST', url: PATHS.revokeLeakedKeys, payload: { keys: ['x'] }, remoteAddress: ip });
      expect((await send('192.0.2.10')).statusCode).toBe(202);
      expect((await send('192.0.2.10')).statusCode).toBe(202);
      const limited = await send('192.0.2.10');
      expectError(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await send('192.0.2.11')).statusCode).toBe(202);
    } finally {
      await t.close();
    }
  });
});
