// FiftyOne's user-group management functions (camelCase) over the JSON API: groups, their members, and their dataset grants.
import {
  DATASET_PERMISSION_ROUTES,
  GROUP_ROUTES,
  type DatasetGroupPermission,
  type DatasetPermission,
  type GroupDatasetPermissionList,
  type UserGroup,
} from '@teamset/contract';
import type { HttpClient } from '../http/http-client.js';
import { NotFoundError } from '../errors.js';
import { datasetRef, type DatasetLike } from './dataset-ref.js';
import { userRef, type UserLike } from './user-ref.js';

/** A `user_group` argument as FiftyOne takes it: a group id or name, or a UserGroup object (its id is used). */
export type UserGroupLike = string | Pick<UserGroup, 'id'>;

export function userGroupRef(group: UserGroupLike): string {
  const ref = typeof group === 'string' ? group.trim() : group.id;
  if (!ref) throw new TypeError('user group must be a non-empty id or name, or a UserGroup');
  return ref;
}

export interface CreateUserGroupOptions {
  description?: string | null;
  /** Members to start with: user ids, emails or User objects. */
  users?: UserLike[];
}

/** Omitted fields stay as they are; `users` replaces the membership (FiftyOne's update_user_group). */
export interface UpdateUserGroupOptions {
  name?: string;
  description?: string | null;
  users?: UserLike[];
}

export interface ListUserGroupsOptions {
  /** FiftyOne's num_groups: at most this many groups (by name). */
  limit?: number;
}

function usersOf(users: UserLike | readonly UserLike[]): string[] {
  return (Array.isArray(users) ? users : [users as UserLike]).map(userRef);
}

function groupParams(group: UserGroupLike): { group: string } {
  return { group: userGroupRef(group) };
}

function datasetGroupParams(dataset: DatasetLike, group: UserGroupLike): { name: string; group: string } {
  return { name: datasetRef(dataset), group: userGroupRef(group) };
}

/** The group calls of ManagementClient, over its HTTP client. */
export class GroupManagement {
  constructor(private readonly http: HttpClient) {}

  /** Admins only. Members must be existing users. */
  async createUserGroup(name: string, options: CreateUserGroupOptions = {}): Promise<UserGroup> {
    return this.http.call(
      GROUP_ROUTES.create,
      {},
      {
        body: {
          name,
          ...(options.description !== undefined ? { description: options.description } : {}),
          ...(options.users !== undefined ? { users: usersOf(options.users) } : {}),
        },
      },
    );
  }

  /** Like FiftyOne's get_user_group: null when there is no such group. */
  async getUserGroup(group: UserGroupLike): Promise<UserGroup | null> {
    try {
      return await this.http.call(GROUP_ROUTES.get, groupParams(group));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** Every group for admins, your own otherwise; by name. */
  async listUserGroups(options: ListUserGroupsOptions = {}): Promise<UserGroup[]> {
    const { groups } = await this.http.call(GROUP_ROUTES.list, {});
    return options.limit === undefined ? groups : groups.slice(0, Math.max(0, options.limit));
  }

  /** The groups a user is in (admins: anyone; others: themselves). */
  async listUserGroupsForUser(user: UserLike): Promise<UserGroup[]> {
    return (await this.http.call(GROUP_ROUTES.forUser, { user: userRef(user) })).groups;
  }

  async updateUserGroup(group: UserGroupLike, options: UpdateUserGroupOptions): Promise<UserGroup> {
    return this.http.call(GROUP_ROUTES.update, groupParams(group), {
      body: {
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.users !== undefined ? { users: usersOf(options.users) } : {}),
      },
    });
  }

  async addUsersToGroup(group: UserGroupLike, users: UserLike | readonly UserLike[]): Promise<UserGroup> {
    return this.http.call(GROUP_ROUTES.addUsers, groupParams(group), { body: { users: usersOf(users) } });
  }

  async removeUsersFromGroup(group: UserGroupLike, users: UserLike | readonly UserLike[]): Promise<UserGroup> {
    return this.http.call(GROUP_ROUTES.removeUsers, groupParams(group), { body: { users: usersOf(users) } });
  }

  /** Deletes the group, its memberships and its dataset grants (admins). */
  async deleteUserGroup(group: UserGroupLike): Promise<void> {
    return this.http.call(GROUP_ROUTES.delete, groupParams(group));
  }

  /** Grants the group a permission on the dataset (MANAGE on it); each member gets at most their role's cap. */
  async setDatasetUserGroupPermission(
    dataset: DatasetLike,
    group: UserGroupLike,
    permission: DatasetPermission,
  ): Promise<DatasetGroupPermission> {
    return this.http.call(DATASET_PERMISSION_ROUTES.setGroup, datasetGroupParams(dataset, group), {
      body: { permission },
    });
  }

  async removeDatasetUserGroupPermission(dataset: DatasetLike, group: UserGroupLike): Promise<void> {
    return this.http.call(DATASET_PERMISSION_ROUTES.removeGroup, datasetGroupParams(dataset, group));
  }

  /** The group's grant on the dataset, NO_ACCESS when it has none (MANAGE on the dataset). */
  async getPermissionsForDatasetUserGroup(dataset: DatasetLike, group: UserGroupLike): Promise<DatasetPermission> {
    return (await this.http.call(DATASET_PERMISSION_ROUTES.getGroup, datasetGroupParams(dataset, group))).permission;
  }

  /** Every dataset that grants the group a permission (admins). */
  async getPermissionsForUserGroup(group: UserGroupLike): Promise<GroupDatasetPermissionList> {
    return this.http.call(GROUP_ROUTES.datasetPermissions, groupParams(group));
  }
}
