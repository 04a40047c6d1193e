// Auth change feed: key revocations and user changes, read by every server sharing the database to evict caches.
import type { Database } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { DEFAULT_LISTENER_BACKOFF, PgAuthEventListener, type ListenerBackoff } from './auth-event-listener.js';
import { AuthEventStore } from './auth-event-store.js';

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

/**
 * On PostgreSQL each recorded event is also announced with NOTIFY, which is delivered on commit, and a
 * dedicated LISTEN connection reads the feed at once. The poll stays, at the same interval, as the fallback
 * for events announced while that connection was down or silently broken. SQLite has no NOTIFY: servers
 * sharing the file rely on the poll alone.
 */
export class AuthEventFeed {
  private lastSeq = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The read in progress; a wake-up during it asks for one more read, as the running one may predate the commit. */
  private running: Promise<void> | undefined;
  private readAgain = false;
  private listener: PgAuthEventListener | undefined;
  private readonly listeners: AuthEventListener[] = [];
  private pollsSincePrune = 0;
  /** Seqs already acted on within the re-read window. */
  private readonly seen = new Set<number>();
  private readonly store: AuthEventStore;

  constructor(
    private readonly database: Database,
    private readonly pollIntervalMs: number,
    private readonly listenerBackoff: ListenerBackoff = DEFAULT_LISTENER_BACKOFF,
  ) {
    this.store = new AuthEventStore(database);
  }

  subscribe(listener: AuthEventListener): void {
    this.listeners.push(listener);
  }

  /**
   * Records the event in the caller's transaction. The caller calls `emitLocal` after commit:
   * evicting before commit would let a concurrent request re-cache the old row.
   */
  async record(trx: Db, event: AuthEvent): Promise<void> {
    await this.store.insert(trx, {
      kind: event.kind,
      keyId: event.kind === 'key_revoked' ? event.keyId : null,
      userId: event.kind === 'user_changed' ? event.userId : null,
    });
  }

  emitLocal(event: AuthEvent): void {
    this.emit(event);
  }

  /** Starts reading from the current end of the feed: older events predate our (empty) cache. */
  async start(): Promise<void> {
    for (const row of await this.store.readLatest(REREAD_WINDOW)) this.markSeen(Number(row.seq));
    const newPgClient = this.database.newPgClient;
    if (newPgClient) {
      this.listener = new PgAuthEventListener(newPgClient, () => void this.poll(), this.listenerBackoff);
      await this.listener.start();
    }
    this.timer = setInterval(() => void this.poll(), this.pollIntervalMs);
    this.timer.unref();
  }

  /** Stops the poll and closes the LISTEN connection. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.stop();
  }

  /** True while a LISTEN connection is up (PostgreSQL); false on SQLite, before start, and while reconnecting. */
  get listening(): boolean {
    return this.listener?.listening ?? false;
  }

  /** Reads new events; a call during a read returns that read, extended by one more pass. */
  poll(): Promise<void> {
    if (this.running) {
      this.readAgain = true;
      return this.running;
    }
    this.running = this.readUntilCaughtUp();
    return this.running;
  }

  private async readUntilCaughtUp(): Promise<void> {
    try {
      do {
        this.readAgain = false;
        await this.readOnce();
      } while (this.readAgain);
    } finally {
      // No await between the last check of readAgain and here: a wake-up cannot fall in between.
      this.running = undefined;
    }
  }

  private async readOnce(): Promise<void> {
    try {
      for (const row of await this.store.readAfter(Math.max(0, this.lastSeq - REREAD_WINDOW))) {
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
        await this.store.pruneBefore(new Date(Date.now() - RETENTION_MS));
      }
    } catch {
      // A failed poll (database restarting) is retried on the next tick; cache TTL bounds staleness meanwhile.
    }
  }

  private markSeen(seq: number): void {
    this.seen.add(seq);
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  private emit(event: AuthEvent): void {
    for (const listener of this.listeners) listener.onAuthEvent(event);
  }
}
