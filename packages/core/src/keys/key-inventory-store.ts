// The organization's key inventory: every key joined with its owner, filtered and paged; bulk revocation.
import {
  KEY_EXPIRING_SOON_DAYS,
  KEY_UNUSED_DAYS,
  type KeyInventoryItem,
  type KeyInventoryState,
  type Role,
  type UserKind,
} from '@teamset/contract';
import type { Database } from '../db/database.js';
import { toIsoOrNull } from '../db/database.js';
import type { Db } from '../db/schema.js';
import type { KeyStore } from './key-store.js';

const DAY_MS = 24 * 3600 * 1000;

export interface InventoryFilter {
  ownerId?: string;
  ownerKind?: UserKind;
  state?: KeyInventoryState;
  offset: number;
  limit: number;
}

/** A key revoked by a bulk revocation, as the audit log records it. */
export interface BulkRevokedKey {
  keyId: string;
  userId: string;
  name: string;
  prefix: string;
}

export class KeyInventoryStore {
  constructor(
    private readonly database: Database,
    private readonly keys: KeyStore,
  ) {}

  async list(filter: InventoryFilter, nowMs = Date.now()): Promise<{ items: KeyInventoryItem[]; total: number }> {
    const db = this.database.db;
    const now = new Date(nowMs).toISOString();
    let base = db.selectFrom('api_keys as k').innerJoin('users as u', 'u.id', 'k.user_id');
    if (filter.ownerId !== undefined) base = base.where('k.user_id', '=', filter.ownerId);
    if (filter.ownerKind !== undefined) base = base.where('u.kind', '=', filter.ownerKind);
    if (filter.state === 'expired') base = base.where('k.expires_at', '<=', now);
    if (filter.state === 'expiring')
      base = base
        .where('k.revoked_at', 'is', null)
        .where('k.expires_at', '>', now)
        .where('k.expires_at', '<=', new Date(nowMs + KEY_EXPIRING_SOON_DAYS * DAY_MS).toISOString());
    if (filter.state === 'unused') {
      const cutoff = new Date(nowMs - KEY_UNUSED_DAYS * DAY_MS).toISOString();
      // Never used counts from creation: a key made yesterday is not "unused" yet.
      base = base.where((eb) =>
        eb.or([
          eb('k.last_used_at', '<', cutoff),
          eb.and([eb('k.last_used_at', 'is', null), eb('k.created_at', '<', cutoff)]),
        ]),
      );
    }
    const rows = await base
      .select([
        'k.id',
        'k.user_id',
        'k.name',
        'k.display_prefix',
        'k.created_at',
        'k.created_by',
        'k.last_used_at',
        'k.expires_at',
        'k.revoked_at',
        'k.revoked_reason',
        'k.last_used_ip',
        'k.last_used_user_agent',
        'k.scope_max_permission',
        'k.scope_read_only_management',
        'k.scope_datasets_limited',
        'u.email as owner_email',
        'u.name as owner_name',
        'u.role as owner_role',
        'u.kind as owner_kind',
        'u.disabled_at as owner_disabled_at',
      ])
      .orderBy('k.created_at')
      .orderBy('k.id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute();
    const count = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const keys = await this.keys.withExtras(db, rows);
    return {
      items: rows.map((r, i) => ({
        key: keys[i]!,
        owner: {
          id: r.user_id,
          email: r.owner_email,
          name: r.owner_name,
          role: r.owner_role as Role,
          kind: r.owner_kind as UserKind,
          disabledAt: toIsoOrNull(r.owner_disabled_at),
        },
      })),
      total: Number(count.n),
    };
  }

  /** Flags the unrevoked keys among `keyIds` as revoked and ends their rotation graces; already revoked or unknown ids are skipped. */
  async revokeMany(trx: Db, keyIds: readonly string[], at: string, reason: string): Promise<BulkRevokedKey[]> {
    const rows = await trx
      .selectFrom('api_keys')
      .select(['id', 'user_id', 'name', 'display_prefix'])
      .where('id', 'in', keyIds)
      .where('revoked_at', 'is', null)
      .execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await trx.updateTable('api_keys').set({ revoked_at: at, revoked_reason: reason }).where('id', 'in', ids).execute();
    await trx.deleteFrom('api_key_previous_secrets').where('key_id', 'in', ids).execute();
    return rows.map((r) => ({ keyId: r.id, userId: r.user_id, name: r.name, prefix: r.display_prefix }));
  }
}
