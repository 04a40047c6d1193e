// The permission rules against an oracle written from docs/design.md §2's tables, over every role, default, grant and group grant.
import { DATASET_PERMISSIONS, ROLES, type DatasetPermission, type Role } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.js';
import {
  effectivePermission,
  grantablePermissions,
  implicitPermission,
  requireDatasetPermission,
} from './effective-permission.js';

/** Ranks written out by hand, not taken from the code under test. */
const RANK: Record<DatasetPermission, number> = { NO_ACCESS: 0, VIEW: 1, TAG: 2, EDIT: 3, MANAGE: 4 };
const CAP: Record<Role, DatasetPermission> = { ADMIN: 'MANAGE', MEMBER: 'MANAGE', COLLABORATOR: 'EDIT', GUEST: 'VIEW' };
const byRank = (rank: number): DatasetPermission =>
  (Object.keys(RANK) as DatasetPermission[]).find((p) => RANK[p] === rank) ?? 'NO_ACCESS';

function oracle(
  role: Role,
  datasetDefault: DatasetPermission,
  userGrant: DatasetPermission | undefined,
  groupGrants: DatasetPermission[],
): DatasetPermission {
  const implicit = role === 'ADMIN' ? 4 : role === 'MEMBER' ? RANK[datasetDefault] : 0;
  const best = Math.max(implicit, userGrant ? RANK[userGrant] : 0, ...groupGrants.map((g) => RANK[g]));
  return byRank(Math.min(RANK[CAP[role]], best));
}

describe('effectivePermission', () => {
  it('matches the docs/design.md §2 oracle for every role × default × user grant × group grants', () => {
    const grants: (DatasetPermission | undefined)[] = [undefined, ...DATASET_PERMISSIONS];
    const groupSets: DatasetPermission[][] = [[], ['VIEW'], ['EDIT'], ['TAG', 'MANAGE'], ['NO_ACCESS']];
    let cells = 0;
    for (const role of ROLES)
      for (const datasetDefault of DATASET_PERMISSIONS)
        for (const userGrant of grants)
          for (const groupGrants of groupSets) {
            const expected = oracle(role, datasetDefault, userGrant, groupGrants);
            expect(
              effectivePermission({ role, datasetDefault, ...(userGrant ? { userGrant } : {}), groupGrants }),
              JSON.stringify({ role, datasetDefault, userGrant, groupGrants }),
            ).toBe(expected);
            cells++;
          }
    expect(cells).toBe(4 * 5 * 6 * 5);
  });

  it('spells out the cases docs/design.md §2 names', () => {
    expect(effectivePermission({ role: 'GUEST', datasetDefault: 'MANAGE', groupGrants: ['EDIT'] })).toBe('VIEW');
    expect(effectivePermission({ role: 'COLLABORATOR', datasetDefault: 'MANAGE' })).toBe('NO_ACCESS');
    expect(effectivePermission({ role: 'COLLABORATOR', datasetDefault: 'NO_ACCESS', userGrant: 'MANAGE' })).toBe(
      'EDIT',
    );
    expect(effectivePermission({ role: 'MEMBER', datasetDefault: 'TAG' })).toBe('TAG');
    expect(effectivePermission({ role: 'MEMBER', datasetDefault: 'TAG', userGrant: 'MANAGE' })).toBe('MANAGE');
    expect(effectivePermission({ role: 'ADMIN', datasetDefault: 'NO_ACCESS' })).toBe('MANAGE');
    expect(implicitPermission('GUEST', 'MANAGE')).toBe('NO_ACCESS');
  });

  it('takes the highest of the default, the own grant and every group grant, capped by the role', () => {
    expect(effectivePermission({ role: 'COLLABORATOR', datasetDefault: 'NO_ACCESS', groupGrants: ['MANAGE'] })).toBe(
      'EDIT',
    );
    expect(effectivePermission({ role: 'MEMBER', datasetDefault: 'TAG', groupGrants: ['VIEW'] })).toBe('TAG');
    expect(effectivePermission({ role: 'MEMBER', datasetDefault: 'VIEW', groupGrants: ['EDIT'] })).toBe('EDIT');
    expect(
      effectivePermission({
        role: 'MEMBER',
        datasetDefault: 'VIEW',
        userGrant: 'TAG',
        groupGrants: ['NO_ACCESS', 'MANAGE', 'VIEW'],
      }),
    ).toBe('MANAGE');
    // A group's NO_ACCESS grant takes nothing away: grants only add.
    expect(effectivePermission({ role: 'MEMBER', datasetDefault: 'EDIT', groupGrants: ['NO_ACCESS'] })).toBe('EDIT');
    expect(effectivePermission({ role: 'GUEST', datasetDefault: 'NO_ACCESS', groupGrants: ['NO_ACCESS'] })).toBe(
      'NO_ACCESS',
    );
  });

  it('lists what each role may be granted', () => {
    expect(grantablePermissions('GUEST')).toEqual(['NO_ACCESS', 'VIEW']);
    expect(grantablePermissions('COLLABORATOR')).toEqual(['NO_ACCESS', 'VIEW', 'TAG', 'EDIT']);
    expect(grantablePermissions('MEMBER')).toEqual(['NO_ACCESS', 'VIEW', 'TAG', 'EDIT', 'MANAGE']);
  });
});

describe('requireDatasetPermission', () => {
  const code = (actual: DatasetPermission, required: DatasetPermission): string => {
    try {
      requireDatasetPermission(actual, required, 'birds');
      return 'ok';
    } catch (error) {
      return isAppError(error) ? `${error.code}${error.details ? ` ${JSON.stringify(error.details)}` : ''}` : 'other';
    }
  };

  it('hides datasets the caller cannot see (404), refuses too little permission (403 with both levels)', () => {
    expect(code('NO_ACCESS', 'VIEW')).toBe('NOT_FOUND');
    expect(code('NO_ACCESS', 'MANAGE')).toBe('NOT_FOUND');
    expect(code('VIEW', 'EDIT')).toBe('FORBIDDEN {"required":"EDIT","actual":"VIEW"}');
    expect(code('EDIT', 'EDIT')).toBe('ok');
    expect(code('MANAGE', 'VIEW')).toBe('ok');
  });
});
