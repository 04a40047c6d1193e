// User groups (docs/design.md §2): admins create, rename, describe, fill and delete them; users see the groups they are in.
import type { UserGroup } from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation, nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../errors/app-error.js';
import { newId } from '../ids.js';
import { isAdmin, requireAdminChange } from '../users/user-rules.js';
import type { UserService } from '../users/user-service.js';
import { normalizeEmail } from '../users/user-store.js';
import { normalizeGroupDescription, normalizeGroupName, normalizeUserRefs } from './group-input.js';
import type { GroupRecord, GroupStore } from './group-store.js';

export interface CreateGroupInput {
  name: string;
  description?: string | null;
  /** Ids or emails of existing users. */
  users?: string[];
}

/** Omitted fields stay; `users` replaces the membership. */
export interface UpdateGroupInput {
  name?: string;
  description?: string | null;
  users?: string[];
}

function nameTaken(name: string): AppError {
  return conflict(`A group named ${JSON.stringify(name)} already exists`, { field: 'name' });
}

export class GroupService {
  constructor(
    private readonly database: Database,
    readonly store: GroupStore,
    private readonly users: UserService,
    private readonly audit: AuditLog,
  ) {}

  /** The group by id or name, 404 when there is none. */
  async resolve(ref: string, trx?: Db): Promise<GroupRecord> {
    const group = await this.store.findByRef(ref, trx);
    if (!group) throw notFound(`No user group ${JSON.stringify(ref)}`);
    return group;
  }

  async create(actor: Actor, input: CreateGroupInput): Promise<UserGroup> {
    requireAdminChange(actor, 'create user groups');
    const name = normalizeGroupName(input.name);
    const description = normalizeGroupDescription(input.description);
    const refs = input.users === undefined ? [] : normalizeUserRefs(input.users);
    const group = await this.database.db
      .transaction()
      .execute(async (trx) => {
        if (await this.store.findByName(name, trx)) throw nameTaken(name);
        const at = nowIso();
        const created = await this.store.insert(trx, {
          id: newId(),
          name,
          description,
          created_at: at,
          updated_at: at,
        });
        const userIds = await this.userIds(trx, refs);
        await this.store.addMembers(trx, created.id, userIds, at);
        await this.audit.record(
          {
            action: 'group.create',
            actor,
            targetType: 'user_group',
            targetId: created.id,
            details: { name, members: userIds },
          },
          trx,
        );
        return created;
      })
      .catch((error: unknown) => {
        // Two admins creating the same name at once: the unique index turns the loser into a 409.
        throw isUniqueViolation(error) ? nameTaken(name) : error;
      });
    return this.withMembers(group);
  }

  /** Admins read any group; others only groups they are in. */
  async get(actor: Actor, ref: string): Promise<UserGroup> {
    const group = await this.resolve(ref);
    const full = await this.withMembers(group);
    if (!isAdmin(actor) && actor.kind === 'user' && !full.users.some((u) => u.id === actor.user.id)) {
      throw forbidden('Only admins can read user groups they are not in', {
        requiredRole: 'ADMIN',
        role: actor.user.role,
      });
    }
    return full;
  }

  /** Admins get every group; anyone else the groups they are in (by name). */
  async list(actor: Actor, query: { limit?: number } = {}): Promise<UserGroup[]> {
    const limit = query.limit === undefined ? undefined : Math.max(0, Math.floor(query.limit));
    const groups = await this.store.list({
      ...(actor.kind === 'system' || isAdmin(actor) ? {} : { memberId: actor.user.id }),
      ...(limit !== undefined ? { limit } : {}),
    });
    return this.manyWithMembers(groups);
  }

  /** The groups a user is in: admins ask about anyone, others about themselves. */
  async listForUser(actor: Actor, userRef: string): Promise<UserGroup[]> {
    const self = actor.kind === 'user' && (userRef === actor.user.id || normalizeEmail(userRef) === actor.user.email);
    if (!self && !isAdmin(actor)) {
      throw forbidden('Only admins can read other users’ groups', {
        requiredRole: 'ADMIN',
        role: actor.kind === 'user' ? actor.user.role : null,
      });
    }
    const user = await this.users.resolve(userRef);
    return this.manyWithMembers(await this.store.list({ memberId: user.id }));
  }

  async update(actor: Actor, ref: string, input: UpdateGroupInput): Promise<UserGroup> {
    requireAdminChange(actor, 'change user groups');
    const name = input.name !== undefined ? normalizeGroupName(input.name) : undefined;
    const description = input.description !== undefined ? normalizeGroupDescription(input.description) : undefined;
    const refs = input.users !== undefined ? normalizeUserRefs(input.users) : undefined;
    if (name === undefined && description === undefined && refs === undefined)
      throw badRequest('Nothing to change: give name, description or users');
    const group = await this.database.db
      .transaction()
      .execute(async (trx) => {
        const current = await this.resolve(ref, trx);
        const at = nowIso();
        const renaming = name !== undefined && name !== current.name;
        if (renaming) {
          const clash = await this.store.findByName(name, trx);
          if (clash && clash.id !== current.id) throw nameTaken(name);
        }
        if (renaming || description !== undefined) {
          await this.store.update(trx, current.id, {
            ...(renaming ? { name } : {}),
            ...(description !== undefined ? { description } : {}),
            updated_at: at,
          });
          await this.audit.record(
            {
              action: 'group.update',
              actor,
              targetType: 'user_group',
              targetId: current.id,
              details: {
                from: { name: current.name, description: current.description },
                to: {
                  name: name ?? current.name,
                  description: description === undefined ? current.description : description,
                },
              },
            },
            trx,
          );
        }
        if (refs !== undefined) {
          const wanted = await this.userIds(trx, refs);
          const existing = await this.store.memberIds(trx, current.id);
          await this.changeMembers(
            trx,
            actor,
            current,
            {
              add: wanted.filter((id) => !existing.includes(id)),
              remove: existing.filter((id) => !wanted.includes(id)),
            },
            at,
          );
        }
        return {
          ...current,
          ...(renaming ? { name } : {}),
          ...(description !== undefined ? { description } : {}),
          updatedAt: renaming || description !== undefined ? at : current.updatedAt,
        };
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) && name !== undefined ? nameTaken(name) : error;
      });
    return this.withMembers(group);
  }

  /** Adds existing users (already-members are left alone); an unknown user is a 404 naming them. */
  async addUsers(actor: Actor, ref: string, users: string[]): Promise<UserGroup> {
    requireAdminChange(actor, 'change user groups');
    const refs = normalizeUserRefs(users);
    const group = await this.database.db.transaction().execute(async (trx) => {
      const current = await this.resolve(ref, trx);
      const existing = await this.store.memberIds(trx, current.id);
      const add = (await this.userIds(trx, refs)).filter((id) => !existing.includes(id));
      await this.changeMembers(trx, actor, current, { add, remove: [] }, nowIso());
      return current;
    });
    return this.withMembers(group);
  }

  /** Removes users from the group; naming someone who is not a member changes nothing. Takes effect on their next request. */
  async removeUsers(actor: Actor, ref: string, users: string[]): Promise<UserGroup> {
    requireAdminChange(actor, 'change user groups');
    const refs = normalizeUserRefs(users);
    const group = await this.database.db.transaction().execute(async (trx) => {
      const current = await this.resolve(ref, trx);
      const existing = await this.store.memberIds(trx, current.id);
      const remove = (await this.userIds(trx, refs)).filter((id) => existing.includes(id));
      await this.changeMembers(trx, actor, current, { add: [], remove }, nowIso());
      return current;
    });
    return this.withMembers(group);
  }

  /** Deletes the group with its memberships and dataset grants; no permission is cached, so members lose them at once. */
  async delete(actor: Actor, ref: string): Promise<void> {
    requireAdminChange(actor, 'delete user groups');
    await this.database.db.transaction().execute(async (trx) => {
      const group = await this.resolve(ref, trx);
      if (!(await this.store.delete(trx, group.id))) throw notFound(`No user group ${JSON.stringify(ref)}`);
      await this.audit.record(
        { action: 'group.delete', actor, targetType: 'user_group', targetId: group.id, details: { name: group.name } },
        trx,
      );
    });
  }

  private async changeMembers(
    trx: Db,
    actor: Actor,
    group: GroupRecord,
    change: { add: string[]; remove: string[] },
    at: string,
  ): Promise<void> {
    if (change.add.length === 0 && change.remove.length === 0) return;
    await this.store.addMembers(trx, group.id, change.add, at);
    await this.store.removeMembers(trx, group.id, change.remove);
    await this.store.update(trx, group.id, { updated_at: at });
    await this.audit.record(
      {
        action: 'group.members_change',
        actor,
        targetType: 'user_group',
        targetId: group.id,
        details: { name: group.name, added: change.add, removed: change.remove },
      },
      trx,
    );
  }

  /** Members must be existing users: the first unknown reference is a 404 naming it. */
  private async userIds(trx: Db, refs: readonly string[]): Promise<string[]> {
    const found = await this.store.findUserIds(trx, refs);
    const missing = refs.find((ref) => !found.has(ref));
    if (missing !== undefined)
      throw notFound(`No user ${missing.includes('@') ? 'with email' : 'with id'} ${JSON.stringify(missing)}`);
    return [...new Set(found.values())];
  }

  private async withMembers(group: GroupRecord): Promise<UserGroup> {
    const [full] = await this.manyWithMembers([group]);
    if (!full) throw notFound(`No user group ${JSON.stringify(group.name)}`);
    return full;
  }

  private async manyWithMembers(groups: GroupRecord[]): Promise<UserGroup[]> {
    const members = await this.store.membersOf(groups.map((g) => g.id));
    return groups.map((g) => ({ ...g, users: members.get(g.id) ?? [] }));
  }
}
