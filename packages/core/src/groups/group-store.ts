// User group rows and their members: lookups by id or name, listings, membership changes; only this file issues SQL on them.
import type { GroupMember, Role, UserGroupSummary } from '@teamset/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { toIso } from '../db/database.js';
import type { DatabaseSchema, Db, UserGroupsTable } from '../db/schema.js';
import { normalizeEmail } from '../users/user-store.js';

/** A group as stored, without its members. */
export interface GroupRecord {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

const GROUP_COLUMNS = ['id', 'name', 'description', 'created_at', 'updated_at'] as const;

function toGroupRecord(row: UserGroupsTable): GroupRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function groupSummary(group: Pick<GroupRecord, 'id' | 'name' | 'description'>): UserGroupSummary {
  return { id: group.id, name: group.name, description: group.description };
}

export class GroupStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DatabaseSchema> {
    return this.database.db;
  }

  async insert(trx: Db, row: UserGroupsTable): Promise<GroupRecord> {
    await trx.insertInto('user_groups').values(row).execute();
    return toGroupRecord(row);
  }

  async findById(id: string, trx: Db = this.db): Promise<GroupRecord | undefined> {
    const row = await trx.selectFrom('user_groups').select(GROUP_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && toGroupRecord(row);
  }

  /** Names are unique case-insensitively (a unique index on lower(name)), so this finds at most one. */
  async findByName(name: string, trx: Db = this.db): Promise<GroupRecord | undefined> {
    const row = await trx
      .selectFrom('user_groups')
      .select(GROUP_COLUMNS)
      .where(sql<string>`lower(name)`, '=', name.trim().toLowerCase())
      .executeTakeFirst();
    return row && toGroupRecord(row);
  }

  /** A reference is an id when a group has that id, a name otherwise (FiftyOne's "group id or name"). */
  async findByRef(ref: string, trx: Db = this.db): Promise<GroupRecord | undefined> {
    return (await this.findById(ref, trx)) ?? (await this.findByName(ref, trx));
  }

  /** Every group, or the groups a user belongs to, by name. */
  async list(query: { memberId?: string; limit?: number } = {}): Promise<GroupRecord[]> {
    let q = this.db
      .selectFrom('user_groups as g')
      .select(['g.id', 'g.name', 'g.description', 'g.created_at', 'g.updated_at']);
    if (query.memberId !== undefined) {
      const memberId = query.memberId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_group_members as m')
            .select('m.user_id')
            .whereRef('m.group_id', '=', 'g.id')
            .where('m.user_id', '=', memberId),
        ),
      );
    }
    q = q.orderBy(sql`lower(g.name)`).orderBy('g.id');
    if (query.limit !== undefined) q = q.limit(query.limit);
    return (await q.execute()).map(toGroupRecord);
  }

  /** The members of each group, in one query, by email. */
  async membersOf(groupIds: readonly string[], trx: Db = this.db): Promise<Map<string, GroupMember[]>> {
    const out = new Map<string, GroupMember[]>(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) return out;
    const rows = await trx
      .selectFrom('user_group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.group_id', 'u.id', 'u.email', 'u.name', 'u.role'])
      .where('m.group_id', 'in', [...groupIds])
      .orderBy('u.email')
      .execute();
    for (const r of rows) out.get(r.group_id)?.push({ id: r.id, email: r.email, name: r.name, role: r.role as Role });
    return out;
  }

  async update(
    trx: Db,
    id: string,
    patch: Partial<Pick<UserGroupsTable, 'name' | 'description'>> & { updated_at: string },
  ): Promise<boolean> {
    const result = await trx.updateTable('user_groups').set(patch).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Deletes the group; its memberships and dataset grants go with it (foreign keys cascade). */
  async delete(trx: Db, id: string): Promise<boolean> {
    const result = await trx.deleteFrom('user_groups').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The user id behind each reference (id, or email when it has an @) that names an existing user, in one query. */
  async findUserIds(trx: Db, refs: readonly string[]): Promise<Map<string, string>> {
    const emails = refs.filter((r) => r.includes('@')).map(normalizeEmail);
    const ids = refs.filter((r) => !r.includes('@'));
    const found = new Map<string, string>();
    if (refs.length === 0) return found;
    const rows = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where((eb) =>
        eb.or([
          ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
          ...(emails.length > 0 ? [eb('email', 'in', emails)] : []),
        ]),
      )
      .execute();
    for (const ref of refs) {
      const row = ref.includes('@')
        ? rows.find((r) => r.email === normalizeEmail(ref))
        : rows.find((r) => r.id === ref);
      if (row) found.set(ref, row.id);
    }
    return found;
  }

  async memberIds(trx: Db, groupId: string): Promise<string[]> {
    return (await trx.selectFrom('user_group_members').select('user_id').where('group_id', '=', groupId).execute()).map(
      (r) => r.user_id,
    );
  }

  /** Adds the users not yet in the group; returns how many were added. */
  async addMembers(trx: Db, groupId: string, userIds: readonly string[], at: string): Promise<number> {
    if (userIds.length === 0) return 0;
    const result = await trx
      .insertInto('user_group_members')
      .values(userIds.map((userId) => ({ group_id: groupId, user_id: userId, created_at: at })))
      .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  async removeMembers(trx: Db, groupId: string, userIds: readonly string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const result = await trx
      .deleteFrom('user_group_members')
      .where('group_id', '=', groupId)
      .where('user_id', 'in', [...userIds])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
