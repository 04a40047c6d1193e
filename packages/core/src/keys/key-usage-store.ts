// Key usage rows: per-day request counts (added to in batches, pruned past 30 days) and each key's last client.
import type { ApiKeyUsageDay } from '@teamset/contract';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db } from '../db/schema.js';

/** Requests counted for one key on one UTC day (`YYYY-MM-DD`). */
export interface UsageCount {
  keyId: string;
  day: string;
  requests: number;
}

export interface KeyClient {
  ip: string | null;
  userAgent: string | null;
}

/** Longest User-Agent kept: enough to tell clients apart, bounded whatever a client sends. */
const USER_AGENT_MAX_LENGTH = 256;

export class KeyUsageStore {
  constructor(private readonly database: Database) {}

  /**
   * Adds the counts and sets the clients in one transaction. A key deleted since it was counted is skipped
   * (INSERT … SELECT from api_keys), so one deletion cannot fail a whole batch on the foreign key.
   */
  async record(counts: readonly UsageCount[], clients: ReadonlyMap<string, KeyClient>): Promise<void> {
    if (counts.length === 0 && clients.size === 0) return;
    await this.database.db.transaction().execute(async (trx) => {
      for (const c of counts) {
        // Casts: PostgreSQL types the parameters of an INSERT … SELECT list as text otherwise.
        await trx
          .insertInto('api_key_usage_days')
          .columns(['key_id', 'day', 'requests'])
          .expression((eb) =>
            eb
              .selectFrom('api_keys')
              .select([
                'id',
                sql<string>`cast(${c.day} as text)`.as('day'),
                sql<number>`cast(${c.requests} as integer)`.as('requests'),
              ])
              .where('id', '=', c.keyId),
          )
          .onConflict((oc) =>
            oc.columns(['key_id', 'day']).doUpdateSet({
              requests: sql<number>`api_key_usage_days.requests + excluded.requests`,
            }),
          )
          .execute();
      }
      for (const [keyId, client] of clients) {
        await trx
          .updateTable('api_keys')
          .set({
            last_used_ip: client.ip,
            last_used_user_agent: client.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
          })
          .where('id', '=', keyId)
          .execute();
      }
    });
  }

  /** Drops the days before `firstKeptDay`: the table holds at most the last 30 days of each key. */
  async pruneBefore(firstKeptDay: string): Promise<void> {
    await this.database.db.deleteFrom('api_key_usage_days').where('day', '<', firstKeptDay).execute();
  }

  /** Days with requests since `firstDay`, oldest first, per key. */
  async daysOf(db: Db, keyIds: readonly string[], firstDay: string): Promise<Map<string, ApiKeyUsageDay[]>> {
    const out = new Map<string, ApiKeyUsageDay[]>();
    if (keyIds.length === 0) return out;
    const rows = await db
      .selectFrom('api_key_usage_days')
      .select(['key_id', 'day', 'requests'])
      .where('key_id', 'in', keyIds)
      .where('day', '>=', firstDay)
      .orderBy('day')
      .execute();
    for (const r of rows) {
      const list = out.get(r.key_id) ?? [];
      list.push({ day: r.day, requests: Number(r.requests) });
      out.set(r.key_id, list);
    }
    return out;
  }
}
