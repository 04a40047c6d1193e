// AdminBackend over the API connection: every call goes through the SDK's ManagementClient, as the key's user.
import type {
  ApiKey,
  CreatedApiKey,
  Dataset,
  DatasetGroupPermission,
  DatasetPage,
  DatasetPermission,
  DatasetPermissionList,
  DatasetPermissionInvitation,
  DatasetUserPermission,
  MediaRoot,
  Role,
  User,
  UserGroup,
  UserPage,
} from '@teamset/contract';
import { NotFoundError, type ManagementClient } from '@teamset/sdk';
import { CliError } from '../cli-errors.js';
import type { AdminBackend, GroupChange, NewDataset, NewGroup, NewKey } from './admin-backend.js';

export class ApiBackend implements AdminBackend {
  readonly kind = 'api';

  constructor(private readonly client: ManagementClient) {}

  async createUser(): Promise<User> {
    // The API creates users only through invitations and first-run setup, never directly.
    throw new CliError(
      'users create works on the database directly, but api_uri is set: invite the user with ' +
        '`teamset invitations create <email> --role <role>`, or add --database to use database_uri',
    );
  }

  listUsers(query: { search?: string; page?: number; pageSize?: number }): Promise<UserPage> {
    return this.client.listUsers(query);
  }

  deleteUser(user: string): Promise<void> {
    return this.client.deleteUser(user);
  }

  setUserRole(user: string, role: Role): Promise<User> {
    return this.client.setUserRole(user, role);
  }

  generateKey(input: NewKey): Promise<CreatedApiKey> {
    return this.client.createApiKey(input.name, input.user, { expiresInSeconds: input.expiresInSeconds });
  }

  async userEmail(userId: string): Promise<string | undefined> {
    // Admins may look up anyone, others themselves: any other answer leaves the id in the table.
    return (await this.client.getUser(userId).catch(() => null))?.email;
  }

  listKeys(user?: string): Promise<ApiKey[]> {
    return this.client.listApiKeys(user);
  }

  deleteKey(keyId: string): Promise<void> {
    return this.client.deleteApiKey(keyId);
  }

  rotateKey(keyId: string, graceSeconds: number): Promise<CreatedApiKey> {
    return this.client.rotateApiKey(keyId, { graceSeconds });
  }

  listDatasets(query: { search?: string; page?: number; pageSize?: number }): Promise<DatasetPage> {
    return this.client.listDatasetRecords(query);
  }

  createDataset(input: NewDataset): Promise<Dataset> {
    return this.client.createDatasetRecord(input);
  }

  getDataset(name: string): Promise<Dataset> {
    return this.client.getDatasetRecord(name);
  }

  renameDataset(name: string, newName: string): Promise<Dataset> {
    return this.client.renameDataset(name, newName);
  }

  deleteDataset(name: string): Promise<void> {
    return this.client.deleteDatasetRecord(name);
  }

  listDatasetPermissions(name: string): Promise<DatasetPermissionList> {
    return this.client.getPermissionsForDataset(name);
  }

  setDatasetUserPermission(
    name: string,
    user: string,
    permission: DatasetPermission,
    options: { invite?: boolean } = {},
  ): Promise<DatasetUserPermission | DatasetPermissionInvitation> {
    return this.client.setDatasetUserPermission(name, user, permission, options);
  }

  removeDatasetUserPermission(name: string, user: string): Promise<void> {
    return this.client.deleteDatasetUserPermission(name, user);
  }

  setDatasetDefaultPermission(name: string, permission: DatasetPermission): Promise<Dataset> {
    return this.client.setDatasetDefaultPermission(name, permission);
  }

  listGroups(): Promise<UserGroup[]> {
    return this.client.listUserGroups();
  }

  createGroup(input: NewGroup): Promise<UserGroup> {
    return this.client.createUserGroup(input.name, { description: input.description, users: input.users });
  }

  async getGroup(group: string): Promise<UserGroup> {
    // The SDK answers null for a missing group, as FiftyOne's get_user_group does; the CLI reports it.
    const found = await this.client.getUserGroup(group);
    if (!found) throw new NotFoundError(`No user group ${JSON.stringify(group)}`);
    return found;
  }

  updateGroup(group: string, change: GroupChange): Promise<UserGroup> {
    return this.client.updateUserGroup(group, change);
  }

  addGroupUsers(group: string, users: string[]): Promise<UserGroup> {
    return this.client.addUsersToGroup(group, users);
  }

  removeGroupUsers(group: string, users: string[]): Promise<UserGroup> {
    return this.client.removeUsersFromGroup(group, users);
  }

  deleteGroup(group: string): Promise<void> {
    return this.client.deleteUserGroup(group);
  }

  setDatasetGroupPermission(
    name: string,
    group: string,
    permission: DatasetPermission,
  ): Promise<DatasetGroupPermission> {
    return this.client.setDatasetUserGroupPermission(name, group, permission);
  }

  removeDatasetGroupPermission(name: string, group: string): Promise<void> {
    return this.client.removeDatasetUserGroupPermission(name, group);
  }

  listMediaRoots(): Promise<MediaRoot[]> {
    return this.client.listMediaRoots();
  }

  setMediaRoots(paths: readonly string[]): Promise<MediaRoot[]> {
    return this.client.setMediaRoots(paths);
  }
}
