// The auth_events table: recording an event (announced with NOTIFY on PostgreSQL), reading the feed, pruning it.
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { AUTH_EVENTS_CHANNEL } from './auth-event-listener.js';

export type AuthEventRow = { seq: number; kind: string; key_id: string | null; user_id: string | null };

export class AuthEventStore {
  constructor(private readonly database: Database) {}

  /** Inserts in the caller's transaction; on PostgreSQL also queues a NOTIFY, which is sent on commit, never for a rollback. */
  async insert(trx: Db, event: { kind: string; keyId: string | null; userId: string | null }): Promise<void> {
    const insert = trx
      .insertInto('auth_events')
      .values({ at: nowIso(), kind: event.kind, key_id: event.keyId, user_id: event.userId });
    if (this.database.dialect !== 'postgres') {
      await insert.execute();
      return;
    }
    const { seq } = await insert.returning('seq').executeTakeFirstOrThrow();
    // The seq is for whoever watches the channel by hand; the listener reads the feed whatever the payload.
    await sql`select pg_notify(${AUTH_EVENTS_CHANNEL}, ${String(seq)})`.execute(trx);
  }

  /** Events after `afterSeq`, oldest first. */
  readAfter(afterSeq: number): Promise<AuthEventRow[]> {
    return this.database.db
      .selectFrom('auth_events')
      .select(['seq', 'kind', 'key_id', 'user_id'])
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .execute();
  }

  /** The newest `limit` events. */
  readLatest(limit: number): Promise<AuthEventRow[]> {
    return this.database.db
      .selectFrom('auth_events')
      .select(['seq', 'kind', 'key_id', 'user_id'])
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  }

  async pruneBefore(at: Date): Promise<void> {
    await this.database.db.deleteFrom('auth_events').where('at', '<', at.toISOString()).execute();
  }
}
