// Whether a person's access to a dataset comes through a user group, and which groups: the People list says so.
import type { DatasetGroupPermission, DatasetPermission, DatasetUserPermission, Role } from '@teamset/contract';
import { permissionRank as rank, ROLE_PERMISSION_CAP } from '@teamset/contract/constants';

function higher(a: DatasetPermission, b: DatasetPermission): DatasetPermission {
  return rank(a) >= rank(b) ? a : b;
}

function lower(a: DatasetPermission, b: DatasetPermission): DatasetPermission {
  return rank(a) <= rank(b) ? a : b;
}

/** docs/design.md §2 without the groups: min(role cap, max(implicit, own grant)); implicit is MANAGE for admins, the default for members. */
export function accessWithoutGroups(
  role: Role,
  datasetDefault: DatasetPermission,
  userGrant: DatasetPermission | null,
): DatasetPermission {
  const implicit: DatasetPermission = role === 'ADMIN' ? 'MANAGE' : role === 'MEMBER' ? datasetDefault : 'NO_ACCESS';
  return lower(ROLE_PERMISSION_CAP[role], higher(implicit, userGrant ?? 'NO_ACCESS'));
}

/**
 * The groups a person's effective access comes through, or undefined when their role, the default and their
 * own grant already explain it. `members` maps group ids to member ids for the groups the viewer may read
 * (admins: all, others: their own); a granting group whose members are unknown cannot be named, so the list
 * may be empty while the access still comes through some group.
 */
export function accessGroups(
  entry: DatasetUserPermission,
  datasetDefault: DatasetPermission,
  grants: readonly DatasetGroupPermission[],
  members: ReadonlyMap<string, ReadonlySet<string>>,
): string[] | undefined {
  const { user, userPermission, activePermission } = entry;
  if (rank(activePermission) <= rank(accessWithoutGroups(user.role, datasetDefault, userPermission))) return undefined;
  return grants
    .filter(
      (grant) =>
        members.get(grant.group.id)?.has(user.id) &&
        lower(ROLE_PERMISSION_CAP[user.role], grant.permission) === activePermission,
    )
    .map((grant) => grant.group.name);
}
