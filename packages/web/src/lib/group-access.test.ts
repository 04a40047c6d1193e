// accessGroups: access beyond what role, default and own grant give is marked as coming through the groups that give it.
import type { DatasetGroupPermission, DatasetUserPermission, Role } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { accessGroups, accessWithoutGroups } from './group-access';

function entry(
  role: Role,
  userPermission: DatasetUserPermission['userPermission'],
  activePermission: DatasetUserPermission['activePermission'],
): DatasetUserPermission {
  return {
    user: { id: `u-${role}`, email: `${role.toLowerCase()}@example.com`, name: role, role },
    userPermission,
    activePermission,
  };
}

const grants: DatasetGroupPermission[] = [
  { group: { id: 'g-edit', name: 'Editors', description: null }, permission: 'EDIT' },
  { group: { id: 'g-view', name: 'Viewers', description: null }, permission: 'VIEW' },
  { group: { id: 'g-hidden', name: 'Hidden', description: null }, permission: 'MANAGE' },
];

describe('accessWithoutGroups', () => {
  it('is the implicit access or the own grant, whichever is higher, capped by the role', () => {
    expect(accessWithoutGroups('ADMIN', 'NO_ACCESS', null)).toBe('MANAGE');
    expect(accessWithoutGroups('MEMBER', 'TAG', 'VIEW')).toBe('TAG');
    expect(accessWithoutGroups('COLLABORATOR', 'EDIT', null)).toBe('NO_ACCESS');
    expect(accessWithoutGroups('COLLABORATOR', 'VIEW', 'MANAGE')).toBe('EDIT');
    expect(accessWithoutGroups('GUEST', 'VIEW', 'EDIT')).toBe('VIEW');
  });
});

describe('accessGroups', () => {
  const members = new Map([
    ['g-edit', new Set(['u-COLLABORATOR', 'u-GUEST'])],
    ['g-view', new Set(['u-COLLABORATOR', 'u-GUEST', 'u-MEMBER'])],
  ]);

  it('names the groups whose grant, capped by the role, is the effective access', () => {
    expect(accessGroups(entry('COLLABORATOR', null, 'EDIT'), 'VIEW', grants, members)).toEqual(['Editors']);
    // A guest in an EDIT group gets VIEW: both groups give exactly that.
    expect(accessGroups(entry('GUEST', null, 'VIEW'), 'VIEW', grants, members)).toEqual(['Editors', 'Viewers']);
  });

  it('is undefined when role, default or own grant already give the access', () => {
    expect(accessGroups(entry('MEMBER', null, 'VIEW'), 'VIEW', grants, members)).toBeUndefined();
    expect(accessGroups(entry('COLLABORATOR', 'EDIT', 'EDIT'), 'NO_ACCESS', grants, members)).toBeUndefined();
    expect(accessGroups(entry('ADMIN', null, 'MANAGE'), 'NO_ACCESS', grants, members)).toBeUndefined();
  });

  it('is an empty list when the access comes through a group whose members the viewer cannot read', () => {
    expect(accessGroups(entry('MEMBER', null, 'MANAGE'), 'VIEW', grants, members)).toEqual([]);
  });
});
