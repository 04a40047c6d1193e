// The per-request API key check: offline format check, SHA-256, cached indexed lookup, constant-time compare.
import {
  API_KEY_LENGTH,
  GUEST_API_KEY_MESSAGE,
  INVALID_API_KEY_MESSAGE,
  canUseApiKeys,
  isWellFormedApiKey,
  type User,
} from '@teamset/contract';
import { LRUCache } from 'lru-cache';
import type { KeyScope } from '../actor.js';
import type { AuthEvent, AuthEventListener } from '../auth/auth-events.js';
import { forbidden, unauthenticated } from '../errors/app-error.js';
import { keyScopeOf } from '../permissions/key-scope.js';
import { constantTimeEqual, sha256Hex } from '../secrets.js';
import type { KeyStore } from './key-store.js';
import type { LastUsedRecorder } from './last-used-recorder.js';

interface CachedKey {
  keyId: string;
  keyHash: string;
  expiresAtMs: number | null;
  user: User;
  /** Cached with the key, so a scoped key costs no query per request; undefined: unscoped. */
  scope: KeyScope | undefined;
  cachedAtMs: number;
}

export interface VerifiedKey {
  keyId: string;
  user: User;
  scope: KeyScope | undefined;
}

export interface KeyVerifierOptions {
  /** Entries kept; the working set of keys in a team is small. */
  maxEntries: number;
  /** Upper bound on staleness should the auth event feed be unreachable. */
  ttlMs: number;
}

export class KeyVerifier implements AuthEventListener {
  private readonly cache: LRUCache<string, CachedKey>;
  private readonly ttlMs: number;

  constructor(
    private readonly store: KeyStore,
    private readonly lastUsed: LastUsedRecorder,
    options: KeyVerifierOptions,
  ) {
    // Staleness is checked here against the clock read we make anyway, not with lru-cache's own TTL:
    // its timer-driven clock cost about 10% of whoami's throughput (docs/benchmarks.md).
    this.cache = new LRUCache({ max: options.maxEntries });
    this.ttlMs = options.ttlMs;
  }

  /**
   * The synchronous fast path: the verified key when it is cached, undefined when the database must
   * be asked. Throws like `verify` for malformed, expired and guest keys.
   */
  verifyCached(rawKey: string): VerifiedKey | undefined {
    return this.cachedFor(rawKey, digestOf(rawKey));
  }

  /** Throws 401 for every kind of bad key (one message), 403 for a guest's key. */
  async verify(rawKey: string): Promise<VerifiedKey> {
    // Hashed once: the cache and, on a miss, the database are asked with the same digest.
    const digest = digestOf(rawKey);
    const cached = this.cachedFor(rawKey, digest);
    if (cached) return cached;
    const keyHash = digest ?? sha256Hex(rawKey);
    // A rotated-out secret is looked for only after the current ones miss: the usual check stays one lookup.
    const row =
      (await this.store.findByHash(keyHash)) ??
      (await this.store.findPreviousByHash(keyHash, new Date().toISOString()));
    if (!row || !constantTimeEqual(row.keyHash, keyHash)) throw unauthenticated(INVALID_API_KEY_MESSAGE);
    const now = Date.now();
    const entry: CachedKey = {
      keyId: row.keyId,
      keyHash: row.keyHash,
      expiresAtMs: row.expiresAt === null ? null : Date.parse(row.expiresAt),
      user: row.user,
      scope: keyScopeOf(row.scope),
      cachedAtMs: now,
    };
    this.cache.set(keyHash, entry);
    this.lastUsed.seed(row.keyId, row.lastUsedAt);
    return this.admit(entry, now);
  }

  private cachedFor(rawKey: string, digest: string | undefined): VerifiedKey | undefined {
    // A hit is an exact match on the full digest of a key that was well-formed when cached,
    // so neither the format check nor a further comparison is needed on this path.
    const entry = digest === undefined ? undefined : this.cache.get(digest);
    if (entry) {
      const now = Date.now();
      if (now - entry.cachedAtMs < this.ttlMs) return this.admit(entry, now);
    }
    // Malformed keys never reach the database (docs/design.md §3).
    if (!isWellFormedApiKey(rawKey)) throw unauthenticated(INVALID_API_KEY_MESSAGE);
    return undefined;
  }

  private admit(entry: CachedKey, now: number): VerifiedKey {
    if (entry.expiresAtMs !== null && now >= entry.expiresAtMs) throw unauthenticated(INVALID_API_KEY_MESSAGE);
    // The role is checked on every call: a user demoted to GUEST keeps their keys but cannot use them.
    if (!canUseApiKeys(entry.user.role)) throw forbidden(GUEST_API_KEY_MESSAGE);
    this.lastUsed.touch(entry.keyId, now);
    return { keyId: entry.keyId, user: entry.user, scope: entry.scope };
  }

  /** `key_revoked` also follows a rotation: the old secret's entry is dropped and re-read with its grace end. */
  onAuthEvent(event: AuthEvent): void {
    if (event.kind === 'key_revoked') this.evictWhere((e) => e.keyId === event.keyId);
    else this.evictWhere((e) => e.user.id === event.userId);
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }

  private evictWhere(match: (entry: CachedKey) => boolean): void {
    for (const [hash, entry] of this.cache.entries()) if (match(entry)) this.cache.delete(hash);
  }
}

/** The digest a key is cached and stored under; undefined for a key of the wrong length, which can be neither. */
function digestOf(rawKey: string): string | undefined {
  return rawKey.length === API_KEY_LENGTH ? sha256Hex(rawKey) : undefined;
}
