// User groups: list, create, read, edit, fill and delete them (admins), a user's groups, a group's dataset grants.
import { ErrorBody } from '../errors/error-codes.js';
import {
  CreateUserGroupBody,
  GroupDatasetPermissionList,
  UpdateUserGroupBody,
  UserGroup,
  UserGroupList,
  UserGroupParams,
  UserGroupUsersBody,
} from '../schemas/groups.js';
import { UserRefParams } from '../schemas/users.js';
import { PATHS } from '../routes.js';
import { defineRoute, NoContent } from './route-definition.js';

const tags = ['user groups'] as const;
const admin = { kind: 'role', role: 'ADMIN' } as const;

export const GROUP_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: PATHS.userGroups,
    tags,
    access: { kind: 'signedIn' },
    summary: 'List user groups by name: all of them for admins, your own otherwise',
    response: { 200: UserGroupList },
  }),
  create: defineRoute({
    method: 'POST',
    path: PATHS.userGroups,
    tags,
    access: { ...admin, manages: true },
    summary: 'Create a user group, optionally with members (admin)',
    body: CreateUserGroupBody,
    response: { 201: UserGroup, 409: ErrorBody },
  }),
  get: defineRoute({
    method: 'GET',
    path: PATHS.userGroup,
    tags,
    // A group you are not in is a 404, as a missing one is.
    access: { kind: 'signedIn' },
    summary: 'A group by id or name, with its members (admin, or a member)',
    params: UserGroupParams,
    response: { 200: UserGroup },
  }),
  update: defineRoute({
    method: 'PATCH',
    path: PATHS.userGroup,
    tags,
    access: { ...admin, manages: true },
    summary: 'Rename, describe or replace the members of a group (admin)',
    params: UserGroupParams,
    body: UpdateUserGroupBody,
    response: { 200: UserGroup, 409: ErrorBody },
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: PATHS.userGroup,
    tags,
    access: { ...admin, manages: true },
    summary: 'Delete a group with its memberships and dataset grants (admin)',
    params: UserGroupParams,
    response: { 204: NoContent },
  }),
  addUsers: defineRoute({
    method: 'POST',
    path: PATHS.userGroupUsers,
    tags,
    access: { ...admin, manages: true },
    summary: 'Add existing users to a group (admin)',
    params: UserGroupParams,
    body: UserGroupUsersBody,
    response: { 200: UserGroup },
  }),
  removeUsers: defineRoute({
    method: 'POST',
    path: PATHS.userGroupUsersRemove,
    tags,
    access: { ...admin, manages: true },
    summary: 'Remove users from a group (admin)',
    params: UserGroupParams,
    body: UserGroupUsersBody,
    response: { 200: UserGroup },
  }),
  datasetPermissions: defineRoute({
    method: 'GET',
    path: PATHS.userGroupDatasetPermissions,
    tags: ['dataset permissions'],
    access: admin,
    summary: 'Every dataset that grants the group a permission (admin)',
    params: UserGroupParams,
    response: { 200: GroupDatasetPermissionList },
  }),
  forUser: defineRoute({
    method: 'GET',
    path: PATHS.userUserGroups,
    tags,
    access: { kind: 'role', role: 'ADMIN', self: true },
    summary: 'The groups a user is in (admin, or yourself)',
    params: UserRefParams,
    response: { 200: UserGroupList },
  }),
} as const;
