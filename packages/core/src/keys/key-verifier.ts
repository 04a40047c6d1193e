// The per-request API key check: offline format check, SHA-256, cached indexed lookup, constant-time compare.
import { GUEST_API_KEY_MESSAGE, INVALID_API_KEY_MESSAGE, canUseApiKeys, isWellFormedApiKey, type User } from '@teamset/contract';
import { LRUCache } from 'lru-cache';
import type { AuthEvent, AuthEventListener } from '../auth/auth-events.js';
import { forbidden, unauthenticated } from '../errors/app-error.js';
import { constantTimeEqual, sha256Hex } from '../secrets.js';
import type { KeyStore } from './key-store.js';
import type { LastUsedRecorder } from './last-used-recorder.js';

interface CachedKey {
  keyId: string;
  keyHash: string;
  expiresAtMs: number | null;
  user: User;
}

export interface VerifiedKey {
  keyId: string;
  user: User;
}

export interface KeyVerifierOptions {
  /** Entries kept; the working set of keys in a team is small. */
  maxEntries: number;
  /** Upper bound on staleness should the auth event feed be unreachable. */
  ttlMs: number;
}

export class KeyVerifier implements AuthEventListener {
  private readonly cache: LRUCache<string, CachedKey>;

  constructor(
    private readonly store: KeyStore,
    private readonly lastUsed: LastUsedRecorder,
    options: KeyVerifierOptions,
  ) {
    this.cache = new LRUCache({ max: options.maxEntries, ttl: options.ttlMs });
  }

  /** Throws 401 for every kind of bad key (one message), 403 for a guest's key. */
  async verify(rawKey: string): Promise<VerifiedKey> {
    // Malformed keys never reach the database (DESIGN §3).
    if (!isWellFormedApiKey(rawKey)) throw unauthenticated(INVALID_API_KEY_MESSAGE);
    const keyHash = sha256Hex(rawKey);
    let entry = this.cache.get(keyHash);
    if (!entry) {
      const row = await this.store.findByHash(keyHash);
      if (!row || !constantTimeEqual(row.keyHash, keyHash)) throw unauthenticated(INVALID_API_KEY_MESSAGE);
      entry = { keyId: row.keyId, keyHash: row.keyHash, expiresAtMs: row.expiresAt === null ? null : Date.parse(row.expiresAt), user: row.user };
      this.cache.set(keyHash, entry);
      this.lastUsed.seed(row.keyId, row.lastUsedAt);
    } else if (!constantTimeEqual(entry.keyHash, keyHash)) {
      throw unauthenticated(INVALID_API_KEY_MESSAGE);
    }
    if (entry.expiresAtMs !== null && Date.now() >= entry.expiresAtMs) throw unauthenticated(INVALID_API_KEY_MESSAGE);
    // The role is checked on every call: a user demoted to GUEST keeps their keys but cannot use them.
    if (!canUseApiKeys(entry.user.role)) throw forbidden(GUEST_API_KEY_MESSAGE);
    this.lastUsed.touch(entry.keyId);
    return { keyId: entry.keyId, user: entry.user };
  }

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
