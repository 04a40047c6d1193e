// Dataset permissions (docs/design.md §2): who has access, per-user and per-group grants, the default permission, a user's or group's view across datasets.
import {
  ROLE_PERMISSION_CAP,
  isDatasetPermission,
  type Dataset,
  type DatasetGroupPermission,
  type DatasetPermission,
  type DatasetPermissionList,
  type GroupDatasetPermissionList,
  type DatasetUserPermission,
  type PermissionUser,
  type User,
  type UserDatasetPermissionList,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { DatasetService } from '../datasets/dataset-service.js';
import { toDataset, permissionOf } from '../datasets/dataset-service.js';
import type { DatasetStore } from '../datasets/dataset-store.js';
import { badRequest, forbidden, isAppError, notFound } from '../errors/app-error.js';
import type { GroupGrantStore } from '../groups/group-grant-store.js';
import type { GroupService } from '../groups/group-service.js';
import { groupSummary, type GroupRecord } from '../groups/group-store.js';
import type { DatasetGrantInvitation, InvitationService } from '../invitations/invitation-service.js';
import { isAdmin, requireAdmin } from '../users/user-rules.js';
import type { UserService } from '../users/user-service.js';
import { normalizeEmail } from '../users/user-store.js';
import { effectivePermission, grantablePermissions } from './effective-permission.js';
import { requireManagementWrite, scopedPermission } from './key-scope.js';

function permissionUser(user: Pick<User, 'id' | 'email' | 'name' | 'role'>): PermissionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** `groupGrant`: the highest grant to any of the user's groups; it counts in activePermission, not in userPermission. */
function userPermission(
  user: PermissionUser,
  datasetDefault: DatasetPermission,
  userGrant: DatasetPermission | undefined,
  groupGrant?: DatasetPermission,
): DatasetUserPermission {
  return {
    user,
    userPermission: userGrant ?? null,
    activePermission: effectivePermission({
      role: user.role,
      datasetDefault,
      ...(userGrant ? { userGrant } : {}),
      ...(groupGrant ? { groupGrants: [groupGrant] } : {}),
    }),
  };
}

/** A group's grant on one dataset, read: undefined when the group has none. */
export interface DatasetGroupGrant {
  group: GroupRecord;
  permission: DatasetPermission | undefined;
}

function requirePermissionValue(permission: unknown): asserts permission is DatasetPermission {
  if (!isDatasetPermission(permission))
    throw badRequest('permission must be one of NO_ACCESS, VIEW, TAG, EDIT, MANAGE', { field: 'permission' });
}

function isSelf(actor: Actor, ref: string): boolean {
  return actor.kind === 'user' && (ref === actor.user.id || normalizeEmail(ref) === actor.user.email);
}

export class DatasetPermissionService {
  constructor(
    private readonly database: Database,
    private readonly datasets: DatasetService,
    private readonly store: DatasetStore,
    private readonly users: UserService,
    private readonly audit: AuditLog,
    private readonly invitations: InvitationService,
    private readonly groups: GroupService,
    private readonly groupGrants: GroupGrantStore,
  ) {}

  /**
   * Everyone with access (admins, members through the default, explicit grants, members of granted groups)
   * and the group grants themselves, for a MANAGE holder.
   */
  async listUsers(actor: Actor, datasetName: string): Promise<DatasetPermissionList> {
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    const [rows, groups] = await Promise.all([
      this.store.listAccess(record.id, record.defaultPermission),
      this.groupGrants.listForDataset(record.id),
    ]);
    const users = rows.map((r) => userPermission(r.user, record.defaultPermission, r.userGrant, r.groupGrant));
    // An explicit NO_ACCESS grant to a non-member is listed (it is a grant), implicit nothing is not.
    return {
      dataset: record.name,
      defaultPermission: record.defaultPermission,
      users: users.filter((u) => u.activePermission !== 'NO_ACCESS' || u.userPermission !== null),
      groups,
    };
  }

  /** One user's grant and effective permission: MANAGE holders ask about anyone, everyone about themselves. */
  async getUser(actor: Actor, datasetName: string, userRef: string): Promise<DatasetUserPermission> {
    const self = isSelf(actor, userRef);
    const { record } = await this.datasets.access(actor, datasetName, self ? 'VIEW' : 'MANAGE');
    const user = self && actor.kind === 'user' ? actor.user : await this.users.resolve(userRef);
    const [grant, groupGrant] = await Promise.all([
      this.store.findGrant(record.id, user.id),
      this.store.findGroupGrant(record.id, user.id),
    ]);
    const found = userPermission(permissionUser(user), record.defaultPermission, grant, groupGrant);
    // Asked about themselves through a scoped key: what this key may do, as every other answer says.
    return self ? { ...found, activePermission: scopedPermission(actor, record.id, found.activePermission) } : found;
  }

  /**
   * FiftyOne's set_dataset_user_permission with `invite`: an email with no account is invited (admins only)
   * and the grant is applied when the invitation is accepted; without `invite` it is a 404 that says how.
   */
  async setUserOrInvite(
    actor: Actor,
    datasetName: string,
    userRef: string,
    permission: DatasetPermission,
    options: { invite?: boolean; acceptUrlBase: string },
  ): Promise<
    { kind: 'granted'; permission: DatasetUserPermission } | { kind: 'invited'; invitation: DatasetGrantInvitation }
  > {
    try {
      return { kind: 'granted', permission: await this.setUser(actor, datasetName, userRef, permission) };
    } catch (error) {
      const unknownEmail =
        isAppError(error) && error.code === 'NOT_FOUND' && userRef.includes('@') && error.message.startsWith('No user');
      if (!unknownEmail) throw error;
      if (!options.invite)
        throw notFound(
          `No user with email ${normalizeEmail(userRef)}; pass invite: true (CLI: --invite) to invite them — the permission applies when they accept`,
        );
      const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
      const invitation = await this.invitations.inviteWithDatasetGrant(
        actor,
        { email: userRef, datasetId: record.id, permission },
        options.acceptUrlBase,
      );
      await this.audit.record({
        action: 'dataset.permission_set',
        actor,
        targetType: 'dataset',
        targetId: record.id,
        details: { dataset: record.name, invitationId: invitation.invitation.id, permission, previous: null },
      });
      return { kind: 'invited', invitation };
    }
  }

  /** Grants `permission` explicitly; above the user's role cap is refused (400), since it could never take effect. */
  async setUser(
    actor: Actor,
    datasetName: string,
    userRef: string,
    permission: DatasetPermission,
  ): Promise<DatasetUserPermission> {
    requirePermissionValue(permission);
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    requireManagementWrite(actor);
    return this.database.db.transaction().execute(async (trx) => {
      const user = await this.users.resolve(userRef, trx);
      if (!grantablePermissions(user.role).includes(permission)) {
        const cap = ROLE_PERMISSION_CAP[user.role];
        throw badRequest(`A ${user.role} can be granted at most ${cap} on a dataset (asked for ${permission})`, {
          field: 'permission',
          role: user.role,
          cap,
        });
      }
      const previous = await this.store.findGrant(record.id, user.id, trx);
      await this.store.upsertGrant(trx, record.id, user.id, permission, nowIso());
      await this.audit.record(
        {
          action: 'dataset.permission_set',
          actor,
          targetType: 'dataset',
          targetId: record.id,
          details: { dataset: record.name, userId: user.id, permission, previous: previous ?? null },
        },
        trx,
      );
      return userPermission(
        permissionUser(user),
        record.defaultPermission,
        permission,
        await this.store.findGroupGrant(record.id, user.id, trx),
      );
    });
  }

  /** Removes the user's explicit grant (404 when there is none); implicit access by role or default stays. */
  async removeUser(actor: Actor, datasetName: string, userRef: string): Promise<void> {
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    requireManagementWrite(actor);
    await this.database.db.transaction().execute(async (trx) => {
      const user = await this.users.resolve(userRef, trx);
      const previous = await this.store.findGrant(record.id, user.id, trx);
      if (previous === undefined || !(await this.store.deleteGrant(trx, record.id, user.id))) {
        throw notFound(`${user.email} has no explicit permission on dataset ${JSON.stringify(record.name)}`);
      }
      await this.audit.record(
        {
          action: 'dataset.permission_remove',
          actor,
          targetType: 'dataset',
          targetId: record.id,
          details: { dataset: record.name, userId: user.id, previous },
        },
        trx,
      );
    });
  }

  /** The permission every MEMBER gets without a grant. Returns the dataset with the caller's (possibly lower) permission. */
  async setDefault(actor: Actor, datasetName: string, permission: DatasetPermission): Promise<Dataset> {
    requirePermissionValue(permission);
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    requireManagementWrite(actor);
    await this.database.db.transaction().execute(async (trx) => {
      if (!(await this.store.update(trx, record.id, { default_permission: permission })))
        throw notFound(`Dataset ${JSON.stringify(datasetName)} not found`);
      await this.audit.record(
        {
          action: 'dataset.default_permission_set',
          actor,
          targetType: 'dataset',
          targetId: record.id,
          details: { dataset: record.name, permission, previous: record.defaultPermission },
        },
        trx,
      );
    });
    const updated = { ...record, defaultPermission: permission };
    const grant = actor.kind === 'user' ? await this.store.findGrant(record.id, actor.user.id) : undefined;
    const groupGrant = actor.kind === 'user' ? await this.store.findGroupGrant(record.id, actor.user.id) : undefined;
    return toDataset(updated, permissionOf(actor, updated, grant, groupGrant));
  }

  /** The groups granted something on the dataset, by name (MANAGE). */
  async listGroups(
    actor: Actor,
    datasetName: string,
    query: { limit?: number } = {},
  ): Promise<DatasetGroupPermission[]> {
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    return this.groupGrants.listForDataset(record.id, query);
  }

  /** One group's grant on the dataset (MANAGE); `permission` is undefined when the group has none. */
  async findGroup(actor: Actor, datasetName: string, groupRef: string): Promise<DatasetGroupGrant> {
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    const group = await this.groups.resolve(groupRef);
    return { group, permission: await this.groupGrants.find(record.id, group.id) };
  }

  /**
   * Grants a group `permission` (MANAGE on the dataset). Any level may be granted: each member gets at most
   * their role's cap of it, so a guest in an EDIT group still gets VIEW.
   */
  async setGroup(
    actor: Actor,
    datasetName: string,
    groupRef: string,
    permission: DatasetPermission,
  ): Promise<DatasetGroupPermission> {
    requirePermissionValue(permission);
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    requireManagementWrite(actor);
    return this.database.db.transaction().execute(async (trx) => {
      const group = await this.groups.resolve(groupRef, trx);
      const previous = await this.groupGrants.find(record.id, group.id, trx);
      await this.groupGrants.upsert(trx, record.id, group.id, permission, nowIso());
      await this.audit.record(
        {
          action: 'dataset.group_permission_set',
          actor,
          targetType: 'dataset',
          targetId: record.id,
          details: { dataset: record.name, groupId: group.id, permission, previous: previous ?? null },
        },
        trx,
      );
      return { group: groupSummary(group), permission };
    });
  }

  /** Removes the group's grant (404 when there is none); members keep what their role, default and own grants give. */
  async removeGroup(actor: Actor, datasetName: string, groupRef: string): Promise<void> {
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    requireManagementWrite(actor);
    await this.database.db.transaction().execute(async (trx) => {
      const group = await this.groups.resolve(groupRef, trx);
      const previous = await this.groupGrants.find(record.id, group.id, trx);
      if (previous === undefined || !(await this.groupGrants.delete(trx, record.id, group.id))) {
        throw notFound(
          `Group ${JSON.stringify(group.name)} has no permission on dataset ${JSON.stringify(record.name)}`,
        );
      }
      await this.audit.record(
        {
          action: 'dataset.group_permission_remove',
          actor,
          targetType: 'dataset',
          targetId: record.id,
          details: { dataset: record.name, groupId: group.id, previous },
        },
        trx,
      );
    });
  }

  /** Every dataset that grants the group something (admins: groups are theirs to manage). */
  async forGroup(actor: Actor, groupRef: string): Promise<GroupDatasetPermissionList> {
    requireAdmin(actor, 'read a group’s dataset permissions');
    const group = await this.groups.resolve(groupRef);
    return { group: groupSummary(group), datasets: await this.groupGrants.listForGroup(group.id) };
  }

  /** Every dataset the user can see, with grant and effective permission: admins ask about anyone, others about themselves. */
  async forUser(actor: Actor, userRef: string): Promise<UserDatasetPermissionList> {
    if (!isAdmin(actor) && !isSelf(actor, userRef)) {
      throw forbidden('Only admins can read other users’ dataset permissions', {
        requiredRole: 'ADMIN',
        role: actor.kind === 'user' ? actor.user.role : null,
      });
    }
    const user = await this.users.resolve(userRef);
    const { items } = await this.store.listVisible({ kind: 'user', userId: user.id, role: user.role }, {});
    const self = isSelf(actor, userRef);
    return {
      user: permissionUser(user),
      // A dataset the caller's key does not list stays invisible here too; about themselves, the key's cap applies.
      datasets: items
        .filter(({ record }) => scopedPermission(actor, record.id, 'VIEW') !== 'NO_ACCESS')
        .map(({ record, userGrant, groupGrant }) => {
          const { activePermission } = userPermission(
            permissionUser(user),
            record.defaultPermission,
            userGrant,
            groupGrant,
          );
          return {
            datasetId: record.id,
            datasetName: record.name,
            userPermission: userGrant ?? null,
            activePermission: self ? scopedPermission(actor, record.id, activePermission) : activePermission,
          };
        }),
    };
  }
}
