// Table columns for service accounts and the organization's key inventory (never a secret).
import { API_KEY_PREFIX, type KeyInventoryItem, type ServiceAccount } from '@teamset/contract';
import { keyStatus, lastClient, shortTime } from './columns.js';
import type { Column } from './output.js';

export const SERVICE_ACCOUNT_COLUMNS: readonly Column<ServiceAccount>[] = [
  { header: 'ID', value: (a) => a.id },
  { header: 'NAME', value: (a) => a.name },
  { header: 'ROLE', value: (a) => a.role },
  { header: 'KEYS', value: (a) => String(a.keyCount) },
  { header: 'CREATED', value: (a) => shortTime(a.createdAt) },
  { header: 'STATUS', value: (a) => (a.disabledAt === null ? 'enabled' : `disabled ${shortTime(a.disabledAt)}`) },
];

export const KEY_INVENTORY_COLUMNS: readonly Column<KeyInventoryItem>[] = [
  { header: 'ID', value: (i) => i.key.id },
  { header: 'NAME', value: (i) => i.key.name },
  { header: 'KEY', value: (i) => `${API_KEY_PREFIX}${i.key.prefix}…` },
  { header: 'OWNER', value: (i) => (i.owner.kind === 'service' ? `${i.owner.name} (service account)` : i.owner.email) },
  { header: 'CREATED', value: (i) => shortTime(i.key.createdAt) },
  { header: 'LAST USED', value: (i) => shortTime(i.key.lastUsedAt) },
  { header: 'REQUESTS (30D)', value: (i) => String(i.key.usage.requestsLast30Days) },
  { header: 'LAST CLIENT', value: (i) => lastClient(i.key) },
  { header: 'EXPIRES', value: (i) => (i.key.expiresAt === null ? 'never' : shortTime(i.key.expiresAt)) },
  { header: 'STATUS', value: (i) => keyStatus(i.key) },
];
