// Service-account rows: users of kind 'service', listed with their key counts, looked up by name, disabled and enabled.
import { serviceAccountEmail, type ServiceAccount, type ServiceAccountRole } from '@teamset/contract';
import type { Database } from '../db/database.js';
import { toIso, toIsoOrNull } from '../db/database.js';
import type { Db } from '../db/schema.js';

export class ServiceAccountStore {
  constructor(private readonly database: Database) {}

  /** Every service account, or the one whose name, id or email is `ref`. */
  async list(ref?: string, trx: Db = this.database.db): Promise<ServiceAccount[]> {
    let q = trx
      .selectFrom('users as u')
      .leftJoin('api_keys as k', 'k.user_id', 'u.id')
      .select((eb) => [
        'u.id',
        'u.name',
        'u.email',
        'u.role',
        'u.created_at',
        'u.disabled_at',
        eb.fn.count<number | string>('k.id').as('key_count'),
      ])
      .where('u.kind', '=', 'service');
    if (ref !== undefined) {
      const email = ref.includes('@') ? ref.trim().toLowerCase() : serviceAccountEmail(ref.trim().toLowerCase());
      q = q.where((eb) => eb.or([eb('u.email', '=', email), eb('u.id', '=', ref)]));
    }
    const rows = await q
      .groupBy(['u.id', 'u.name', 'u.email', 'u.role', 'u.created_at', 'u.disabled_at'])
      .orderBy('u.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role as ServiceAccountRole,
      createdAt: toIso(r.created_at),
      disabledAt: toIsoOrNull(r.disabled_at),
      keyCount: Number(r.key_count),
    }));
  }

  async setDisabledAt(trx: Db, userId: string, disabledAt: string | null, at: string): Promise<void> {
    await trx.updateTable('users').set({ disabled_at: disabledAt, updated_at: at }).where('id', '=', userId).execute();
  }
}
