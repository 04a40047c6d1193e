// The SQL of the audit log: one row an event, read newest first.
import type { Insertable } from 'kysely';
import type { Database } from '../db/database.js';
import type { AuditEventsTable, Db } from '../db/schema.js';

export class AuditStore {
  constructor(private readonly database: Database) {}

  async insert(trx: Db, row: Insertable<AuditEventsTable>): Promise<void> {
    await trx.insertInto('audit_events').values(row).execute();
  }

  /** Up to `limit` events, newest first, before the id `before` and of one action when given. */
  list(query: { limit: number; before?: number; action?: string }) {
    let q = this.database.db.selectFrom('audit_events').selectAll();
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    if (query.action) q = q.where('action', '=', query.action);
    return q.orderBy('id', 'desc').limit(query.limit).execute();
  }
}
