// LastUsedRecorder on SQLite and PostgreSQL: at most one lastUsedAt write per key per minute, only on flush, seeded from the stored value.
import type { User } from '@teamset/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { toIsoOrNull } from '../db/database.js';
import type { Services } from '../services.js';
import { actorFor, createTestServices, uniqueEmail, type TestServices } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { KeyStore } from './key-store.js';
import { LastUsedRecorder } from './last-used-recorder.js';

const MINUTE = 60_000;

describe.each(await testDialects())('LastUsedRecorder on %s', (dialect) => {
  let ctx: TestServices;
  let services: Services;
  let store: KeyStore;
  let owner: User;

  beforeAll(async () => {
    ctx = await createTestServices(dialect, { background: false });
    services = ctx.services;
    store = new KeyStore(services.database);
    owner = await services.users.create(SYSTEM_ACTOR, { email: uniqueEmail('owner'), name: 'Owner', role: 'MEMBER' });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function newKey(name: string): Promise<{ key: string; keyId: string }> {
    const { key, apiKey } = await services.keys.generate(actorFor(owner), { name });
    return { key, keyId: apiKey.id };
  }

  async function storedLastUsed(keyId: string): Promise<string | null> {
    const row = await services.database.db
      .selectFrom('api_keys')
      .select('last_used_at')
      .where('id', '=', keyId)
      .executeTakeFirstOrThrow();
    return toIsoOrNull(row.last_used_at);
  }

  it('writes nothing on touch, and the stamp on flush', async () => {
    const { keyId } = await newKey('flush');
    const recorder = new LastUsedRecorder(store, MINUTE);
    const t0 = Date.parse('2030-01-01T00:00:00.000Z');
    recorder.touch(keyId, t0);
    expect(await storedLastUsed(keyId)).toBeNull();
    await recorder.flush();
    expect(await storedLastUsed(keyId)).toBe(new Date(t0).toISOString());
  });

  it('writes at most once per minute per key', async () => {
    const a = await newKey('a');
    const b = await newKey('b');
    const writes = vi.spyOn(store, 'touchLastUsed');
    const recorder = new LastUsedRecorder(store, MINUTE);
    const t0 = Date.parse('2030-02-01T00:00:00.000Z');
    for (let i = 0; i < 20; i++) recorder.touch(a.keyId, t0 + i * 1000);
    recorder.touch(b.keyId, t0 + 5000);
    await recorder.flush();
    expect(writes).toHaveBeenCalledTimes(1);
    expect([...(writes.mock.calls[0]?.[0] ?? new Map()).entries()]).toEqual([
      [a.keyId, new Date(t0).toISOString()],
      [b.keyId, new Date(t0 + 5000).toISOString()],
    ]);

    // Still inside the minute: nothing to write.
    recorder.touch(a.keyId, t0 + MINUTE - 1);
    await recorder.flush();
    expect(writes).toHaveBeenCalledTimes(1);
    expect(await storedLastUsed(a.keyId)).toBe(new Date(t0).toISOString());

    // A minute on: one more write.
    recorder.touch(a.keyId, t0 + MINUTE);
    recorder.touch(a.keyId, t0 + MINUTE + 10);
    await recorder.flush();
    expect(writes).toHaveBeenCalledTimes(2);
    expect(await storedLastUsed(a.keyId)).toBe(new Date(t0 + MINUTE).toISOString());
    expect(await storedLastUsed(b.keyId)).toBe(new Date(t0 + 5000).toISOString());
  });

  it('seeds from the stored value, so a fresh process does not write again within the minute', async () => {
    const { keyId } = await newKey('seeded');
    const stamp = new Date(Date.now() - 10_000).toISOString();
    const writes = vi.spyOn(store, 'touchLastUsed');
    const recorder = new LastUsedRecorder(store, MINUTE);
    recorder.seed(keyId, stamp);
    recorder.touch(keyId);
    await recorder.flush();
    expect(writes).not.toHaveBeenCalled();

    const old = await newKey('seeded-old');
    recorder.seed(old.keyId, new Date(Date.now() - 2 * MINUTE).toISOString());
    recorder.touch(old.keyId);
    await recorder.flush();
    expect(writes).toHaveBeenCalledTimes(1);
    expect(await storedLastUsed(old.keyId)).not.toBeNull();
  });

  it('drops a forgotten key’s pending stamp', async () => {
    const { keyId } = await newKey('forgotten');
    const recorder = new LastUsedRecorder(store, MINUTE);
    recorder.touch(keyId);
    recorder.forget(keyId);
    await recorder.flush();
    expect(await storedLastUsed(keyId)).toBeNull();
  });

  it('retries after a failed flush instead of waiting out the minute', async () => {
    const { keyId } = await newKey('retry');
    const recorder = new LastUsedRecorder(store, MINUTE);
    vi.spyOn(store, 'touchLastUsed').mockRejectedValueOnce(new Error('database restarting'));
    const t0 = Date.parse('2030-03-01T00:00:00.000Z');
    recorder.touch(keyId, t0);
    await recorder.flush();
    expect(await storedLastUsed(keyId)).toBeNull();
    recorder.touch(keyId, t0 + 1000);
    await recorder.flush();
    expect(await storedLastUsed(keyId)).toBe(new Date(t0 + 1000).toISOString());
  });

  describe('behind the verifier', () => {
    it('keeps the write off the request path and flushes it on close', async () => {
      const server = await ctx.openAnother({ lastUsedFlushMs: 10 * MINUTE });
      const { key, keyId } = await newKey('verified');
      const writes = vi.spyOn(KeyStore.prototype, 'touchLastUsed');
      const before = Date.now();
      for (let i = 0; i < 5; i++) await server.keyVerifier.verify(key);
      expect(writes).not.toHaveBeenCalled();
      expect(await storedLastUsed(keyId)).toBeNull();
      await server.close();
      expect(writes).toHaveBeenCalledTimes(1);
      const stamp = Date.parse((await storedLastUsed(keyId)) ?? '');
      expect(stamp).toBeGreaterThanOrEqual(before - 1000);
      expect(stamp).toBeLessThanOrEqual(Date.now());
    });

    it('flushes on its interval while the server runs', async () => {
      const server = await ctx.openAnother({ lastUsedFlushMs: 20 });
      const { key, keyId } = await newKey('interval');
      await server.keyVerifier.verify(key);
      const deadline = Date.now() + 2000;
      while ((await storedLastUsed(keyId)) === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      expect(await storedLastUsed(keyId)).not.toBeNull();
    });

    it('does not rewrite a recent stored stamp when another server first sees the key', async () => {
      const { key, keyId } = await newKey('recent');
      const recent = new Date(Date.now() - 5000).toISOString();
      await services.database.db
        .updateTable('api_keys')
        .set({ last_used_at: recent })
        .where('id', '=', keyId)
        .execute();
      const server = await ctx.openAnother({ lastUsedFlushMs: 10 * MINUTE });
      await server.keyVerifier.verify(key);
      await server.close();
      expect(await storedLastUsed(keyId)).toBe(recent);
    });
  });
});
