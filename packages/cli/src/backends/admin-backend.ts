// The user, key and dataset administration the CLI needs, independent of whether it runs over the API or on the database.
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
  KeyScopePermission,
  MediaRoot,
  MediaType,
  Role,
  User,
  UserGroup,
  UserPage,
} from '@teamset/contract';

export interface NewUser {
  email: string;
  name: string;
  role?: Role;
  password?: string;
}

export interface NewKey {
  name: string;
  /** Id or email; absent means the caller (API connection only). */
  user?: string;
  expiresInSeconds?: number;
  maxPermission?: KeyScopePermission;
  /** Dataset names the key is limited to. */
  datasets?: string[];
  readOnlyManagement?: boolean;
}

export interface NewDataset {
  name: string;
  mediaType?: MediaType;
}

export interface NewGroup {
  name: string;
  description?: string | null;
  /** User ids or emails. */
  users?: string[];
}

/** Omitted fields stay; `users` replaces the membership. */
export interface GroupChange {
  name?: string;
  description?: string | null;
  users?: string[];
}

export interface AdminBackend {
  readonly kind: 'api' | 'database';
  createUser(input: NewUser): Promise<User>;
  listUsers(query: { search?: string; page?: number; pageSize?: number }): Promise<UserPage>;
  deleteUser(user: string): Promise<void>;
  setUserRole(user: string, role: Role): Promise<User>;
  generateKey(input: NewKey): Promise<CreatedApiKey>;
  listKeys(user?: string): Promise<ApiKey[]>;
  /** The email of a user id, for tables people read; undefined when the caller may not see that user. */
  userEmail(userId: string): Promise<string | undefined>;
  deleteKey(keyId: string): Promise<void>;
  /** A new secret for the key; the old one works for `graceSeconds` more (0: not at all). */
  rotateKey(keyId: string, graceSeconds: number): Promise<CreatedApiKey>;
  listDatasets(query: { search?: string; page?: number; pageSize?: number }): Promise<DatasetPage>;
  createDataset(input: NewDataset): Promise<Dataset>;
  getDataset(name: string): Promise<Dataset>;
  renameDataset(name: string, newName: string): Promise<Dataset>;
  deleteDataset(name: string): Promise<void>;
  listDatasetPermissions(name: string): Promise<DatasetPermissionList>;
  /** With `invite`, an unknown email is invited and the answer is the invitation. */
  setDatasetUserPermission(
    name: string,
    user: string,
    permission: DatasetPermission,
    options?: { invite?: boolean },
  ): Promise<DatasetUserPermission | DatasetPermissionInvitation>;
  removeDatasetUserPermission(name: string, user: string): Promise<void>;
  setDatasetDefaultPermission(name: string, permission: DatasetPermission): Promise<Dataset>;
  listGroups(): Promise<UserGroup[]>;
  createGroup(input: NewGroup): Promise<UserGroup>;
  /** By id or name; a missing group is an error. */
  getGroup(group: string): Promise<UserGroup>;
  updateGroup(group: string, change: GroupChange): Promise<UserGroup>;
  addGroupUsers(group: string, users: string[]): Promise<UserGroup>;
  removeGroupUsers(group: string, users: string[]): Promise<UserGroup>;
  deleteGroup(group: string): Promise<void>;
  setDatasetGroupPermission(
    name: string,
    group: string,
    permission: DatasetPermission,
  ): Promise<DatasetGroupPermission>;
  removeDatasetGroupPermission(name: string, group: string): Promise<void>;
  /** The media roots (admins). On the database only the organization's: the server's own are given to `teamset serve`. */
  listMediaRoots(): Promise<MediaRoot[]>;
  /** Replaces the organization's media roots: directories on the server's machine (the database backend's is this one). */
  setMediaRoots(paths: readonly string[]): Promise<MediaRoot[]>;
}
