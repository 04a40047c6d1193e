// Dataset access (MANAGE): who has which permission, grants per user and per group, the default for members; a user's access (admin).
import type {
  Dataset,
  DatasetGroupPermission,
  DatasetPermission,
  DatasetPermissionInvitation,
  DatasetPermissionList,
  DatasetUserPermission,
  UserDatasetPermissionList,
} from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const permissionsApi = {
  list: (dataset: string) => http.get<DatasetPermissionList>(fillPath(PATHS.datasetPermissions, { name: dataset })),
  /** With `invite` (admins), an email without an account is invited and gets the permission on acceptance. */
  setUser: (dataset: string, user: string, permission: DatasetPermission, invite = false) =>
    http.put<DatasetUserPermission | DatasetPermissionInvitation>(
      fillPath(PATHS.datasetUserPermission, { name: dataset, user }),
      { permission, ...(invite ? { invite } : {}) },
    ),
  removeUser: (dataset: string, user: string) =>
    http.delete(fillPath(PATHS.datasetUserPermission, { name: dataset, user })),
  /** `group`: the group's id or name. Each member gets at most their role's cap of it. */
  setGroup: (dataset: string, group: string, permission: DatasetPermission) =>
    http.put<DatasetGroupPermission>(fillPath(PATHS.datasetGroupPermission, { name: dataset, group }), { permission }),
  removeGroup: (dataset: string, group: string) =>
    http.delete(fillPath(PATHS.datasetGroupPermission, { name: dataset, group })),
  setDefault: (dataset: string, permission: DatasetPermission) =>
    http.put<Dataset>(fillPath(PATHS.datasetDefaultPermission, { name: dataset }), { permission }),
  forUser: (user: string) => http.get<UserDatasetPermissionList>(fillPath(PATHS.userDatasetPermissions, { user })),
};

export function isInvitation(
  result: DatasetUserPermission | DatasetPermissionInvitation,
): result is DatasetPermissionInvitation {
  return 'invitation' in result;
}
