// Dataset permissions as the web app shows them: order, labels and what each allows (docs/design.md §2).
import type { DatasetPermission } from '@teamset/contract';

/** Lowest first, like the contract's DATASET_PERMISSIONS; the type check below fails the build if one is missing. */
export const DATASET_PERMISSIONS = [
  'NO_ACCESS',
  'VIEW',
  'TAG',
  'EDIT',
  'MANAGE',
] as const satisfies readonly DatasetPermission[];
const allPermissions: [Exclude<DatasetPermission, (typeof DATASET_PERMISSIONS)[number]>] extends [never]
  ? true
  : false = true;
void allPermissions;

export const PERMISSION_LABELS: Record<DatasetPermission, string> = {
  NO_ACCESS: 'No access',
  VIEW: 'View',
  TAG: 'Tag',
  EDIT: 'Edit',
  MANAGE: 'Manage',
};

export const PERMISSION_DESCRIPTIONS: Record<DatasetPermission, string> = {
  NO_ACCESS: 'Cannot see the dataset',
  VIEW: 'See and export samples',
  TAG: 'View, and tag samples and labels',
  EDIT: 'Tag, and add, edit and delete samples and fields',
  MANAGE: 'Edit, and rename, delete and share the dataset',
};

export const PERMISSION_COLORS: Record<DatasetPermission, string> = {
  NO_ACCESS: 'gray',
  VIEW: 'blue',
  TAG: 'cyan',
  EDIT: 'teal',
  MANAGE: 'grape',
};

export function permissionAtLeast(permission: DatasetPermission, minimum: DatasetPermission): boolean {
  return DATASET_PERMISSIONS.indexOf(permission) >= DATASET_PERMISSIONS.indexOf(minimum);
}

export function permissionOptions(max: DatasetPermission = 'MANAGE', options: { includeNoAccess?: boolean } = {}) {
  return DATASET_PERMISSIONS.filter(
    (p) => ((options.includeNoAccess ?? true) ? true : p !== 'NO_ACCESS') && permissionAtLeast(max, p),
  ).map((p) => ({
    value: p,
    label: PERMISSION_LABELS[p],
  }));
}
