// lastUsedAt bookkeeping off the request path: at most one write per key per minute, flushed in batches.
import type { KeyStore } from './key-store.js';
import { PeriodicFlush } from './periodic-flush.js';

const WRITE_EVERY_MS = 60_000;

export class LastUsedRecorder extends PeriodicFlush {
  private readonly lastWrittenMs = new Map<string, number>();
  private pending = new Map<string, string>();

  constructor(
    private readonly store: KeyStore,
    flushIntervalMs: number,
  ) {
    super(flushIntervalMs);
  }

  /** Remembers the stored value so a restart does not write again within the minute. */
  seed(keyId: string, lastUsedAt: string | null): void {
    if (!this.lastWrittenMs.has(keyId)) this.lastWrittenMs.set(keyId, lastUsedAt === null ? 0 : Date.parse(lastUsedAt));
  }

  /** O(1) and synchronous: called on every authenticated request. */
  touch(keyId: string, nowMs = Date.now()): void {
    const last = this.lastWrittenMs.get(keyId) ?? 0;
    if (nowMs - last < WRITE_EVERY_MS) return;
    this.lastWrittenMs.set(keyId, nowMs);
    this.pending.set(keyId, new Date(nowMs).toISOString());
  }

  forget(keyId: string): void {
    this.lastWrittenMs.delete(keyId);
    this.pending.delete(keyId);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.store.touchLastUsed(batch);
    } catch {
      // Losing a lastUsedAt stamp is harmless; the next use writes a fresh one.
      for (const id of batch.keys()) this.lastWrittenMs.delete(id);
    }
  }
}
