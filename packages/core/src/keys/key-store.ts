// API key rows: insert, list per user, delete, rotate, revoke, lookup by SHA-256 digest joined with the owner's current role and the key's scope.
import type {
  ApiKey,
  ApiKeyScope,
  ApiKeyScopeDataset,
  KeyScopePermission,
  PreviousApiKeySecret,
  Role,
  User,
} from '@teamset/contract';
import type { Database } from '../db/database.js';
import { toIso, toIsoOrNull } from '../db/database.js';
import type { ApiKeysTable, Db } from '../db/schema.js';

export interface KeyWithOwner {
  keyId: string;
  keyHash: string;
  /** When this secret stops working: the key's expiry, or for a rotated-out secret the earlier of it and its grace end. */
  expiresAt: string | null;
  lastUsedAt: string | null;
  user: User;
  scope: ApiKeyScope;
}

/** A new key's scope as stored: dataset ids with their names (the names only for the answer). */
export interface NewKeyScope {
  maxPermission: KeyScopePermission | null;
  datasets: ApiKeyScopeDataset[] | null;
  readOnlyManagement: boolean;
}

/** A key a leak report named, as the audit log records it. */
export interface RevokedKey {
  keyId: string;
  userId: string;
  name: string;
  prefix: string;
  /** Which secret was reported: the current one or one still in its rotation grace. */
  secret: 'current' | 'previous';
}

interface ScopeRow {
  scope_max_permission: string | null;
  scope_read_only_management: number | string;
  scope_datasets_limited: number | string;
}

type PublicRow = Omit<ApiKeysTable, 'key_hash' | keyof ScopeRow> & ScopeRow;

/** `datasets`: the key's listed datasets, read only when the row says it is limited. */
function scopeOf(row: ScopeRow, datasets: ApiKeyScopeDataset[] | undefined): ApiKeyScope {
  return {
    maxPermission: row.scope_max_permission as KeyScopePermission | null,
    datasets: Number(row.scope_datasets_limited) === 1 ? (datasets ?? []) : null,
    readOnlyManagement: Number(row.scope_read_only_management) === 1,
  };
}

function toApiKey(
  row: PublicRow,
  previousSecrets: PreviousApiKeySecret[],
  datasets: ApiKeyScopeDataset[] | undefined,
): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.display_prefix,
    userId: row.user_id,
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
    lastUsedAt: toIsoOrNull(row.last_used_at),
    expiresAt: toIsoOrNull(row.expires_at),
    revokedAt: toIsoOrNull(row.revoked_at),
    revokedReason: row.revoked_reason,
    previousSecrets,
    scope: scopeOf(row, datasets),
  };
}

// Every column but the digest: nothing secret-derived leaves this file except through findByHash.
const PUBLIC_COLUMNS = [
  'id',
  'user_id',
  'name',
  'display_prefix',
  'created_at',
  'created_by',
  'last_used_at',
  'expires_at',
  'revoked_at',
  'revoked_reason',
  'scope_max_permission',
  'scope_read_only_management',
  'scope_datasets_limited',
] as const;

const SCOPE_COLUMNS = ['k.scope_max_permission', 'k.scope_read_only_management', 'k.scope_datasets_limited'] as const;

const OWNER_COLUMNS = ['u.id as user_id', 'u.email', 'u.name', 'u.role', 'u.created_at'] as const;

interface OwnerRow {
  user_id: string;
  email: string;
  name: string;
  role: string;
  created_at: ApiKeysTable['created_at'];
}

function ownerOf(row: OwnerRow): User {
  return {
    id: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    createdAt: toIso(row.created_at),
  };
}

export class KeyStore {
  constructor(private readonly database: Database) {}

  async insert(
    trx: Db,
    row: Omit<ApiKeysTable, 'revoked_at' | 'revoked_reason' | keyof ScopeRow>,
    scope: NewKeyScope,
  ): Promise<ApiKey> {
    const full = {
      ...row,
      revoked_at: null,
      revoked_reason: null,
      scope_max_permission: scope.maxPermission,
      scope_read_only_management: scope.readOnlyManagement ? 1 : 0,
      scope_datasets_limited: scope.datasets === null ? 0 : 1,
    };
    await trx.insertInto('api_keys').values(full).execute();
    if (scope.datasets !== null && scope.datasets.length > 0) {
      await trx
        .insertInto('api_key_datasets')
        .values(scope.datasets.map((d) => ({ key_id: row.id, dataset_id: d.id, created_at: row.created_at })))
        .execute();
    }
    return toApiKey(full, [], scope.datasets ?? undefined);
  }

  async findById(id: string, trx: Db = this.database.db): Promise<ApiKey | undefined> {
    const row = await trx.selectFrom('api_keys').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const [previous, datasets] = await Promise.all([this.previousSecretsOf(trx, [id]), this.datasetsOf(trx, [id])]);
    return toApiKey(row, previous.get(id) ?? [], datasets.get(id));
  }

  async listByUser(userId: string | undefined): Promise<ApiKey[]> {
    const db = this.database.db;
    let q = db.selectFrom('api_keys').select(PUBLIC_COLUMNS);
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    const ids = rows.map((r) => r.id);
    const limited = rows.filter((r) => Number(r.scope_datasets_limited) === 1).map((r) => r.id);
    const [previous, datasets] = await Promise.all([this.previousSecretsOf(db, ids), this.datasetsOf(db, limited)]);
    return rows.map((r) => toApiKey(r, previous.get(r.id) ?? [], datasets.get(r.id)));
  }

  async delete(trx: Db, id: string): Promise<boolean> {
    const result = await trx.deleteFrom('api_keys').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Gives a key a new secret. The old one is kept with its grace end when the grace is not over (`graceEndsAt`
   * after `at`); secrets whose grace has ended are dropped. False when the key is gone or revoked.
   */
  async rotate(
    trx: Db,
    keyId: string,
    next: { keyHash: string; displayPrefix: string },
    at: string,
    graceEndsAt: string,
  ): Promise<boolean> {
    const current = await trx
      .selectFrom('api_keys')
      .select(['key_hash', 'display_prefix'])
      .where('id', '=', keyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!current) return false;
    await trx
      .deleteFrom('api_key_previous_secrets')
      .where('key_id', '=', keyId)
      .where('grace_ends_at', '<=', at)
      .execute();
    if (graceEndsAt > at) {
      await trx
        .insertInto('api_key_previous_secrets')
        .values({
          key_hash: current.key_hash,
          key_id: keyId,
          display_prefix: current.display_prefix,
          rotated_at: at,
          grace_ends_at: graceEndsAt,
        })
        .execute();
    }
    await trx
      .updateTable('api_keys')
      .set({ key_hash: next.keyHash, display_prefix: next.displayPrefix })
      .where('id', '=', keyId)
      .execute();
    return true;
  }

  /**
   * Marks the unrevoked key whose current secret, or a previous secret still in its grace, has this digest as
   * revoked, and ends every grace it had. Undefined when no such key exists. Either way the same two
   * indexed lookups run, so how long this takes says little about whether the key existed.
   */
  async revokeByHash(trx: Db, keyHash: string, at: string, reason: string): Promise<RevokedKey | undefined> {
    const byCurrent = await trx
      .selectFrom('api_keys')
      .select(['id', 'user_id', 'name', 'display_prefix'])
      .where('key_hash', '=', keyHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const byPrevious = await trx
      .selectFrom('api_key_previous_secrets as p')
      .innerJoin('api_keys as k', 'k.id', 'p.key_id')
      .select(['k.id', 'k.user_id', 'k.name', 'p.display_prefix'])
      .where('p.key_hash', '=', keyHash)
      .where('p.grace_ends_at', '>', at)
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    const found = byCurrent ?? byPrevious;
    if (!found) return undefined;
    await trx
      .updateTable('api_keys')
      .set({ revoked_at: at, revoked_reason: reason })
      .where('id', '=', found.id)
      .execute();
    await trx.deleteFrom('api_key_previous_secrets').where('key_id', '=', found.id).execute();
    return {
      keyId: found.id,
      userId: found.user_id,
      name: found.name,
      prefix: found.display_prefix,
      secret: byCurrent ? 'current' : 'previous',
    };
  }

  /** The one indexed lookup behind every uncached key check (unique index on key_hash); revoked keys are not found. */
  async findByHash(keyHash: string): Promise<KeyWithOwner | undefined> {
    const row = await this.database.db
      .selectFrom('api_keys as k')
      .innerJoin('users as u', 'u.id', 'k.user_id')
      .select(['k.id as key_id', 'k.key_hash', 'k.expires_at', 'k.last_used_at', ...SCOPE_COLUMNS, ...OWNER_COLUMNS])
      .where('k.key_hash', '=', keyHash)
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      keyId: row.key_id,
      keyHash: row.key_hash,
      expiresAt: toIsoOrNull(row.expires_at),
      lastUsedAt: toIsoOrNull(row.last_used_at),
      user: ownerOf(row),
      scope: await this.scopeOfRow(row.key_id, row),
    };
  }

  /** A rotated-out secret still in its grace (asked only when `findByHash` found nothing). */
  async findPreviousByHash(keyHash: string, now: string): Promise<KeyWithOwner | undefined> {
    const row = await this.database.db
      .selectFrom('api_key_previous_secrets as p')
      .innerJoin('api_keys as k', 'k.id', 'p.key_id')
      .innerJoin('users as u', 'u.id', 'k.user_id')
      .select([
        'k.id as key_id',
        'p.key_hash',
        'p.grace_ends_at',
        'k.expires_at',
        'k.last_used_at',
        ...SCOPE_COLUMNS,
        ...OWNER_COLUMNS,
      ])
      .where('p.key_hash', '=', keyHash)
      .where('p.grace_ends_at', '>', now)
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const graceEndsAt = toIso(row.grace_ends_at);
    const keyExpiresAt = toIsoOrNull(row.expires_at);
    return {
      keyId: row.key_id,
      keyHash: row.key_hash,
      expiresAt: keyExpiresAt !== null && keyExpiresAt < graceEndsAt ? keyExpiresAt : graceEndsAt,
      lastUsedAt: toIsoOrNull(row.last_used_at),
      user: ownerOf(row),
      scope: await this.scopeOfRow(row.key_id, row),
    };
  }

  async touchLastUsed(entries: ReadonlyMap<string, string>): Promise<void> {
    if (entries.size === 0) return;
    await this.database.db.transaction().execute(async (trx) => {
      for (const [id, at] of entries)
        await trx.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    });
  }

  /** The scope of a key being verified: its dataset list is read only for a dataset-limited key (a cache miss). */
  private async scopeOfRow(keyId: string, row: ScopeRow): Promise<ApiKeyScope> {
    const limited = Number(row.scope_datasets_limited) === 1;
    return scopeOf(row, limited ? (await this.datasetsOf(this.database.db, [keyId])).get(keyId) : undefined);
  }

  /** The datasets each dataset-limited key lists, by name; a deleted dataset has left the list (cascade). */
  private async datasetsOf(db: Db, keyIds: string[]): Promise<Map<string, ApiKeyScopeDataset[]>> {
    const out = new Map<string, ApiKeyScopeDataset[]>();
    if (keyIds.length === 0) return out;
    const rows = await db
      .selectFrom('api_key_datasets as kd')
      .innerJoin('datasets as d', 'd.id', 'kd.dataset_id')
      .select(['kd.key_id', 'd.id', 'd.name'])
      .where('kd.key_id', 'in', keyIds)
      .orderBy('d.name')
      .execute();
    for (const r of rows) {
      const list = out.get(r.key_id) ?? [];
      list.push({ id: r.id, name: r.name });
      out.set(r.key_id, list);
    }
    return out;
  }

  /** Rotated-out secrets still in their grace, per key. */
  private async previousSecretsOf(db: Db, keyIds: string[]): Promise<Map<string, PreviousApiKeySecret[]>> {
    const out = new Map<string, PreviousApiKeySecret[]>();
    if (keyIds.length === 0) return out;
    const rows = await db
      .selectFrom('api_key_previous_secrets')
      .select(['key_id', 'display_prefix', 'rotated_at', 'grace_ends_at'])
      .where('key_id', 'in', keyIds)
      .where('grace_ends_at', '>', new Date().toISOString())
      .orderBy('rotated_at')
      .execute();
    for (const r of rows) {
      const list = out.get(r.key_id) ?? [];
      list.push({ prefix: r.display_prefix, rotatedAt: toIso(r.rotated_at), graceEndsAt: toIso(r.grace_ends_at) });
      out.set(r.key_id, list);
    }
    return out;
  }
}
