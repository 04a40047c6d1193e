// Datasets and their permissions: list, create, get, edit/rename, delete, clone; user and group grants, the default permission.
import { ErrorBody } from '../errors/error-codes.js';
import { CloneDatasetBody } from '../samples/fields-and-views.js';
import {
  CreateDatasetBody,
  Dataset,
  DatasetGroupParams,
  DatasetNameParams,
  DatasetPage,
  DatasetPermissionInvitation,
  DatasetPermissionList,
  DatasetUserParams,
  DatasetUserPermission,
  ListDatasetsQuery,
  SetDatasetDefaultPermissionBody,
  SetDatasetUserPermissionBody,
  UpdateDatasetBody,
  UserDatasetPermissionList,
} from '../schemas/datasets.js';
import { DatasetGroupPermission, SetDatasetGroupPermissionBody } from '../schemas/groups.js';
import { UserRefParams } from '../schemas/users.js';
import { PATHS } from '../routes.js';
import { defineRoute, NoContent } from './route-definition.js';

const tags = ['datasets'] as const;
const permissionTags = ['dataset permissions'] as const;
const manage = { kind: 'dataset', permission: 'MANAGE' } as const;

export const DATASET_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: PATHS.datasets,
    tags,
    access: { kind: 'signedIn' },
    summary: 'List the datasets you can see, with your permission on each',
    querystring: ListDatasetsQuery,
    response: { 200: DatasetPage },
  }),
  create: defineRoute({
    method: 'POST',
    path: PATHS.datasets,
    tags,
    access: { kind: 'role', role: 'MEMBER' },
    summary: 'Create a dataset (member or admin); you get MANAGE on it',
    body: CreateDatasetBody,
    response: { 201: Dataset, 409: ErrorBody },
  }),
  get: defineRoute({
    method: 'GET',
    path: PATHS.dataset,
    tags,
    access: { kind: 'dataset', permission: 'VIEW' },
    summary: 'Get a dataset by name (VIEW)',
    params: DatasetNameParams,
    response: { 200: Dataset },
  }),
  update: defineRoute({
    method: 'PATCH',
    path: PATHS.dataset,
    tags,
    access: { kind: 'dataset', permission: 'EDIT', note: 'renaming needs MANAGE' },
    summary: 'Edit tags, description or info (EDIT), or rename (MANAGE)',
    params: DatasetNameParams,
    body: UpdateDatasetBody,
    response: { 200: Dataset, 409: ErrorBody },
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: PATHS.dataset,
    tags,
    access: manage,
    summary: 'Delete a dataset (MANAGE)',
    params: DatasetNameParams,
    response: { 204: NoContent },
  }),
  clone: defineRoute({
    method: 'POST',
    path: PATHS.datasetClone,
    tags,
    access: { kind: 'dataset', permission: 'VIEW', role: 'MEMBER' },
    summary:
      'Clone a dataset, or only a view’s samples, into a new dataset (member or admin, VIEW on the source); you get MANAGE on it',
    params: DatasetNameParams,
    body: CloneDatasetBody,
    response: { 201: Dataset, 409: ErrorBody, 422: ErrorBody },
  }),
} as const;

export const DATASET_PERMISSION_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: PATHS.datasetPermissions,
    tags: permissionTags,
    access: manage,
    summary: 'Users with access to a dataset, with grants and effective permissions (MANAGE)',
    params: DatasetNameParams,
    response: { 200: DatasetPermissionList },
  }),
  getUser: defineRoute({
    method: 'GET',
    path: PATHS.datasetUserPermission,
    tags: permissionTags,
    access: { kind: 'dataset', permission: 'MANAGE', note: 'your own needs only VIEW' },
    summary: 'One user’s permission on a dataset (MANAGE, or your own)',
    params: DatasetUserParams,
    response: { 200: DatasetUserPermission },
  }),
  setUser: defineRoute({
    method: 'PUT',
    path: PATHS.datasetUserPermission,
    tags: permissionTags,
    access: { kind: 'dataset', permission: 'MANAGE', note: 'inviting an unknown email needs ADMIN', manages: true },
    summary:
      'Grant a user a permission on a dataset, up to their role’s cap (MANAGE); with invite, an unknown email is invited (admin) and gets it on acceptance (201)',
    params: DatasetUserParams,
    body: SetDatasetUserPermissionBody,
    response: { 200: DatasetUserPermission, 201: DatasetPermissionInvitation },
  }),
  removeUser: defineRoute({
    method: 'DELETE',
    path: PATHS.datasetUserPermission,
    tags: permissionTags,
    access: { ...manage, manages: true },
    summary: 'Remove a user’s explicit grant on a dataset (MANAGE)',
    params: DatasetUserParams,
    response: { 204: NoContent },
  }),
  setDefault: defineRoute({
    method: 'PUT',
    path: PATHS.datasetDefaultPermission,
    tags: permissionTags,
    access: { ...manage, manages: true },
    summary: 'Set the permission members get without a grant (MANAGE)',
    params: DatasetNameParams,
    body: SetDatasetDefaultPermissionBody,
    response: { 200: Dataset },
  }),
  forUser: defineRoute({
    method: 'GET',
    path: PATHS.userDatasetPermissions,
    tags: permissionTags,
    access: { kind: 'role', role: 'ADMIN', self: true },
    summary: 'Every dataset a user can see, with grant and effective permission (admin, or yourself)',
    params: UserRefParams,
    response: { 200: UserDatasetPermissionList },
  }),
  getGroup: defineRoute({
    method: 'GET',
    path: PATHS.datasetGroupPermission,
    tags: permissionTags,
    access: manage,
    summary: 'A group’s grant on a dataset, NO_ACCESS when it has none (MANAGE)',
    params: DatasetGroupParams,
    response: { 200: DatasetGroupPermission },
  }),
  setGroup: defineRoute({
    method: 'PUT',
    path: PATHS.datasetGroupPermission,
    tags: permissionTags,
    access: { ...manage, manages: true },
    summary: 'Grant a group a permission on a dataset; each member gets at most their role’s cap (MANAGE)',
    params: DatasetGroupParams,
    body: SetDatasetGroupPermissionBody,
    response: { 200: DatasetGroupPermission },
  }),
  removeGroup: defineRoute({
    method: 'DELETE',
    path: PATHS.datasetGroupPermission,
    tags: permissionTags,
    access: { ...manage, manages: true },
    summary: 'Remove a group’s grant on a dataset (MANAGE)',
    params: DatasetGroupParams,
    response: { 204: NoContent },
  }),
} as const;
