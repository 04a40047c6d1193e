// Service accounts (admins) and the organization's key inventory with bulk revocation (admins).
import { ErrorBody } from '../errors/error-codes.js';
import { BulkRevokeKeysBody, BulkRevokeResult, KeyInventoryPage, KeyInventoryQuery } from '../schemas/key-inventory.js';
import {
  CreateServiceAccountBody,
  ServiceAccount,
  ServiceAccountList,
  ServiceAccountParams,
} from '../schemas/service-accounts.js';
import { PATHS } from '../routes.js';
import { defineRoute, NoContent } from './route-definition.js';

const admin = { kind: 'role', role: 'ADMIN' } as const;
/** A change to identity or keys: refused to a read-only-management key as well. */
const adminChange = { ...admin, manages: true } as const;

export const SERVICE_ACCOUNT_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: PATHS.serviceAccounts,
    tags: ['service accounts'],
    access: admin,
    summary: 'List service accounts (admin)',
    response: { 200: ServiceAccountList },
  }),
  create: defineRoute({
    method: 'POST',
    path: PATHS.serviceAccounts,
    tags: ['service accounts'],
    access: adminChange,
    summary: 'Create a service account: a non-person user with no password or sign-in (admin)',
    body: CreateServiceAccountBody,
    response: { 201: ServiceAccount, 409: ErrorBody },
  }),
  get: defineRoute({
    method: 'GET',
    path: PATHS.serviceAccount,
    tags: ['service accounts'],
    access: admin,
    summary: 'Get a service account by name, id or email (admin)',
    params: ServiceAccountParams,
    response: { 200: ServiceAccount },
  }),
  disable: defineRoute({
    method: 'POST',
    path: PATHS.serviceAccountDisable,
    tags: ['service accounts'],
    access: adminChange,
    summary: 'Disable a service account: its keys are refused at once on every server (admin)',
    params: ServiceAccountParams,
    response: { 200: ServiceAccount },
  }),
  enable: defineRoute({
    method: 'POST',
    path: PATHS.serviceAccountEnable,
    tags: ['service accounts'],
    access: adminChange,
    summary: 'Enable a disabled service account: its keys work again (admin)',
    params: ServiceAccountParams,
    response: { 200: ServiceAccount },
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: PATHS.serviceAccount,
    tags: ['service accounts'],
    access: adminChange,
    summary: 'Delete a service account with its keys, memberships and grants (admin)',
    params: ServiceAccountParams,
    response: { 204: NoContent },
  }),
} as const;

export const KEY_INVENTORY_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: PATHS.keyInventory,
    tags: ['api keys'],
    access: admin,
    summary: 'Every API key of the organization with its owner, filtered (admin); no secrets',
    querystring: KeyInventoryQuery,
    response: { 200: KeyInventoryPage },
  }),
  bulkRevoke: defineRoute({
    method: 'POST',
    path: PATHS.keyBulkRevoke,
    tags: ['api keys'],
    access: adminChange,
    summary: 'Revoke many API keys at once (admin); each is refused at once on every server',
    body: BulkRevokeKeysBody,
    response: { 200: BulkRevokeResult },
  }),
} as const;
