// Auth change feed: key revocations and user changes, polled by every server sharing the database to evict caches.
import type { Database } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';

export type AuthEvent = { kind: 'key_revoked'; keyId: string } | { kind: 'user_changed'; userId: string };

export interface AuthEventListener {
  onAuthEvent(event: AuthEvent): void;
}

/** Events older than this are pruned; a server that was down longer rebuilds its cache from scratch anyway. */
const RETENTION_MS = 60 * 60 * 1000;
/**
 * A PostgreSQL sequence value is taken before commit, so a slow transaction can commit a lower seq
 * after we read a higher one. Re-reading a trailing window catches those; eviction is idempotent.
 */
const REREAD_WINDOW = 50;

export class AuthEventFeed {
  private lastSeq = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private readonly listeners: AuthEventListener[] = [];
  private pollsSincePrune = 0;
  /** Seqs already acted on within the re-read window. */
  private readonly seen = new Set<number>();

  constructor(
    private readonly database: Database,
    private readonly pollIntervalMs: number,
  ) {}

  subscribe(listener: AuthEventListener): void {
    this.listeners.push(listener);
  }

  /**
   * Records the event in the caller's transaction. The caller calls `emitLocal` after commit:
   * evicting before commit would let a concurrent request re-cache the old row.
   */
  async record(trx: Db, event: AuthEvent): Promise<void> {
    await trx
      .insertInto('auth_events')
      .values({ at: nowIso(), kind: event.kind, key_id: event.kind === 'key_revoked' ? event.keyId : null, user_id: event.kind === 'user_changed' ? event.userId : null })
      .execute();
  }

  emitLocal(event: AuthEvent): void {
    this.emit(event);
  }

  /** Starts polling from the current end of the feed: older events predate our (empty) cache. */
  async start(): Promise<void> {
    const rows = await this.readWindow(Number.MAX_SAFE_INTEGER);
    for (const row of rows) this.markSeen(Number(row.seq));
    this.timer = setInterval(() => void this.poll(), this.pollIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const row of await this.readWindow(Math.max(0, this.lastSeq - REREAD_WINDOW))) {
        const seq = Number(row.seq);
        // Each event is acted on once: re-emitting the window every tick would keep evicting live cache entries.
        if (this.seen.has(seq)) continue;
        this.markSeen(seq);
        if (row.kind === 'key_revoked' && row.key_id) this.emit({ kind: 'key_revoked', keyId: row.key_id });
        if (row.kind === 'user_changed' && row.user_id) this.emit({ kind: 'user_changed', userId: row.user_id });
      }
      for (const seq of this.seen) if (seq <= this.lastSeq - REREAD_WINDOW) this.seen.delete(seq);
      if (++this.pollsSincePrune >= 1000) {
        this.pollsSincePrune = 0;
        await this.database.db.deleteFrom('auth_events').where('at', '<', new Date(Date.now() - RETENTION_MS).toISOString()).execute();
      }
    } catch {
      // A failed poll (database restarting) is retried on the next tick; cache TTL bounds staleness meanwhile.
    } finally {
      this.polling = false;
    }
  }

  /** Events after `afterSeq`, or the trailing window when afterSeq is MAX_SAFE_INTEGER (start-up). */
  private async readWindow(afterSeq: number) {
    let q = this.database.db.selectFrom('auth_events').select(['seq', 'kind', 'key_id', 'user_id']);
    if (afterSeq === Number.MAX_SAFE_INTEGER) q = q.orderBy('seq', 'desc').limit(REREAD_WINDOW);
    else q = q.where('seq', '>', afterSeq).orderBy('seq');
    return q.execute();
  }

  private markSeen(seq: number): void {
    this.seen.add(seq);
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  private emit(event: AuthEvent): void {
    for (const listener of this.listeners) listener.onAuthEvent(event);
  }
}
