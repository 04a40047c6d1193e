// The module-level management functions: each uses the configured API connection unless given a client or connection.
import type {
  DatasetPermissionInvitation,
  ApiKey,
  CreatedApiKey,
  CreatedInvitation,
  CreateDatasetBody,
  Dataset,
  DatasetPage,
  DatasetPermission,
  DatasetPermissionList,
  DatasetUserPermission,
  Invitation,
  MediaRoot,
  OrganizationSettings,
  PermissionUser,
  Role,
  UpdateOrganizationSettingsBody,
  User,
  UserDatasetPermissionList,
  UserPage,
  WhoAmI,
} from '@teamset/contract';
import { ApiConnection } from '../connection/api-connection.js';
import { connect, type Connection } from '../connection/connect.js';
import { ConfigError } from '../errors.js';
import type { DatasetLike } from './dataset-ref.js';
import {
  ManagementClient,
  type GenerateApiKeyOptions,
  type SendInvitationOptions,
  type ListDatasetsOptions,
  type RotateApiKeyOptions,
  type ListUsersOptions,
} from './management-client.js';
import type { UserLike } from './user-ref.js';

/** Where a management call goes: a client, a connection, or (omitted) the connection from config and environment. */
export type ManagementTarget = ManagementClient | Connection;

export const MANAGEMENT_NEEDS_API_MESSAGE =
  'management functions need the API connection: set FIFTYONE_API_URI and FIFTYONE_API_KEY (or api_uri and api_key in the config file)';

export function managementClient(target?: ManagementTarget): ManagementClient {
  if (target instanceof ManagementClient) return target;
  // Configuration is read on each call without a target, so changes to env or file take effect at once.
  const connection = target ?? connect();
  if (!(connection instanceof ApiConnection)) throw new ConfigError(MANAGEMENT_NEEDS_API_MESSAGE);
  return new ManagementClient(connection);
}

export async function whoami(via?: ManagementTarget): Promise<WhoAmI> {
  return managementClient(via).whoami();
}

export async function getUser(user: UserLike, via?: ManagementTarget): Promise<User | null> {
  return managementClient(via).getUser(user);
}

export async function listUsers(options?: ListUsersOptions, via?: ManagementTarget): Promise<UserPage> {
  return managementClient(via).listUsers(options);
}

export async function setUserRole(user: UserLike, role: Role, via?: ManagementTarget): Promise<User> {
  return managementClient(via).setUserRole(user, role);
}

export async function deleteUser(user: UserLike, via?: ManagementTarget): Promise<void> {
  return managementClient(via).deleteUser(user);
}

/** FiftyOne's send_user_invitation: a pending invitation for the email is replaced (see ManagementClient). */
export async function sendUserInvitation(
  email: string,
  role?: Role,
  via?: ManagementTarget,
  options?: SendInvitationOptions,
): Promise<CreatedInvitation> {
  return managementClient(via).sendUserInvitation(email, role, options);
}

export async function listPendingInvitations(via?: ManagementTarget): Promise<Invitation[]> {
  return managementClient(via).listPendingInvitations();
}

export async function deleteUserInvitation(invitationId: string, via?: ManagementTarget): Promise<void> {
  return managementClient(via).deleteUserInvitation(invitationId);
}

export async function generateApiKey(
  keyName: string,
  user?: UserLike,
  options?: GenerateApiKeyOptions,
  via?: ManagementTarget,
): Promise<string> {
  return managementClient(via).generateApiKey(keyName, user, options);
}

export async function listApiKeys(user?: UserLike, via?: ManagementTarget): Promise<ApiKey[]> {
  return managementClient(via).listApiKeys(user);
}

export async function deleteApiKey(keyId: string, user?: UserLike, via?: ManagementTarget): Promise<void> {
  return managementClient(via).deleteApiKey(keyId, user);
}

export async function rotateApiKey(
  keyId: string,
  options?: RotateApiKeyOptions,
  via?: ManagementTarget,
): Promise<CreatedApiKey> {
  return managementClient(via).rotateApiKey(keyId, options);
}

export async function getOrganizationSettings(via?: ManagementTarget): Promise<OrganizationSettings> {
  return managementClient(via).getOrganizationSettings();
}

export async function setOrganizationSettings(
  settings: UpdateOrganizationSettingsBody,
  via?: ManagementTarget,
): Promise<OrganizationSettings> {
  return managementClient(via).setOrganizationSettings(settings);
}

export async function listMediaRoots(via?: ManagementTarget): Promise<MediaRoot[]> {
  return managementClient(via).listMediaRoots();
}

export async function setMediaRoots(paths: readonly string[], via?: ManagementTarget): Promise<MediaRoot[]> {
  return managementClient(via).setMediaRoots(paths);
}

export async function listDatasetRecords(options?: ListDatasetsOptions, via?: ManagementTarget): Promise<DatasetPage> {
  return managementClient(via).listDatasetRecords(options);
}

export async function getDatasetRecord(dataset: DatasetLike, via?: ManagementTarget): Promise<Dataset> {
  return managementClient(via).getDatasetRecord(dataset);
}

export async function createDatasetRecord(input: CreateDatasetBody, via?: ManagementTarget): Promise<Dataset> {
  return managementClient(via).createDatasetRecord(input);
}

export async function renameDataset(dataset: DatasetLike, newName: string, via?: ManagementTarget): Promise<Dataset> {
  return managementClient(via).renameDataset(dataset, newName);
}

export async function deleteDatasetRecord(dataset: DatasetLike, via?: ManagementTarget): Promise<void> {
  return managementClient(via).deleteDatasetRecord(dataset);
}

export async function getPermissionsForDataset(
  dataset: DatasetLike,
  via?: ManagementTarget,
): Promise<DatasetPermissionList> {
  return managementClient(via).getPermissionsForDataset(dataset);
}

export async function getPermissionsForDatasetUser(
  dataset: DatasetLike,
  user: UserLike,
  via?: ManagementTarget,
): Promise<DatasetUserPermission> {
  return managementClient(via).getPermissionsForDatasetUser(dataset, user);
}

export async function getPermissionsForUser(
  user: UserLike,
  via?: ManagementTarget,
): Promise<UserDatasetPermissionList> {
  return managementClient(via).getPermissionsForUser(user);
}

export async function setDatasetDefaultPermission(
  dataset: DatasetLike,
  permission: DatasetPermission,
  via?: ManagementTarget,
): Promise<Dataset> {
  return managementClient(via).setDatasetDefaultPermission(dataset, permission);
}

/** FiftyOne's set_dataset_user_permission; `{invite: true}` invites an unknown email (see ManagementClient). */
export async function setDatasetUserPermission(
  dataset: DatasetLike,
  user: UserLike,
  permission: DatasetPermission,
  options?: { invite?: false },
  via?: ManagementTarget,
): Promise<DatasetUserPermission>;
export async function setDatasetUserPermission(
  dataset: DatasetLike,
  user: UserLike,
  permission: DatasetPermission,
  options: { invite?: boolean },
  via?: ManagementTarget,
): Promise<DatasetUserPermission | DatasetPermissionInvitation>;
export async function setDatasetUserPermission(
  dataset: DatasetLike,
  user: UserLike,
  permission: DatasetPermission,
  options: { invite?: boolean } = {},
  via?: ManagementTarget,
): Promise<DatasetUserPermission | DatasetPermissionInvitation> {
  return managementClient(via).setDatasetUserPermission(dataset, user, permission, options);
}

export async function deleteDatasetUserPermission(
  dataset: DatasetLike,
  user: UserLike,
  via?: ManagementTarget,
): Promise<void> {
  return managementClient(via).deleteDatasetUserPermission(dataset, user);
}

export async function getDatasetCreator(dataset: DatasetLike, via?: ManagementTarget): Promise<PermissionUser | null> {
  return managementClient(via).getDatasetCreator(dataset);
}
