// User groups (admins manage them; others read only the groups they are in): list, create, edit, members, delete, their datasets.
import type {
  CreateUserGroupBody,
  GroupDatasetPermissionList,
  UpdateUserGroupBody,
  UserGroup,
  UserGroupList,
} from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const groupsApi = {
  /** Every group for admins; for anyone else, the groups they are in. */
  list: async (): Promise<UserGroup[]> => (await http.get<UserGroupList>(PATHS.userGroups)).groups,
  get: (group: string) => http.get<UserGroup>(fillPath(PATHS.userGroup, { group })),
  create: (body: CreateUserGroupBody) => http.post<UserGroup>(PATHS.userGroups, body),
  update: (group: string, body: UpdateUserGroupBody) =>
    http.patch<UserGroup>(fillPath(PATHS.userGroup, { group }), body),
  delete: (group: string) => http.delete(fillPath(PATHS.userGroup, { group })),
  /** `users`: ids or emails of existing users. */
  addUsers: (group: string, users: string[]) =>
    http.post<UserGroup>(fillPath(PATHS.userGroupUsers, { group }), { users }),
  removeUsers: (group: string, users: string[]) =>
    http.post<UserGroup>(fillPath(PATHS.userGroupUsersRemove, { group }), { users }),
  datasets: (group: string) =>
    http.get<GroupDatasetPermissionList>(fillPath(PATHS.userGroupDatasetPermissions, { group })),
  forUser: async (user: string): Promise<UserGroup[]> =>
    (await http.get<UserGroupList>(fillPath(PATHS.userUserGroups, { user }))).groups,
};
