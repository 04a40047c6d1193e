// Table columns for the records the CLI shows: users, API keys (never a secret), invitations, datasets and their user and group permissions.
import {
  API_KEY_PREFIX,
  type ApiKey,
  type ApiKeyScope,
  type Dataset,
  type DatasetGroupPermission,
  type DatasetUserPermission,
  type Invitation,
  type User,
} from '@teamset/contract';
import type { Column } from './output.js';

/** ISO timestamps cut to the minute: the seconds only add noise in a table. Times are UTC. */
export function shortTime(iso: string | null): string {
  if (iso === null) return '—';
  return `${iso.slice(0, 16).replace('T', ' ')}Z`;
}

export const USER_COLUMNS: readonly Column<User>[] = [
  { header: 'ID', value: (u) => u.id },
  { header: 'EMAIL', value: (u) => u.email },
  { header: 'NAME', value: (u) => u.name },
  { header: 'ROLE', value: (u) => u.role },
  { header: 'CREATED', value: (u) => shortTime(u.createdAt) },
];

/** People read emails, not user ids: `emails` maps the ids to show; an id without one is shown as it is. */
/** A key's scope in a few words: "full" for an unscoped key, else each limit, e.g. "max VIEW; datasets birds, cars". */
export function describeKeyScope(scope: ApiKeyScope): string {
  const parts: string[] = [];
  if (scope.maxPermission !== null) parts.push(`max ${scope.maxPermission}`);
  if (scope.datasets !== null)
    parts.push(
      scope.datasets.length === 0
        ? 'no datasets (all deleted)'
        : `datasets ${scope.datasets.map((d) => d.name).join(', ')}`,
    );
  if (scope.readOnlyManagement) parts.push('read-only management');
  return parts.length === 0 ? 'full' : parts.join('; ');
}

export const keyColumns = (emails: ReadonlyMap<string, string>): readonly Column<ApiKey>[] => [
  { header: 'ID', value: (k) => k.id },
  { header: 'NAME', value: (k) => k.name },
  { header: 'KEY', value: (k) => `${API_KEY_PREFIX}${k.prefix}…` },
  { header: 'USER', value: (k) => emails.get(k.userId) ?? k.userId },
  { header: 'CREATED', value: (k) => shortTime(k.createdAt) },
  { header: 'LAST USED', value: (k) => shortTime(k.lastUsedAt) },
  { header: 'EXPIRES', value: (k) => (k.expiresAt === null ? 'never' : shortTime(k.expiresAt)) },
  { header: 'SCOPE', value: (k) => describeKeyScope(k.scope) },
  {
    header: 'OLD SECRETS',
    value: (k) =>
      k.previousSecrets.length === 0
        ? '—'
        : k.previousSecrets.map((p) => `${API_KEY_PREFIX}${p.prefix}… until ${shortTime(p.graceEndsAt)}`).join(', '),
  },
  {
    header: 'STATUS',
    value: (k) => (k.revokedAt === null ? 'active' : `revoked ${shortTime(k.revokedAt)}: ${k.revokedReason ?? ''}`),
  },
];

export const INVITATION_COLUMNS: readonly Column<Invitation>[] = [
  { header: 'ID', value: (i) => i.id },
  { header: 'EMAIL', value: (i) => i.email },
  { header: 'ROLE', value: (i) => i.role },
  { header: 'INVITED BY', value: (i) => i.invitedBy ?? '—' },
  { header: 'CREATED', value: (i) => shortTime(i.createdAt) },
  { header: 'EXPIRES', value: (i) => shortTime(i.expiresAt) },
];

export const DATASET_COLUMNS: readonly Column<Dataset>[] = [
  { header: 'NAME', value: (d) => d.name },
  { header: 'MEDIA TYPE', value: (d) => d.mediaType },
  { header: 'TAGS', value: (d) => d.tags.join(', ') },
  { header: 'YOUR PERMISSION', value: (d) => d.permission },
  { header: 'DEFAULT', value: (d) => d.defaultPermission },
  { header: 'CREATED', value: (d) => shortTime(d.createdAt) },
  { header: 'MODIFIED', value: (d) => shortTime(d.lastModifiedAt) },
];

/** One dataset as field/value rows, for `datasets info` and the commands that change a dataset. */
export function datasetFields(dataset: Dataset, createdByEmail?: string): Array<readonly [string, string]> {
  return [
    ['Name', dataset.name],
    ['ID', dataset.id],
    ['Slug', dataset.slug],
    ['Media type', dataset.mediaType],
    ['Tags', dataset.tags.length === 0 ? '—' : dataset.tags.join(', ')],
    ['Description', dataset.description ?? '—'],
    ['Created', shortTime(dataset.createdAt)],
    ['Created by', createdByEmail ?? dataset.createdBy ?? '—'],
    ['Last modified', shortTime(dataset.lastModifiedAt)],
    ['Default permission', dataset.defaultPermission],
    ['Your permission', dataset.permission],
  ];
}

export const DATASET_PERMISSION_COLUMNS: readonly Column<DatasetUserPermission>[] = [
  { header: 'USER ID', value: (p) => p.user.id },
  { header: 'EMAIL', value: (p) => p.user.email },
  { header: 'NAME', value: (p) => p.user.name },
  { header: 'ROLE', value: (p) => p.user.role },
  { header: 'GRANT', value: (p) => p.userPermission ?? '—' },
  { header: 'ACTIVE', value: (p) => p.activePermission },
];

/** A user group's grant on a dataset; its members' effective permissions are in the users table. */
export const DATASET_GROUP_PERMISSION_COLUMNS: readonly Column<DatasetGroupPermission>[] = [
  { header: 'GROUP ID', value: (p) => p.group.id },
  { header: 'GROUP', value: (p) => p.group.name },
  { header: 'DESCRIPTION', value: (p) => p.group.description ?? '—' },
  { header: 'GRANT', value: (p) => p.permission },
];
