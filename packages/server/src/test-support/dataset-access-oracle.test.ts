// The oracle itself, on cells worked out by hand from docs/design.md §2 (so a slip in its tables shows here, not only as matrix noise).
import { describe, expect, it } from 'vitest';
import { effectiveLevel, expectedOutcome, grantIsRefused, type Cell } from './dataset-access-oracle.js';

const cell = (
  role: Cell['role'],
  level: Cell['level'],
  mode: Cell['mode'] = 'grant',
  credential: Cell['credential'] = 'session',
): Cell => ({ role, level, mode, credential });

describe('dataset access oracle', () => {
  it('effective level: implicit access, the default for members only, group grants, role caps', () => {
    expect(effectiveLevel('ADMIN', 'NO_ACCESS', 'grant')).toBe('MANAGE');
    expect(effectiveLevel('MEMBER', 'TAG', 'default')).toBe('TAG');
    expect(effectiveLevel('MEMBER', 'NO_ACCESS', 'grant')).toBe('NO_ACCESS');
    expect(effectiveLevel('COLLABORATOR', 'EDIT', 'default')).toBe('NO_ACCESS');
    expect(effectiveLevel('COLLABORATOR', 'MANAGE', 'grant')).toBe('EDIT');
    expect(effectiveLevel('GUEST', 'EDIT', 'grant')).toBe('VIEW');
    expect(effectiveLevel('GUEST', 'VIEW', 'default')).toBe('NO_ACCESS');
    // docs/design.md §2: a guest in an EDIT group still gets VIEW.
    expect(effectiveLevel('GUEST', 'EDIT', 'group')).toBe('VIEW');
    expect(effectiveLevel('COLLABORATOR', 'TAG', 'group')).toBe('TAG');
    expect(effectiveLevel('MEMBER', 'NO_ACCESS', 'group')).toBe('NO_ACCESS');
  });

  it('grants above the role cap are the refused ones', () => {
    expect(grantIsRefused('GUEST', 'TAG')).toBe(true);
    expect(grantIsRefused('GUEST', 'VIEW')).toBe(false);
    expect(grantIsRefused('COLLABORATOR', 'MANAGE')).toBe(true);
    expect(grantIsRefused('MEMBER', 'MANAGE')).toBe(false);
  });

  it('outcomes: 404 when invisible, 403 naming both levels, the guest key refused first, a hidden dataset before the role rule', () => {
    const tag = { kind: 'level', level: 'TAG' } as const;
    expect(expectedOutcome(tag, cell('MEMBER', 'NO_ACCESS'))).toMatchObject({ allowed: false, status: 404 });
    expect(expectedOutcome(tag, cell('MEMBER', 'VIEW', 'default'))).toMatchObject({
      allowed: false,
      status: 403,
      details: { required: 'TAG', actual: 'VIEW' },
    });
    expect(expectedOutcome(tag, cell('COLLABORATOR', 'TAG', 'grant', 'key'))).toMatchObject({
      allowed: true,
      level: 'TAG',
    });
    expect(expectedOutcome({ kind: 'signedIn' }, cell('GUEST', 'VIEW', 'grant', 'key'))).toMatchObject({
      allowed: false,
      status: 403,
      message: 'Guests cannot use API keys',
    });
    const clone = { kind: 'role', capability: 'clones', level: 'VIEW' } as const;
    expect(expectedOutcome(clone, cell('COLLABORATOR', 'NO_ACCESS'))).toMatchObject({ allowed: false, status: 404 });
    expect(expectedOutcome(clone, cell('COLLABORATOR', 'VIEW'))).toMatchObject({
      allowed: false,
      status: 403,
      details: { requiredRole: 'MEMBER', role: 'COLLABORATOR' },
    });
    expect(expectedOutcome(clone, cell('MEMBER', 'NO_ACCESS'))).toMatchObject({ allowed: false, status: 404 });
    expect(expectedOutcome(clone, cell('MEMBER', 'VIEW', 'default'))).toMatchObject({ allowed: true });
  });
});
