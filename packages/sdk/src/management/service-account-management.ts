// Service accounts and the organization's key inventory over the JSON API (admins): create, disable, keys, bulk revoke.
import {
  KEY_INVENTORY_ROUTES,
  KEY_ROUTES,
  SERVICE_ACCOUNT_ROUTES,
  type BulkRevokeResult,
  type CreatedApiKey,
  type KeyInventoryPage,
  type KeyInventoryState,
  type ServiceAccount,
  type ServiceAccountRole,
  type UserKind,
} from '@teamset/contract';
import { NotFoundError } from '../errors.js';
import type { HttpClient } from '../http/http-client.js';
import { userRef, type UserLike } from './user-ref.js';

/** A service account by name, id or email, or a ServiceAccount object (its id is used). */
export type ServiceAccountLike = string | Pick<ServiceAccount, 'id'>;

function accountParams(account: ServiceAccountLike): { account: string } {
  const ref = typeof account === 'string' ? account.trim() : account.id;
  if (!ref) throw new TypeError('service account must be a non-empty name, id or email, or a ServiceAccount');
  return { account: ref };
}

export interface ListOrganizationKeysOptions {
  /** Only this user's (or service account's) keys: id, email or User. */
  owner?: UserLike;
  /** Only people's keys, or only service accounts'. */
  ownerKind?: UserKind;
  /** expired; unused (no use for 90 days); expiring within 7 days. */
  state?: KeyInventoryState;
  page?: number;
  pageSize?: number;
}

/** The service-account and key-inventory calls of ManagementClient, over its HTTP client. */
export class ServiceAccountManagement {
  constructor(private readonly http: HttpClient) {}

  /** A non-person user with no password or sign-in, role MEMBER at most; give it keys with `createServiceAccountKey`. */
  async createServiceAccount(name: string, role: ServiceAccountRole): Promise<ServiceAccount> {
    return this.http.call(SERVICE_ACCOUNT_ROUTES.create, {}, { body: { name, role } });
  }

  async listServiceAccounts(): Promise<ServiceAccount[]> {
    return (await this.http.call(SERVICE_ACCOUNT_ROUTES.list, {})).serviceAccounts;
  }

  /** Null when there is no such service account. */
  async getServiceAccount(account: ServiceAccountLike): Promise<ServiceAccount | null> {
    try {
      return await this.http.call(SERVICE_ACCOUNT_ROUTES.get, accountParams(account));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** Its keys are refused at once, on every server. */
  async disableServiceAccount(account: ServiceAccountLike): Promise<ServiceAccount> {
    return this.http.call(SERVICE_ACCOUNT_ROUTES.disable, accountParams(account));
  }

  async enableServiceAccount(account: ServiceAccountLike): Promise<ServiceAccount> {
    return this.http.call(SERVICE_ACCOUNT_ROUTES.enable, accountParams(account));
  }

  /** Its keys, memberships and grants go with it. */
  async deleteServiceAccount(account: ServiceAccountLike): Promise<void> {
    return this.http.call(SERVICE_ACCOUNT_ROUTES.delete, accountParams(account));
  }

  /** A key for the service account (admins), shown once in the answer. */
  async createServiceAccountKey(
    account: ServiceAccountLike,
    keyName: string,
    options: { expiresInSeconds?: number } = {},
  ): Promise<CreatedApiKey> {
    const found = await this.getServiceAccount(account);
    if (!found) throw new NotFoundError(`No service account ${JSON.stringify(accountParams(account).account)}`);
    return this.http.call(
      KEY_ROUTES.create,
      {},
      { body: { name: keyName, user: found.id, expiresInSeconds: options.expiresInSeconds } },
    );
  }

  /** Every key of the organization with its owner (admins), filtered; no secrets. */
  async listOrganizationKeys(options: ListOrganizationKeysOptions = {}): Promise<KeyInventoryPage> {
    return this.http.call(
      KEY_INVENTORY_ROUTES.list,
      {},
      {
        query: {
          owner: options.owner === undefined ? undefined : userRef(options.owner),
          ownerKind: options.ownerKind,
          state: options.state,
          page: options.page,
          pageSize: options.pageSize,
        },
      },
    );
  }

  /** Revokes every named key still live (admins); the answer lists those revoked by this call. */
  async revokeApiKeys(keyIds: readonly string[]): Promise<BulkRevokeResult> {
    return this.http.call(KEY_INVENTORY_ROUTES.bulkRevoke, {}, { body: { keyIds: [...keyIds] } });
  }
}
