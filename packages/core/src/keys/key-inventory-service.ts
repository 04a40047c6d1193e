// The organization's key inventory (admins): every key with its owner, filtered; many keys revoked in one call.
import {
  ADMIN_REVOKED_KEY_REASON,
  DEFAULT_PAGE_SIZE,
  MAX_KEYS_PER_BULK_REVOKE,
  MAX_PAGE_SIZE,
  type BulkRevokeResult,
  type KeyInventoryPage,
  type KeyInventoryQuery,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuthEventFeed } from '../auth/auth-events.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/database.js';
import { badRequest } from '../errors/app-error.js';
import { requireAdmin, requireAdminChange } from '../users/user-rules.js';
import type { UserService } from '../users/user-service.js';
import type { KeyInventoryStore } from './key-inventory-store.js';
import type { LastUsedRecorder } from './last-used-recorder.js';

export class KeyInventoryService {
  constructor(
    private readonly database: Database,
    private readonly store: KeyInventoryStore,
    private readonly users: UserService,
    private readonly audit: AuditLog,
    private readonly authEvents: AuthEventFeed,
    private readonly lastUsed: LastUsedRecorder,
  ) {}

  async list(actor: Actor, query: KeyInventoryQuery = {}): Promise<KeyInventoryPage> {
    requireAdmin(actor, 'see every API key of the organization');
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
    const ownerId = query.owner === undefined ? undefined : (await this.users.resolve(query.owner)).id;
    const { items, total } = await this.store.list({
      ...(ownerId !== undefined ? { ownerId } : {}),
      ...(query.ownerKind !== undefined ? { ownerKind: query.ownerKind } : {}),
      ...(query.state !== undefined ? { state: query.state } : {}),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items, total, page, pageSize };
  }

  /**
   * Revokes (flags, as a leak report does) every unrevoked key named; each is refused at once here and on every
   * server through the auth event feed. The owner sees "revoked by an admin" in their list and may delete it.
   */
  async bulkRevoke(actor: Actor, keyIds: readonly string[]): Promise<BulkRevokeResult> {
    requireAdminChange(actor, 'revoke other users’ API keys');
    const ids = [...new Set(keyIds)];
    if (ids.length < 1 || ids.length > MAX_KEYS_PER_BULK_REVOKE)
      throw badRequest(`keyIds must name 1–${MAX_KEYS_PER_BULK_REVOKE} keys`, { field: 'keyIds' });
    const at = nowIso();
    const revoked = await this.database.db.transaction().execute(async (trx) => {
      const keys = await this.store.revokeMany(trx, ids, at, ADMIN_REVOKED_KEY_REASON);
      for (const key of keys) {
        await this.authEvents.record(trx, { kind: 'key_revoked', keyId: key.keyId });
        await this.audit.record(
          {
            action: 'key.admin_revoked',
            actor,
            targetType: 'api_key',
            targetId: key.keyId,
            details: { ownerId: key.userId, name: key.name, prefix: key.prefix, reason: ADMIN_REVOKED_KEY_REASON },
          },
          trx,
        );
      }
      return keys.map((k) => k.keyId);
    });
    for (const keyId of revoked) {
      this.authEvents.emitLocal({ kind: 'key_revoked', keyId });
      this.lastUsed.forget(keyId);
    }
    return { revoked };
  }
}
