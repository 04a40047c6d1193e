// AdminBackend on the database itself (docs/design.md §6): core services as the system actor, for bootstrap and recovery.
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
import type * as Core from '@teamset/core';
import type { CoreServices } from '@teamset/sdk';
import { UsageError } from '../cli-errors.js';
import type { AdminBackend, GroupChange, NewDataset, NewGroup, NewKey, NewUser } from './admin-backend.js';
import { DEFAULT_SERVE_PORT } from '../serve-defaults.js';

export class DatabaseBackend implements AdminBackend {
  readonly kind = 'database';

  constructor(
    private readonly services: CoreServices,
    private readonly actor: Core.Actor,
  ) {}

  createUser(input: NewUser): Promise<User> {
    return this.services.users.create(this.actor, input);
  }

  listUsers(query: { search?: string; page?: number; pageSize?: number }): Promise<UserPage> {
    return this.services.users.list(this.actor, query);
  }

  deleteUser(user: string): Promise<void> {
    return this.services.users.delete(this.actor, user);
  }

  setUserRole(user: string, role: Role): Promise<User> {
    return this.services.users.setRole(this.actor, user, role);
  }

  async generateKey(input: NewKey): Promise<CreatedApiKey> {
    // Over the database there is no "me" to own the key.
    if (input.user === undefined)
      throw new UsageError('keys generate needs --user <id-or-email> when working on the database directly');
    return this.services.keys.generate(this.actor, input);
  }

  async userEmail(userId: string): Promise<string | undefined> {
    // A user deleted since leaves the id in the table.
    return (await this.services.users.get(this.actor, userId).catch(() => undefined))?.email;
  }

  listKeys(user?: string): Promise<ApiKey[]> {
    return this.services.keys.list(this.actor, { user });
  }

  deleteKey(keyId: string): Promise<void> {
    return this.services.keys.delete(this.actor, keyId);
  }

  rotateKey(keyId: string, graceSeconds: number): Promise<CreatedApiKey> {
    return this.services.keys.rotate(this.actor, keyId, { graceSeconds });
  }

  listDatasets(query: { search?: string; page?: number; pageSize?: number }): Promise<DatasetPage> {
    return this.services.datasets.list(this.actor, query);
  }

  createDataset(input: NewDataset): Promise<Dataset> {
    return this.services.datasets.create(this.actor, input);
  }

  getDataset(name: string): Promise<Dataset> {
    return this.services.datasets.get(this.actor, name);
  }

  renameDataset(name: string, newName: string): Promise<Dataset> {
    return this.services.datasets.update(this.actor, name, { name: newName });
  }

  deleteDataset(name: string): Promise<void> {
    return this.services.datasets.delete(this.actor, name);
  }

  listDatasetPermissions(name: string): Promise<DatasetPermissionList> {
    return this.services.datasetPermissions.listUsers(this.actor, name);
  }

  async setDatasetUserPermission(
    name: string,
    user: string,
    permission: DatasetPermission,
    options: { invite?: boolean } = {},
  ): Promise<DatasetUserPermission | DatasetPermissionInvitation> {
    // Invitation links point at the web app: the server's public URL when configured, else the local default.
    const acceptUrlBase = process.env.TEAMSET_PUBLIC_URL || `http://localhost:${DEFAULT_SERVE_PORT}`;
    const result = await this.services.datasetPermissions.setUserOrInvite(this.actor, name, user, permission, {
      ...options,
      acceptUrlBase,
    });
    return result.kind === 'granted' ? result.permission : { ...result.invitation, permission };
  }

  removeDatasetUserPermission(name: string, user: string): Promise<void> {
    return this.services.datasetPermissions.removeUser(this.actor, name, user);
  }

  setDatasetDefaultPermission(name: string, permission: DatasetPermission): Promise<Dataset> {
    return this.services.datasetPermissions.setDefault(this.actor, name, permission);
  }

  listGroups(): Promise<UserGroup[]> {
    return this.services.groups.list(this.actor);
  }

  createGroup(input: NewGroup): Promise<UserGroup> {
    return this.services.groups.create(this.actor, input);
  }

  getGroup(group: string): Promise<UserGroup> {
    return this.services.groups.get(this.actor, group);
  }

  updateGroup(group: string, change: GroupChange): Promise<UserGroup> {
    return this.services.groups.update(this.actor, group, change);
  }

  addGroupUsers(group: string, users: string[]): Promise<UserGroup> {
    return this.services.groups.addUsers(this.actor, group, users);
  }

  removeGroupUsers(group: string, users: string[]): Promise<UserGroup> {
    return this.services.groups.removeUsers(this.actor, group, users);
  }

  deleteGroup(group: string): Promise<void> {
    return this.services.groups.delete(this.actor, group);
  }

  setDatasetGroupPermission(
    name: string,
    group: string,
    permission: DatasetPermission,
  ): Promise<DatasetGroupPermission> {
    return this.services.datasetPermissions.setGroup(this.actor, name, group, permission);
  }

  removeDatasetGroupPermission(name: string, group: string): Promise<void> {
    return this.services.datasetPermissions.removeGroup(this.actor, name, group);
  }

  listMediaRoots(): Promise<MediaRoot[]> {
    return this.services.mediaRoots.list(this.actor);
  }

  setMediaRoots(paths: readonly string[]): Promise<MediaRoot[]> {
    return this.services.mediaRoots.replace(this.actor, paths);
  }
}
