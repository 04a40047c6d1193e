// Roles as the web app shows them: labels, descriptions, colours and the choices of a role picker (docs/design.md §2).
import type { Role } from '@teamset/contract';
import { ROLES, roleAtLeast } from '@teamset/contract/constants';

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

export function canCreateDatasets(role: Role): boolean {
  return roleAtLeast(role, 'MEMBER');
}

/** Highest first, as a picker lists them. */
export const ROLE_OPTIONS = [...ROLES].reverse().map((role) => ({ value: role, label: ROLE_LABELS[role] }));
