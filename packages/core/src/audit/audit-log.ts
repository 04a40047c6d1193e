// Audit log: who did what to whom and when; details never carry a key, token or password.
import type { AuditAction, AuditEvent } from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { Database } from '../db/database.js';
import { nowIso, toIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { requireAdmin } from '../users/user-rules.js';
import { AuditStore } from './audit-store.js';

export interface AuditEntry {
  action: AuditAction;
  actor: Actor | null;
  /** Set for events without a signed-in actor, e.g. a failed sign-in. */
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export class AuditLog {
  private readonly store: AuditStore;

  constructor(private readonly database: Database) {
    this.store = new AuditStore(database);
  }

  /** Written in the caller's transaction when there is one, so the trail matches what happened. */
  async record(entry: AuditEntry, trx: Db = this.database.db): Promise<void> {
    const actorId = entry.actorId ?? (entry.actor?.kind === 'user' ? entry.actor.user.id : null);
    const details = {
      ...(entry.details ?? {}),
      ...(entry.actor?.kind === 'user' ? { via: entry.actor.via } : entry.actor ? { via: 'system' } : {}),
    };
    await this.store.insert(trx, {
      at: nowIso(),
      action: entry.action,
      actor_id: actorId,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      ip: entry.ip ?? entry.actor?.ip ?? null,
      details: JSON.stringify(details),
    });
  }

  async list(actor: Actor, query: { limit?: number; before?: number; action?: string }): Promise<AuditEvent[]> {
    requireAdmin(actor, 'read the audit log');
    const rows = await this.store.list({ ...query, limit: Math.min(500, Math.max(1, query.limit ?? 100)) });
    return rows.map((r) => ({
      id: Number(r.id),
      at: toIso(r.at),
      action: r.action as AuditAction,
      actorId: r.actor_id,
      targetType: r.target_type,
      targetId: r.target_id,
      ip: r.ip,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  }
}
