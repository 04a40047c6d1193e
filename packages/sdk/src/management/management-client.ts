// ManagementClient: FiftyOne's management functions (camelCase) over one API connection, acting as its key's user.
import {
  AUTH_ROUTES,
  DATASET_PERMISSION_ROUTES,
  DATASET_ROUTES,
  INVITATION_ROUTES,
  KEY_ROUTES,
  ORGANIZATION_ROUTES,
  USER_ROUTES,
  type ApiKey,
  type CreatedApiKey,
  type CreatedInvitation,
  type CreateDatasetBody,
  type Dataset,
  type DatasetGroupPermission,
  type DatasetPage,
  type DatasetSortKey,
  type SortOrder,
  type DatasetPermission,
  type DatasetPermissionInvitation,
  type DatasetPermissionList,
  type DatasetUserPermission,
  type GroupDatasetPermissionList,
  type Invitation,
  type MediaRoot,
  type OrganizationSettings,
  type PermissionUser,
  type Role,
  type UpdateOrganizationSettingsBody,
  type User,
  type UserGroup,
  type UserDatasetPermissionList,
  type UserPage,
  type KeyScopePermission,
  type WhoAmI,
} from '@teamset/contract';
import { ApiConnection, type ApiConnectionSettings } from '../connection/api-connection.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { datasetRef, type DatasetLike } from './dataset-ref.js';
import {
  GroupManagement,
  type CreateUserGroupOptions,
  type ListUserGroupsOptions,
  type UpdateUserGroupOptions,
  type UserGroupLike,
} from './group-management.js';
import { userRef, type UserLike } from './user-ref.js';

export interface ListUsersOptions {
  /** Substring of email or name. */
  search?: string;
  page?: number;
  pageSize?: number;
}

export interface GenerateApiKeyOptions {
  /** The key stops working this many seconds after creation; no expiry when omitted. */
  expiresInSeconds?: number;
  /** The highest dataset permission the key carries, whatever its user holds (VIEW, TAG or EDIT). */
  maxPermission?: KeyScopePermission;
  /** Names of the only datasets the key reaches (kept by id through renames); others answer 404 to it. */
  datasets?: string[];
  /** The key may read but not change keys, users, groups, permissions, invitations or settings. */
  readOnlyManagement?: boolean;
}

export interface RotateApiKeyOptions {
  /** How long the old secret keeps working: default a day; 0 stops it at once. */
  graceSeconds?: number;
}

export interface ListDatasetsOptions {
  /** Substring of the name (case-insensitive). */
  search?: string;
  page?: number;
  pageSize?: number;
  /** name (default), sampleCount or lastModifiedAt; ties go by name. */
  sort?: DatasetSortKey;
  order?: SortOrder;
}

/** How sendUserInvitation treats an email that already has a pending invitation. */
export interface SendInvitationOptions {
  /** Replace it (default, FiftyOne's behaviour); false refuses with INVITATION_PENDING. */
  replace?: boolean;
}

export class ManagementClient {
  readonly connection: ApiConnection;

  constructor(target: ApiConnection | ApiConnectionSettings) {
    this.connection = target instanceof ApiConnection ? target : new ApiConnection(target);
  }

  private get http() {
    return this.connection.http;
  }

  private get groups(): GroupManagement {
    return new GroupManagement(this.http);
  }

  /** The key's user, how it authenticated and which key it used. */
  async whoami(): Promise<WhoAmI> {
    return this.http.call(AUTH_ROUTES.whoami, {});
  }

  /** Like FiftyOne's get_user: null when no such user exists (admins may look up anyone, others only themselves). */
  async getUser(user: UserLike): Promise<User | null> {
    try {
      return await this.http.call(USER_ROUTES.get, { user: userRef(user) });
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async listUsers(options: ListUsersOptions = {}): Promise<UserPage> {
    return this.http.call(
      USER_ROUTES.list,
      {},
      {
        query: { search: options.search, page: options.page, pageSize: options.pageSize },
      },
    );
  }

  async setUserRole(user: UserLike, role: Role): Promise<User> {
    return this.http.call(USER_ROUTES.setRole, { user: userRef(user) }, { body: { role } });
  }

  /** Their keys and sessions are deleted with them. */
  async deleteUser(user: UserLike): Promise<void> {
    return this.http.call(USER_ROUTES.delete, { user: userRef(user) });
  }

  /**
   * Returns the invitation and its single-use URL; hand the URL to the invitee (it is not retrievable later).
   * As in FiftyOne, a pending invitation for the email is replaced (its link stops working); with
   * `{ replace: false }` it is a ConflictError with code INVITATION_PENDING and `details.pending` instead.
   */
  async sendUserInvitation(
    email: string,
    role?: Role,
    options: SendInvitationOptions = {},
  ): Promise<CreatedInvitation> {
    return this.http.call(INVITATION_ROUTES.create, {}, { body: { email, role, replace: options.replace ?? true } });
  }

  async listPendingInvitations(): Promise<Invitation[]> {
    return (await this.http.call(INVITATION_ROUTES.list, {})).invitations;
  }

  async deleteUserInvitation(invitationId: string): Promise<void> {
    return this.http.call(INVITATION_ROUTES.revoke, { id: invitationId });
  }

  /** The key and its record. The plaintext key is in this answer only; it cannot be fetched again. */
  async createApiKey(keyName: string, user?: UserLike, options: GenerateApiKeyOptions = {}): Promise<CreatedApiKey> {
    return this.http.call(
      KEY_ROUTES.create,
      {},
      {
        body: {
          name: keyName,
          user: user === undefined ? undefined : userRef(user),
          expiresInSeconds: options.expiresInSeconds,
          maxPermission: options.maxPermission,
          datasets: options.datasets,
          readOnlyManagement: options.readOnlyManagement,
        },
      },
    );
  }

  /** FiftyOne's generate_api_key: the key string, for yourself or (admins) for another user. */
  async generateApiKey(keyName: string, user?: UserLike, options: GenerateApiKeyOptions = {}): Promise<string> {
    return (await this.createApiKey(keyName, user, options)).key;
  }

  /** Key records without secrets: id, name, display prefix, dates, scope. Yours unless an admin names a user. */
  async listApiKeys(user?: UserLike): Promise<ApiKey[]> {
    const query = { user: user === undefined ? undefined : userRef(user) };
    return (await this.http.call(KEY_ROUTES.list, {}, { query })).keys;
  }

  /**
   * Deletes (revokes) a key. With `user`, first checks that the key is that user's, so a mistyped id
   * cannot revoke someone else's key.
   */
  async deleteApiKey(keyId: string, user?: UserLike): Promise<void> {
    if (user !== undefined) {
      const keys = await this.listApiKeys(user);
      if (!keys.some((key) => key.id === keyId))
        throw new NotFoundError(`User ${userRef(user)} has no API key with id ${keyId}`);
    }
    await this.http.call(KEY_ROUTES.delete, { keyId });
  }

  /**
   * A new secret for the key (same id, name and expiry), in this answer only. The old secret keeps working until
   * the grace ends; `listApiKeys` shows it under `previousSecrets` with that time.
   */
  async rotateApiKey(keyId: string, options: RotateApiKeyOptions = {}): Promise<CreatedApiKey> {
    return this.http.call(KEY_ROUTES.rotate, { keyId }, { body: { graceSeconds: options.graceSeconds } });
  }

  async getOrganizationSettings(): Promise<OrganizationSettings> {
    return this.http.call(ORGANIZATION_ROUTES.settings, {});
  }

  /** Changes only the settings given. */
  async setOrganizationSettings(settings: UpdateOrganizationSettingsBody): Promise<OrganizationSettings> {
    return this.http.call(ORGANIZATION_ROUTES.updateSettings, {}, { body: settings });
  }

  /**
   * Directories the server serves sample media from (admins): the organization's, which setMediaRoots
   * changes, and the server's own (`teamset serve --media-root`, `source: 'server'`, read-only here).
   */
  async listMediaRoots(): Promise<MediaRoot[]> {
    return (await this.http.call(ORGANIZATION_ROUTES.mediaRoots, {})).roots;
  }

  /**
   * Replaces the organization's media roots (admins): absolute paths of existing directories on the server's
   * machine, each checked and stored as its realpath there. All or nothing; the answer is listMediaRoots'.
   */
  async setMediaRoots(paths: readonly string[]): Promise<MediaRoot[]> {
    return (await this.http.call(ORGANIZATION_ROUTES.replaceMediaRoots, {}, { body: { roots: [...paths] } })).roots;
  }

  /** The datasets you can see, a page at a time, each with your effective permission on it. */
  async listDatasetRecords(options: ListDatasetsOptions = {}): Promise<DatasetPage> {
    return this.http.call(
      DATASET_ROUTES.list,
      {},
      {
        query: {
          search: options.search,
          page: options.page,
          pageSize: options.pageSize,
          sort: options.sort,
          order: options.order,
        },
      },
    );
  }

  /** The dataset's record (no samples); NotFoundError when it does not exist or you cannot see it. */
  async getDatasetRecord(dataset: DatasetLike): Promise<Dataset> {
    return this.http.call(DATASET_ROUTES.get, datasetParams(dataset));
  }

  /** Creates an empty dataset (members and admins); you get MANAGE on it. */
  async createDatasetRecord(input: CreateDatasetBody): Promise<Dataset> {
    return this.http.call(DATASET_ROUTES.create, {}, { body: input });
  }

  /** Needs MANAGE. */
  async renameDataset(dataset: DatasetLike, newName: string): Promise<Dataset> {
    return this.http.call(DATASET_ROUTES.update, datasetParams(dataset), { body: { name: newName } });
  }

  /** Deletes the dataset and every grant on it (MANAGE). */
  async deleteDatasetRecord(dataset: DatasetLike): Promise<void> {
    return this.http.call(DATASET_ROUTES.delete, datasetParams(dataset));
  }

  /** Everyone with access to the dataset (through the default, own grants or groups), the group grants and the default permission (MANAGE). */
  async getPermissionsForDataset(dataset: DatasetLike): Promise<DatasetPermissionList> {
    return this.http.call(DATASET_PERMISSION_ROUTES.list, datasetParams(dataset));
  }

  /** One user's grant and effective permission on the dataset (MANAGE, or your own). */
  async getPermissionsForDatasetUser(dataset: DatasetLike, user: UserLike): Promise<DatasetUserPermission> {
    return this.http.call(DATASET_PERMISSION_ROUTES.getUser, datasetUserParams(dataset, user));
  }

  /** Every dataset the user can see, with their grant and effective permission (admins, or yourself). */
  async getPermissionsForUser(user: UserLike): Promise<UserDatasetPermissionList> {
    return this.http.call(DATASET_PERMISSION_ROUTES.forUser, { user: userRef(user) });
  }

  /** The permission members get without an explicit grant (MANAGE). Returns the updated dataset. */
  async setDatasetDefaultPermission(dataset: DatasetLike, permission: DatasetPermission): Promise<Dataset> {
    return this.http.call(DATASET_PERMISSION_ROUTES.setDefault, datasetParams(dataset), { body: { permission } });
  }

  /** Grants a user a permission, up to their role's cap (MANAGE). The user must already exist. */
  /**
   * Grants `permission` (up to the user's role cap; MANAGE on the dataset needed). With `{invite: true}` an
   * email that has no account is invited (admins only) and gets the permission on acceptance: the answer is
   * then the invitation, with its link (null when an invitation was already pending). Without `invite`, an
   * unknown email is a NotFoundError that says so.
   */
  async setDatasetUserPermission(
    dataset: DatasetLike,
    user: UserLike,
    permission: DatasetPermission,
  ): Promise<DatasetUserPermission>;
  async setDatasetUserPermission(
    dataset: DatasetLike,
    user: UserLike,
    permission: DatasetPermission,
    options: { invite?: boolean },
  ): Promise<DatasetUserPermission | DatasetPermissionInvitation>;
  async setDatasetUserPermission(
    dataset: DatasetLike,
    user: UserLike,
    permission: DatasetPermission,
    options: { invite?: boolean } = {},
  ): Promise<DatasetUserPermission | DatasetPermissionInvitation> {
    return this.http.call(DATASET_PERMISSION_ROUTES.setUser, datasetUserParams(dataset, user), {
      body: { permission, ...(options.invite ? { invite: true } : {}) },
    });
  }

  /** Removes the user's explicit grant; they keep whatever their role and the default permission give (MANAGE). */
  async deleteDatasetUserPermission(dataset: DatasetLike, user: UserLike): Promise<void> {
    return this.http.call(DATASET_PERMISSION_ROUTES.removeUser, datasetUserParams(dataset, user));
  }

  /**
   * FiftyOne's get_dataset_creator: null when the dataset records no creator (or they were deleted).
   * Looks the creator up as a user (admins, or yourself), else through the dataset's permissions (MANAGE).
   */
  async getDatasetCreator(dataset: DatasetLike): Promise<PermissionUser | null> {
    const { createdBy } = await this.getDatasetRecord(dataset);
    if (createdBy === null) return null;
    try {
      const user = await this.getUser(createdBy);
      return user === null ? null : { id: user.id, email: user.email, name: user.name, role: user.role };
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
    }
    try {
      return (await this.getPermissionsForDatasetUser(dataset, createdBy)).user;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  // User groups (FiftyOne's user_groups and group permission functions); see GroupManagement.

  async createUserGroup(name: string, options?: CreateUserGroupOptions): Promise<UserGroup> {
    return this.groups.createUserGroup(name, options);
  }

  async getUserGroup(group: UserGroupLike): Promise<UserGroup | null> {
    return this.groups.getUserGroup(group);
  }

  async listUserGroups(options?: ListUserGroupsOptions): Promise<UserGroup[]> {
    return this.groups.listUserGroups(options);
  }

  async listUserGroupsForUser(user: UserLike): Promise<UserGroup[]> {
    return this.groups.listUserGroupsForUser(user);
  }

  async updateUserGroup(group: UserGroupLike, options: UpdateUserGroupOptions): Promise<UserGroup> {
    return this.groups.updateUserGroup(group, options);
  }

  async addUsersToGroup(group: UserGroupLike, users: UserLike | readonly UserLike[]): Promise<UserGroup> {
    return this.groups.addUsersToGroup(group, users);
  }

  async removeUsersFromGroup(group: UserGroupLike, users: UserLike | readonly UserLike[]): Promise<UserGroup> {
    return this.groups.removeUsersFromGroup(group, users);
  }

  async deleteUserGroup(group: UserGroupLike): Promise<void> {
    return this.groups.deleteUserGroup(group);
  }

  async setDatasetUserGroupPermission(
    dataset: DatasetLike,
    group: UserGroupLike,
    permission: DatasetPermission,
  ): Promise<DatasetGroupPermission> {
    return this.groups.setDatasetUserGroupPermission(dataset, group, permission);
  }

  async removeDatasetUserGroupPermission(dataset: DatasetLike, group: UserGroupLike): Promise<void> {
    return this.groups.removeDatasetUserGroupPermission(dataset, group);
  }

  async getPermissionsForDatasetUserGroup(dataset: DatasetLike, group: UserGroupLike): Promise<DatasetPermission> {
    return this.groups.getPermissionsForDatasetUserGroup(dataset, group);
  }

  async getPermissionsForUserGroup(group: UserGroupLike): Promise<GroupDatasetPermissionList> {
    return this.groups.getPermissionsForUserGroup(group);
  }
}

function datasetParams(dataset: DatasetLike): { name: string } {
  return { name: datasetRef(dataset) };
}

function datasetUserParams(dataset: DatasetLike, user: UserLike): { name: string; user: string } {
  return { name: datasetRef(dataset), user: userRef(user) };
}
