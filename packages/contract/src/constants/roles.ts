// User roles and dataset permissions: closed, ordered sets and the rules that compare them (docs/design.md §2).

export const ROLES = ['GUEST', 'COLLABORATOR', 'MEMBER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const DATASET_PERMISSIONS = ['NO_ACCESS', 'VIEW', 'TAG', 'EDIT', 'MANAGE'] as const;
export type DatasetPermission = (typeof DATASET_PERMISSIONS)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isDatasetPermission(value: unknown): value is DatasetPermission {
  return typeof value === 'string' && (DATASET_PERMISSIONS as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

export function permissionRank(permission: DatasetPermission): number {
  return DATASET_PERMISSIONS.indexOf(permission);
}

export function permissionAtLeast(permission: DatasetPermission, minimum: DatasetPermission): boolean {
  return permissionRank(permission) >= permissionRank(minimum);
}

/** The highest dataset permission a role can hold, whatever is granted (docs/design.md §2). */
export const ROLE_PERMISSION_CAP: Record<Role, DatasetPermission> = {
  ADMIN: 'MANAGE',
  MEMBER: 'MANAGE',
  COLLABORATOR: 'EDIT',
  GUEST: 'VIEW',
};

/** Lowest role that may create and use its own API keys. */
export const MIN_API_KEY_ROLE: Role = 'COLLABORATOR';

export function canUseApiKeys(role: Role): boolean {
  return roleAtLeast(role, MIN_API_KEY_ROLE);
}

/** The dataset permissions a key may be limited to (a key capped at MANAGE would be no cap; NO_ACCESS, no key). */
export const KEY_SCOPE_PERMISSIONS = ['VIEW', 'TAG', 'EDIT'] as const;
export type KeyScopePermission = (typeof KEY_SCOPE_PERMISSIONS)[number];

export function isKeyScopePermission(value: unknown): value is KeyScopePermission {
  return typeof value === 'string' && (KEY_SCOPE_PERMISSIONS as readonly string[]).includes(value);
}
