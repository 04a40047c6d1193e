// The module-level user-group functions: each uses the configured API connection unless given a client or connection.
import type {
  DatasetGroupPermission,
  DatasetPermission,
  GroupDatasetPermissionList,
  UserGroup,
} from '@teamset/contract';
import type { DatasetLike } from './dataset-ref.js';
import { managementClient, type ManagementTarget } from './default-client.js';
import type {
  CreateUserGroupOptions,
  ListUserGroupsOptions,
  UpdateUserGroupOptions,
  UserGroupLike,
} from './group-management.js';
import type { UserLike } from './user-ref.js';

export async function createUserGroup(
  name: string,
  options?: CreateUserGroupOptions,
  via?: ManagementTarget,
): Promise<UserGroup> {
  return managementClient(via).createUserGroup(name, options);
}

/** Null when there is no such group (FiftyOne's get_user_group). */
export async function getUserGroup(group: UserGroupLike, via?: ManagementTarget): Promise<UserGroup | null> {
  return managementClient(via).getUserGroup(group);
}

export async function listUserGroups(options?: ListUserGroupsOptions, via?: ManagementTarget): Promise<UserGroup[]> {
  return managementClient(via).listUserGroups(options);
}

export async function listUserGroupsForUser(user: UserLike, via?: ManagementTarget): Promise<UserGroup[]> {
  return managementClient(via).listUserGroupsForUser(user);
}

export async function updateUserGroup(
  group: UserGroupLike,
  options: UpdateUserGroupOptions,
  via?: ManagementTarget,
): Promise<UserGroup> {
  return managementClient(via).updateUserGroup(group, options);
}

export async function addUsersToGroup(
  group: UserGroupLike,
  users: UserLike | readonly UserLike[],
  via?: ManagementTarget,
): Promise<UserGroup> {
  return managementClient(via).addUsersToGroup(group, users);
}

export async function removeUsersFromGroup(
  group: UserGroupLike,
  users: UserLike | readonly UserLike[],
  via?: ManagementTarget,
): Promise<UserGroup> {
  return managementClient(via).removeUsersFromGroup(group, users);
}

export async function deleteUserGroup(group: UserGroupLike, via?: ManagementTarget): Promise<void> {
  return managementClient(via).deleteUserGroup(group);
}

export async function setDatasetUserGroupPermission(
  dataset: DatasetLike,
  group: UserGroupLike,
  permission: DatasetPermission,
  via?: ManagementTarget,
): Promise<DatasetGroupPermission> {
  return managementClient(via).setDatasetUserGroupPermission(dataset, group, permission);
}

export async function removeDatasetUserGroupPermission(
  dataset: DatasetLike,
  group: UserGroupLike,
  via?: ManagementTarget,
): Promise<void> {
  return managementClient(via).removeDatasetUserGroupPermission(dataset, group);
}

export async function getPermissionsForDatasetUserGroup(
  dataset: DatasetLike,
  group: UserGroupLike,
  via?: ManagementTarget,
): Promise<DatasetPermission> {
  return managementClient(via).getPermissionsForDatasetUserGroup(dataset, group);
}

export async function getPermissionsForUserGroup(
  group: UserGroupLike,
  via?: ManagementTarget,
): Promise<GroupDatasetPermissionList> {
  return managementClient(via).getPermissionsForUserGroup(group);
}
