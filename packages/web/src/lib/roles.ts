// Roles as the web app shows them: order, labels, what each may do (docs/design.md §2), mirrored from the contract's types.
import type { DatasetPermission, Role } from '@teamset/contract';

/** Lowest first, like the contract's ROLES; the type check below fails the build if a role is missing. */
export const ROLES = ['GUEST', 'COLLABORATOR', 'MEMBER', 'ADMIN'] as const satisfies readonly Role[];
const allRoles: [Exclude<Role, (typeof ROLES)[number]>] extends [never] ? true : false = true;
void allRoles;

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Admin',
  MEMBER: 'Member',
  COLLABORATOR: 'Collaborator',
  GUEST: 'Guest',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  ADMIN: 'Manages the team, settings and every dataset',
  MEMBER: 'Creates datasets; gets each dataset’s default access',
  COLLABORATOR: 'Works on datasets shared with them; can use API keys',
  GUEST: 'Views datasets shared with them; no API keys',
};

export const ROLE_COLORS: Record<Role, string> = {
  ADMIN: 'grape',
  MEMBER: 'blue',
  COLLABORATOR: 'teal',
  GUEST: 'gray',
};

/** The highest dataset permission a role can hold, whatever is granted. */
export const ROLE_PERMISSION_CAP: Record<Role, DatasetPermission> = {
  ADMIN: 'MANAGE',
  MEMBER: 'MANAGE',
  COLLABORATOR: 'EDIT',
  GUEST: 'VIEW',
};

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

export function canUseApiKeys(role: Role): boolean {
  return roleAtLeast(role, 'COLLABORATOR');
}

export function canCreateDatasets(role: Role): boolean {
  return roleAtLeast(role, 'MEMBER');
}

export const ROLE_OPTIONS = [...ROLES].reverse().map((role) => ({ value: role, label: ROLE_LABELS[role] }));
