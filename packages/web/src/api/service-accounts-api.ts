// Service accounts and the organization's key inventory (admins): create, disable, enable, delete; filtered keys, bulk revoke.
import type {
  BulkRevokeResult,
  CreateServiceAccountBody,
  KeyInventoryPage,
  KeyInventoryState,
  ServiceAccount,
  ServiceAccountList,
  UserKind,
} from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export interface KeyInventoryFilter {
  owner?: string;
  ownerKind?: UserKind;
  state?: KeyInventoryState;
  page: number;
  pageSize: number;
}

export const serviceAccountsApi = {
  list: async (): Promise<ServiceAccount[]> =>
    (await http.get<ServiceAccountList>(PATHS.serviceAccounts)).serviceAccounts,
  create: (body: CreateServiceAccountBody) => http.post<ServiceAccount>(PATHS.serviceAccounts, body),
  disable: (account: string) => http.post<ServiceAccount>(fillPath(PATHS.serviceAccountDisable, { account })),
  enable: (account: string) => http.post<ServiceAccount>(fillPath(PATHS.serviceAccountEnable, { account })),
  delete: (account: string) => http.delete(fillPath(PATHS.serviceAccount, { account })),
};

export const keyInventoryApi = {
  list: (filter: KeyInventoryFilter) => http.get<KeyInventoryPage>(PATHS.keyInventory, { ...filter }),
  revoke: (keyIds: string[]) => http.post<BulkRevokeResult>(PATHS.keyBulkRevoke, { keyIds }),
};
