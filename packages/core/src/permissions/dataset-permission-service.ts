// Dataset permissions (DESIGN §2): who has access, per-user grants within role caps, the default permission, a user's view across datasets.
import {
  ROLE_PERMISSION_CAP,
  isDatasetPermission,
  type Dataset,
  type DatasetPermission,
  type DatasetPermissionList,
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
import type { DatasetGrantInvitation, InvitationService } from '../invitations/invitation-service.js';
import { isAdmin } from '../users/user-rules.js';
import type { UserService } from '../users/user-service.js';
import { normalizeEmail } from '../users/user-store.js';
import { effectivePermission, grantablePermissions } from './effective-permission.js';

function permissionUser(user: Pick<User, 'id' | 'email' | 'name' | 'role'>): PermissionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

function userPermission(user: PermissionUser, datasetDefault: DatasetPermission, userGrant: DatasetPermission | undefined): DatasetUserPermission {
  return {
    user,
    userPermission: userGrant ?? null,
    activePermission: effectivePermission({ role: user.role, datasetDefault, ...(userGrant ? { userGrant } : {}) }),
  };
}

function requirePermissionValue(permission: unknown): asserts permission is DatasetPermission {
  if (!isDatasetPermission(permission)) throw badRequest('permission must be one of NO_ACCESS, VIEW, TAG, EDIT, MANAGE', { field: 'permission' });
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
  ) {}

  /** Everyone with access (admins, members through the default, explicit grants), for a MANAGE holder. */
  async listUsers(actor: Actor, datasetName: string): Promise<DatasetPermissionList> {
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    const rows = await this.store.listAccess(record.id, record.defaultPermission);
    const users = rows.map((r) => userPermission(r.user, record.defaultPermission, r.userGrant));
    // An explicit NO_ACCESS grant to a non-member is listed (it is a grant), implicit nothing is not.
    return { dataset: record.name, defaultPermission: record.defaultPermission, users: users.filter((u) => u.activePermission !== 'NO_ACCESS' || u.userPermission !== null) };
  }

  /** One user's grant and effective permission: MANAGE holders ask about anyone, everyone about themselves. */
  async getUser(actor: Actor, datasetName: string, userRef: string): Promise<DatasetUserPermission> {
    const self = isSelf(actor, userRef);
    const { record } = await this.datasets.access(actor, datasetName, self ? 'VIEW' : 'MANAGE');
    const user = self && actor.kind === 'user' ? actor.user : await this.users.resolve(userRef);
    return userPermission(permissionUser(user), record.defaultPermission, await this.store.findGrant(record.id, user.id));
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
  ): Promise<{ kind: 'granted'; permission: DatasetUserPermission } | { kind: 'invited'; invitation: DatasetGrantInvitation }> {
    try {
      return { kind: 'granted', permission: await this.setUser(actor, datasetName, userRef, permission) };
    } catch (error) {
      const unknownEmail = isAppError(error) && error.code === 'NOT_FOUND' && userRef.includes('@') && error.message.startsWith('No user');
      if (!unknownEmail) throw error;
      if (!options.invite) throw notFound(`No user with email ${normalizeEmail(userRef)}; pass invite: true (CLI: --invite) to invite them — the permission applies when they accept`);
      const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
      const invitation = await this.invitations.inviteWithDatasetGrant(actor, { email: userRef, datasetId: record.id, permission }, options.acceptUrlBase);
      await this.audit.record({ action: 'dataset.permission_set', actor, targetType: 'dataset', targetId: record.id, details: { dataset: record.name, invitationId: invitation.invitation.id, permission, previous: null } });
      return { kind: 'invited', invitation };
    }
  }

  /** Grants `permission` explicitly; above the user's role cap is refused (400), since it could never take effect. */
  async setUser(actor: Actor, datasetName: string, userRef: string, permission: DatasetPermission): Promise<DatasetUserPermission> {
    requirePermissionValue(permission);
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    return this.database.db.transaction().execute(async (trx) => {
      const user = await this.users.resolve(userRef, trx);
      if (!grantablePermissions(user.role).includes(permission)) {
        const cap = ROLE_PERMISSION_CAP[user.role];
        throw badRequest(`A ${user.role} can be granted at most ${cap} on a dataset (asked for ${permission})`, { field: 'permission', role: user.role, cap });
      }
      const previous = await this.store.findGrant(record.id, user.id, trx);
      await this.store.upsertGrant(trx, record.id, user.id, permission, nowIso());
      await this.audit.record(
        { action: 'dataset.permission_set', actor, targetType: 'dataset', targetId: record.id, details: { dataset: record.name, userId: user.id, permission, previous: previous ?? null } },
        trx,
      );
      return userPermission(permissionUser(user), record.defaultPermission, permission);
    });
  }

  /** Removes the user's explicit grant (404 when there is none); implicit access by role or default stays. */
  async removeUser(actor: Actor, datasetName: string, userRef: string): Promise<void> {
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    await this.database.db.transaction().execute(async (trx) => {
      const user = await this.users.resolve(userRef, trx);
      const previous = await this.store.findGrant(record.id, user.id, trx);
      if (previous === undefined || !(await this.store.deleteGrant(trx, record.id, user.id))) {
        throw notFound(`${user.email} has no explicit permission on dataset ${JSON.stringify(record.name)}`);
      }
      await this.audit.record({ action: 'dataset.permission_remove', actor, targetType: 'dataset', targetId: record.id, details: { dataset: record.name, userId: user.id, previous } }, trx);
    });
  }

  /** The permission every MEMBER gets without a grant. Returns the dataset with the caller's (possibly lower) permission. */
  async setDefault(actor: Actor, datasetName: string, permission: DatasetPermission): Promise<Dataset> {
    requirePermissionValue(permission);
    const { record } = await this.datasets.access(actor, datasetName, 'MANAGE');
    await this.database.db.transaction().execute(async (trx) => {
      if (!(await this.store.update(trx, record.id, { default_permission: permission }))) throw notFound(`Dataset ${JSON.stringify(datasetName)} not found`);
      await this.audit.record(
        { action: 'dataset.default_permission_set', actor, targetType: 'dataset', targetId: record.id, details: { dataset: record.name, permission, previous: record.defaultPermission } },
        trx,
      );
    });
    const updated = { ...record, defaultPermission: permission };
    const grant = actor.kind === 'user' ? await this.store.findGrant(record.id, actor.user.id) : undefined;
    return toDataset(updated, permissionOf(actor, updated, grant));
  }

  /** Every dataset the user can see, with grant and effective permission: admins ask about anyone, others about themselves. */
  async forUser(actor: Actor, userRef: string): Promise<UserDatasetPermissionList> {
    if (!isAdmin(actor) && !isSelf(actor, userRef)) {
      throw forbidden('Only admins can read other users’ dataset permissions', { requiredRole: 'ADMIN', role: actor.kind === 'user' ? actor.user.role : null });
    }
    const user = await this.users.resolve(userRef);
    const { items } = await this.store.listVisible({ kind: 'user', userId: user.id, role: user.role }, {});
    return {
      user: permissionUser(user),
      datasets: items.map(({ record, userGrant }) => {
        const { activePermission } = userPermission(permissionUser(user), record.defaultPermission, userGrant);
        return { datasetId: record.id, datasetName: record.name, userPermission: userGrant ?? null, activePermission };
      }),
    };
  }
}
