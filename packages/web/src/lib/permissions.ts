// Dataset permissions as the web app shows them: labels, colours, what each allows and a picker's choices (docs/design.md §2).
import type { DatasetPermission } from '@teamset/contract';
import { DATASET_PERMISSIONS, permissionAtLeast } from '@teamset/contract/constants';

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

export function permissionOptions(max: DatasetPermission = 'MANAGE', options: { includeNoAccess?: boolean } = {}) {
  return DATASET_PERMISSIONS.filter(
    (p) => ((options.includeNoAccess ?? true) ? true : p !== 'NO_ACCESS') && permissionAtLeast(max, p),
  ).map((p) => ({
    value: p,
    label: PERMISSION_LABELS[p],
  }));
}
