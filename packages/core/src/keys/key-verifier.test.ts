// KeyVerifier on SQLite and PostgreSQL: offline rejection of malformed keys, one message for bad keys, guests, cache eviction, cross-server revocation.
import {
  API_KEY_PREFIX,
  GUEST_API_KEY_MESSAGE,
  INVALID_API_KEY_MESSAGE,
  BASE62_ALPHABET,
  type User,
} from '@teamset/contract';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { isAppError } from '../errors/app-error.js';
import type { Services } from '../services.js';
import {
  actorFor,
  expectAppError,
  pollUntil,
  uniqueEmail,
  useTeamServices,
  type Team,
  type TestServices,
} from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { generateRawApiKey } from './key-service.js';
import { KeyStore } from './key-store.js';

/**
 * docs/design.md §3 asks for 100 ms across servers, measured by `npm run bench:revocation`; these tests only show
 * that the change arrives, with a bound generous enough for a loaded machine.
 */
const CROSS_SERVER_DEADLINE_MS = 1000;

/** Resolves to 'ok', or the error code the verifier threw. */
async function outcome(services: Services, key: string): Promise<string> {
  try {
    await services.keyVerifier.verify(key);
    return 'ok';
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

/** The key with the character at `index` replaced by a different base62 character. */
function changeOneChar(key: string, index: number): string {
  const current = key[index] ?? '';
  const replacement = BASE62_ALPHABET[(BASE62_ALPHABET.indexOf(current) + 1) % 62] ?? '0';
  return key.slice(0, index) + replacement + key.slice(index + 1);
}

describe.each(await testDialects())('KeyVerifier on %s', (dialect) => {
  let ctx: TestServices;
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ ctx, services, team } = opened));
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A fresh COLLABORATOR with one key, so role changes do not disturb other tests. */
  async function userWithKey(
    label: string,
    expiresInSeconds?: number,
  ): Promise<{ user: User; key: string; keyId: string }> {
    const user = await services.users.create(SYSTEM_ACTOR, {
      email: uniqueEmail(label),
      name: label,
      role: 'COLLABORATOR',
    });
    const { key, apiKey } = await services.keys.generate(actorFor(user), {
      name: label,
      ...(expiresInSeconds ? { expiresInSeconds } : {}),
    });
    return { user, key, keyId: apiKey.id };
  }

  it('re-reads a cached key from the database once the cache TTL has passed, even if no event says so', async () => {
    // A second instance with a short TTL and no event feed: only the TTL can make it notice.
    const other = await ctx.openAnother({ background: false, keyCacheTtlMs: 150 });
    const { key, keyId } = await userWithKey('ttl');
    expect(await outcome(other, key)).toBe('ok');
    // Removed behind the services' back, as a manual database fix would.
    await services.database.db.deleteFrom('api_keys').where('id', '=', keyId).execute();
    expect(await outcome(other, key)).toBe('ok');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await outcome(other, key)).toBe('UNAUTHENTICATED');
  });

  it('accepts a valid key as its user, with the role as it is now', async () => {
    const { user, key, keyId } = await userWithKey('valid');
    const verified = await services.keyVerifier.verify(key);
    expect(verified).toEqual({ keyId, user, expiresAtMs: null });
  });

  it('answers a repeated check from the cache with no database read', async () => {
    const { key } = await userWithKey('cached');
    const lookups = vi.spyOn(KeyStore.prototype, 'findByHash');
    await services.keyVerifier.verify(key);
    await services.keyVerifier.verify(key);
    await services.keyVerifier.verify(key);
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('rejects malformed keys before any database read, with the one message', async () => {
    const { key } = await userWithKey('malformed');
    services.keyVerifier.clear();
    const lookups = vi.spyOn(KeyStore.prototype, 'findByHash');
    const malformed = [
      '',
      API_KEY_PREFIX,
      changeOneChar(key, 10), // random part changed: checksum no longer matches
      changeOneChar(key, key.length - 1), // checksum changed
      key.slice(0, -1),
      `${key}0`,
      `tsx_${key.slice(4)}`,
      `TSK_${key.slice(4)}`,
      `${key.slice(0, 20)}-${key.slice(21)}`,
      ` ${key.slice(1)}`,
      `Bearer ${key}`,
    ];
    for (const bad of malformed) {
      await expectAppError(services.keyVerifier.verify(bad), 'UNAUTHENTICATED', INVALID_API_KEY_MESSAGE);
    }
    expect(lookups).not.toHaveBeenCalled();
    // Control: a well-formed key does reach the store, so the spy is live.
    await services.keyVerifier.verify(key);
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('gives unknown, deleted and expired keys the same UNAUTHENTICATED message', async () => {
    const unknown = await expectAppError(services.keyVerifier.verify(generateRawApiKey()), 'UNAUTHENTICATED');

    const deletedKey = await userWithKey('deleted');
    await services.keyVerifier.verify(deletedKey.key);
    await services.keys.delete(actorFor(deletedKey.user), deletedKey.keyId);
    const deleted = await expectAppError(services.keyVerifier.verify(deletedKey.key), 'UNAUTHENTICATED');

    // Expired before it was ever cached: the stored expiry is in the past.
    const expiredKey = await userWithKey('expired', 3600);
    await services.database.db
      .updateTable('api_keys')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', expiredKey.keyId)
      .execute();
    const expired = await expectAppError(services.keyVerifier.verify(expiredKey.key), 'UNAUTHENTICATED');

    for (const error of [unknown, deleted, expired]) expect(error.message).toBe(INVALID_API_KEY_MESSAGE);
  });

  it('rejects a cached key once its expiry passes', async () => {
    const { key } = await userWithKey('expires-while-cached', 60);
    await services.keyVerifier.verify(key);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    await expectAppError(services.keyVerifier.verify(key), 'UNAUTHENTICATED', INVALID_API_KEY_MESSAGE);
    vi.spyOn(Date, 'now').mockReturnValue(now + 30_000);
    expect((await services.keyVerifier.verify(key)).user.role).toBe('COLLABORATOR');
  });

  it('forbids a guest’s key with "Guests cannot use API keys"', async () => {
    const { user, key } = await userWithKey('guest');
    await services.database.db.updateTable('users').set({ role: 'GUEST' }).where('id', '=', user.id).execute();
    services.keyVerifier.clear();
    await expectAppError(services.keyVerifier.verify(key), 'FORBIDDEN', GUEST_API_KEY_MESSAGE);
  });

  it('locks a user demoted to GUEST out at once, and lets them back in when promoted', async () => {
    const { user, key } = await userWithKey('demoted');
    await services.keyVerifier.verify(key);
    expect(services.keyVerifier.size).toBeGreaterThan(0);
    await services.users.setRole(team.as.admin, user.id, 'GUEST');
    await expectAppError(services.keyVerifier.verify(key), 'FORBIDDEN', GUEST_API_KEY_MESSAGE);
    await services.users.setRole(team.as.admin, user.id, 'MEMBER');
    expect((await services.keyVerifier.verify(key)).user.role).toBe('MEMBER');
  });

  it('evicts every cached key of a demoted user, wherever it sits in the cache', async () => {
    const { user, key } = await userWithKey('many-keys');
    const bystander = await userWithKey('bystander');
    const keys = [key];
    for (let i = 0; i < 4; i++) keys.push((await services.keys.generate(actorFor(user), { name: `extra ${i}` })).key);
    // Interleave with someone else's key so the user's entries are not adjacent in the LRU list.
    for (const k of keys) {
      await services.keyVerifier.verify(k);
      await services.keyVerifier.verify(bystander.key);
    }
    await services.users.setRole(team.as.admin, user.id, 'GUEST');
    for (const k of keys) await expectAppError(services.keyVerifier.verify(k), 'FORBIDDEN', GUEST_API_KEY_MESSAGE);
    expect((await services.keyVerifier.verify(bystander.key)).user.id).toBe(bystander.user.id);
  });

  it('evicts a deleted key at once on the server that deleted it', async () => {
    const { user, key, keyId } = await userWithKey('evicted');
    await services.keyVerifier.verify(key);
    const lookups = vi.spyOn(KeyStore.prototype, 'findByHash');
    await services.keys.delete(actorFor(user), keyId);
    await expectAppError(services.keyVerifier.verify(key), 'UNAUTHENTICATED', INVALID_API_KEY_MESSAGE);
    // The rejection came from a fresh lookup, not a stale cache entry.
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  describe('across servers sharing the database', () => {
    let serverB: Services;
    /** A server with no revocation polling: keeps trusting its cache, which shows the tests exercise the cache. */
    let frozen: Services;

    beforeAll(async () => {
      serverB = await ctx.openAnother();
      frozen = await ctx.openAnother({ background: false });
    });

    /** Verifies on A, B and the frozen server so each has the key cached. */
    async function cachedEverywhere(label: string): Promise<{ user: User; key: string; keyId: string }> {
      const made = await userWithKey(label);
      for (const s of [services, serverB, frozen]) expect(await outcome(s, made.key)).toBe('ok');
      return made;
    }

    async function expectRejectedWithinDeadline(key: string, code: string, since: number): Promise<void> {
      await pollUntil(async () => (await outcome(serverB, key)) === code, CROSS_SERVER_DEADLINE_MS, 10);
      expect(Date.now() - since).toBeLessThanOrEqual(CROSS_SERVER_DEADLINE_MS);
    }

    it('revokes a key deleted on A within 1 s on B', async () => {
      const { user, key, keyId } = await cachedEverywhere('cross-delete');
      const start = Date.now();
      await services.keys.delete(actorFor(user), keyId);
      expect(await outcome(services, key)).toBe('UNAUTHENTICATED');
      await expectRejectedWithinDeadline(key, 'UNAUTHENTICATED', start);
      expect(await outcome(frozen, key)).toBe('ok');
    });

    it('locks out a user demoted to GUEST on A within 1 s on B', async () => {
      const { user, key } = await cachedEverywhere('cross-demote');
      const start = Date.now();
      await services.users.setRole(team.as.admin, user.id, 'GUEST');
      expect(await outcome(services, key)).toBe('FORBIDDEN');
      await expectRejectedWithinDeadline(key, 'FORBIDDEN', start);
      expect(await outcome(frozen, key)).toBe('ok');
    });

    it('revokes the keys of a user deleted on A within 1 s on B', async () => {
      const { user, key } = await cachedEverywhere('cross-user-delete');
      const start = Date.now();
      await services.users.delete(team.as.admin, user.id);
      await expectRejectedWithinDeadline(key, 'UNAUTHENTICATED', start);
    });
  });
});
