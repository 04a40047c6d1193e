// ManagementClient: FiftyOne's management functions (camelCase) over one API connection, acting as its key's user.
import {
  fillPath,
  PATHS,
  type ApiKey,
  type ApiKeyList,
  type CreatedApiKey,
  type CreatedInvitation,
  type Invitation,
  type InvitationList,
  type OrganizationSettings,
  type Role,
  type UpdateOrganizationSettingsBody,
  type User,
  type UserPage,
  type WhoAmI,
} from '@teamset/contract';
import { ApiConnection, type ApiConnectionSettings } from '../connection/api-connection.js';
import { NotFoundError } from '../errors.js';
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
}

export class ManagementClient {
  readonly connection: ApiConnection;

  constructor(target: ApiConnection | ApiConnectionSettings) {
    this.connection = target instanceof ApiConnection ? target : new ApiConnection(target);
  }

  private get http() {
    return this.connection.http;
  }

  /** The key's user, how it authenticated and which key it used. */
  async whoami(): Promise<WhoAmI> {
    return this.http.get<WhoAmI>(PATHS.whoami);
  }

  /** Like FiftyOne's get_user: null when no such user exists (admins may look up anyone, others only themselves). */
  async getUser(user: UserLike): Promise<User | null> {
    try {
      return await this.http.get<User>(fillPath(PATHS.user, { user: userRef(user) }));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async listUsers(options: ListUsersOptions = {}): Promise<UserPage> {
    return this.http.get<UserPage>(PATHS.users, { search: options.search, page: options.page, pageSize: options.pageSize });
  }

  async setUserRole(user: UserLike, role: Role): Promise<User> {
    return this.http.put<User>(fillPath(PATHS.userRole, { user: userRef(user) }), { role });
  }

  /** Their keys and sessions are deleted with them. */
  async deleteUser(user: UserLike): Promise<void> {
    return this.http.delete(fillPath(PATHS.user, { user: userRef(user) }));
  }

  /** Returns the invitation and its single-use URL; hand the URL to the invitee (it is not retrievable later). */
  async sendUserInvitation(email: string, role?: Role): Promise<CreatedInvitation> {
    return this.http.post<CreatedInvitation>(PATHS.invitations, { email, role });
  }

  async listPendingInvitations(): Promise<Invitation[]> {
    return (await this.http.get<InvitationList>(PATHS.invitations)).invitations;
  }

  async deleteUserInvitation(invitationId: string): Promise<void> {
    return this.http.delete(fillPath(PATHS.invitation, { id: invitationId }));
  }

  /** The key and its record. The plaintext key is in this answer only; it cannot be fetched again. */
  async createApiKey(keyName: string, user?: UserLike, options: GenerateApiKeyOptions = {}): Promise<CreatedApiKey> {
    return this.http.post<CreatedApiKey>(PATHS.keys, {
      name: keyName,
      user: user === undefined ? undefined : userRef(user),
      expiresInSeconds: options.expiresInSeconds,
    });
  }

  /** FiftyOne's generate_api_key: the key string, for yourself or (admins) for another user. */
  async generateApiKey(keyName: string, user?: UserLike, options: GenerateApiKeyOptions = {}): Promise<string> {
    return (await this.createApiKey(keyName, user, options)).key;
  }

  /** Key records without secrets: id, name, display prefix, dates. Yours unless an admin names a user. */
  async listApiKeys(user?: UserLike): Promise<ApiKey[]> {
    const query = { user: user === undefined ? undefined : userRef(user) };
    return (await this.http.get<ApiKeyList>(PATHS.keys, query)).keys;
  }

  /**
   * Deletes (revokes) a key. With `user`, first checks that the key is that user's, so a mistyped id
   * cannot revoke someone else's key.
   */
  async deleteApiKey(keyId: string, user?: UserLike): Promise<void> {
    if (user !== undefined) {
      const keys = await this.listApiKeys(user);
      if (!keys.some((key) => key.id === keyId)) throw new NotFoundError(`User ${userRef(user)} has no API key with id ${keyId}`);
    }
    await this.http.delete(fillPath(PATHS.key, { keyId }));
  }

  async getOrganizationSettings(): Promise<OrganizationSettings> {
    return this.http.get<OrganizationSettings>(PATHS.organizationSettings);
  }

  /** Changes only the settings given. */
  async setOrganizationSettings(settings: UpdateOrganizationSettingsBody): Promise<OrganizationSettings> {
    return this.http.patch<OrganizationSettings>(PATHS.organizationSettings, settings);
  }
}
