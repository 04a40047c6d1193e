// Key usage counting off the request path: per-key counts for the current UTC day and the last client, in memory,
// added to the database in batches (every server adds its own counts), with days past 30 pruned.
import { KEY_USAGE_DAYS } from '@teamset/contract';
import type { KeyClient, KeyUsageStore, UsageCount } from './key-usage-store.js';
import { PeriodicFlush } from './periodic-flush.js';

const DAY_MS = 24 * 3600 * 1000;

/** The UTC day (`YYYY-MM-DD`) of a day number (days since the epoch). */
export function usageDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The first day the lists show and the table keeps: today and the 29 days before it. */
export function firstUsageDay(nowMs = Date.now()): string {
  return usageDay(Math.floor(nowMs / DAY_MS) - (KEY_USAGE_DAYS - 1));
}

export class KeyUsageRecorder extends PeriodicFlush {
  private day = Math.floor(Date.now() / DAY_MS);
  private counts = new Map<string, number>();
  /** Counts of days that ended since the last flush (a flush that spans midnight keeps each day's own). */
  private closed: UsageCount[] = [];
  private readonly writtenClients = new Map<string, KeyClient>();
  private pendingClients = new Map<string, KeyClient>();
  private lastPrunedDay = -1;

  constructor(
    private readonly store: KeyUsageStore,
    flushIntervalMs: number,
  ) {
    super(flushIntervalMs);
  }

  /** O(1) and synchronous: called on every request authenticated by a key. */
  count(keyId: string, ip: string | null, userAgent: string | null, nowMs = Date.now()): void {
    const day = Math.floor(nowMs / DAY_MS);
    if (day !== this.day) this.closeDay(day);
    this.counts.set(keyId, (this.counts.get(keyId) ?? 0) + 1);
    // The client is written only when it changed: the same job calling all day costs no client writes.
    const written = this.pendingClients.get(keyId) ?? this.writtenClients.get(keyId);
    if (written === undefined || written.ip !== ip || written.userAgent !== userAgent)
      this.pendingClients.set(keyId, { ip, userAgent });
  }

  forget(keyId: string): void {
    this.counts.delete(keyId);
    this.pendingClients.delete(keyId);
    this.writtenClients.delete(keyId);
  }

  async flush(nowMs = Date.now()): Promise<void> {
    const today = Math.floor(nowMs / DAY_MS);
    if (today !== this.day) this.closeDay(today);
    const batch = [...this.closed, ...this.drain(this.counts, usageDay(this.day))];
    this.closed = [];
    this.counts = new Map();
    const clients = this.pendingClients;
    this.pendingClients = new Map();
    try {
      await this.store.record(batch, clients);
      for (const [keyId, client] of clients) this.writtenClients.set(keyId, client);
      if (today !== this.lastPrunedDay) {
        await this.store.pruneBefore(firstUsageDay(nowMs));
        this.lastPrunedDay = today;
      }
    } catch {
      // Usage is bookkeeping: a failed batch (database restarting) is dropped rather than held without bound.
    }
  }

  private closeDay(newDay: number): void {
    this.closed.push(...this.drain(this.counts, usageDay(this.day)));
    this.counts = new Map();
    this.day = newDay;
  }

  private drain(counts: ReadonlyMap<string, number>, day: string): UsageCount[] {
    return [...counts].map(([keyId, requests]) => ({ keyId, day, requests }));
  }
}
