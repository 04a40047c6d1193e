// API key rows: insert, list per user, delete, lookup by SHA-256 digest joined with the owner's current role.
import type { ApiKey, Role, User } from '@teamset/contract';
import type { Database } from '../db/database.js';
import { toIso, toIsoOrNull } from '../db/database.js';
import type { ApiKeysTable, Db } from '../db/schema.js';

export interface KeyWithOwner {
  keyId: string;
  keyHash: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  user: User;
}

function toApiKey(row: Omit<ApiKeysTable, 'key_hash'>): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.display_prefix,
    userId: row.user_id,
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
    lastUsedAt: toIsoOrNull(row.last_used_at),
    expiresAt: toIsoOrNull(row.expires_at),
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
] as const;

export class KeyStore {
  constructor(private readonly database: Database) {}

  async insert(trx: Db, row: ApiKeysTable): Promise<ApiKey> {
    await trx.insertInto('api_keys').values(row).execute();
    return toApiKey(row);
  }

  async findById(id: string, trx: Db = this.database.db): Promise<ApiKey | undefined> {
    const row = await trx.selectFrom('api_keys').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && toApiKey(row);
  }

  async listByUser(userId: string | undefined): Promise<ApiKey[]> {
    let q = this.database.db.selectFrom('api_keys').select(PUBLIC_COLUMNS);
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map(toApiKey);
  }

  async delete(trx: Db, id: string): Promise<boolean> {
    const result = await trx.deleteFrom('api_keys').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The one indexed lookup behind every uncached key check (unique index on key_hash). */
  async findByHash(keyHash: string): Promise<KeyWithOwner | undefined> {
    const row = await this.database.db
      .selectFrom('api_keys as k')
      .innerJoin('users as u', 'u.id', 'k.user_id')
      .select([
        'k.id as key_id',
        'k.key_hash',
        'k.expires_at',
        'k.last_used_at',
        'u.id as user_id',
        'u.email',
        'u.name',
        'u.role',
        'u.created_at',
      ])
      .where('k.key_hash', '=', keyHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      keyId: row.key_id,
      keyHash: row.key_hash,
      expiresAt: toIsoOrNull(row.expires_at),
      lastUsedAt: toIsoOrNull(row.last_used_at),
      user: {
        id: row.user_id,
        email: row.email,
        name: row.name,
        role: row.role as Role,
        createdAt: toIso(row.created_at),
      },
    };
  }

  async touchLastUsed(entries: ReadonlyMap<string, string>): Promise<void> {
    if (entries.size === 0) return;
    await this.database.db.transaction().execute(async (trx) => {
      for (const [id, at] of entries)
        await trx.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    });
  }
}
