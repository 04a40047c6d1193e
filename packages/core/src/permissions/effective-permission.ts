// Dataset permission rules of docs/design.md §2: a user's effective permission on a dataset, and the checks built on it.
import {
  DATASET_PERMISSIONS,
  ROLE_PERMISSION_CAP,
  permissionAtLeast,
  permissionRank,
  type DatasetPermission,
  type Role,
} from '@teamset/contract';
import { forbidden, notFound } from '../errors/app-error.js';

export interface PermissionFacts {
  role: Role;
  /** The dataset's default permission (applies to MEMBERs only). */
  datasetDefault: DatasetPermission;
  /** The user's explicit grant on the dataset, if any (the creator holds MANAGE). */
  userGrant?: DatasetPermission;
  /** Grants to the user's groups on the dataset. */
  groupGrants?: readonly DatasetPermission[];
}

function maxPermission(values: readonly DatasetPermission[]): DatasetPermission {
  let best: DatasetPermission = 'NO_ACCESS';
  for (const value of values) if (permissionRank(value) > permissionRank(best)) best = value;
  return best;
}

function minPermission(a: DatasetPermission, b: DatasetPermission): DatasetPermission {
  return permissionRank(a) <= permissionRank(b) ? a : b;
}

/** What a role gets without any grant: everything for ADMIN, the dataset's default for MEMBER, nothing otherwise. */
export function implicitPermission(role: Role, datasetDefault: DatasetPermission): DatasetPermission {
  if (role === 'ADMIN') return 'MANAGE';
  if (role === 'MEMBER') return datasetDefault;
  return 'NO_ACCESS';
}

/**
 * min(roleCap(role), max(implicit, userGrant, groupGrants…)) — so a guest in an EDIT group still
 * gets VIEW, and a demoted user's old grants shrink with their role at once.
 */
export function effectivePermission(facts: PermissionFacts): DatasetPermission {
  const granted = maxPermission([
    implicitPermission(facts.role, facts.datasetDefault),
    facts.userGrant ?? 'NO_ACCESS',
    ...(facts.groupGrants ?? []),
  ]);
  return minPermission(ROLE_PERMISSION_CAP[facts.role], granted);
}

/** The highest permission that may be granted to a user of this role (grants above it are refused). */
export function grantablePermissions(role: Role): DatasetPermission[] {
  return DATASET_PERMISSIONS.filter((p) => permissionAtLeast(ROLE_PERMISSION_CAP[role], p));
}

/**
 * 404 when the caller cannot see the dataset at all (indistinguishable from a missing one),
 * 403 naming the required and actual level when they can see it but need more.
 */
export function requireDatasetPermission(
  actual: DatasetPermission,
  required: DatasetPermission,
  datasetName: string,
): void {
  if (actual === 'NO_ACCESS') throw notFound(`Dataset ${JSON.stringify(datasetName)} not found`);
  if (!permissionAtLeast(actual, required)) {
    throw forbidden(`This needs ${required} permission on dataset ${JSON.stringify(datasetName)}; you have ${actual}`, {
      required,
      actual,
    });
  }
}
