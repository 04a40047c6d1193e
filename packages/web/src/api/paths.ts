// The API routes the web app calls, checked against the contract's route table at compile time (types only: no server code in the bundle).
import type { PATHS as ContractPaths } from '@teamset/contract';

type Paths = typeof ContractPaths;

export const PATHS = {
  whoami: '/api/v1/whoami',
  setup: '/api/v1/setup',
  login: '/api/v1/auth/login',
  logout: '/api/v1/auth/logout',
  account: '/api/v1/account',
  accountPassword: '/api/v1/account/password',
  users: '/api/v1/users',
  user: '/api/v1/users/:user',
  userRole: '/api/v1/users/:user/role',
  invitations: '/api/v1/invitations',
  invitation: '/api/v1/invitations/:id',
  acceptInvitation: '/api/v1/invitations/accept',
  keys: '/api/v1/keys',
  key: '/api/v1/keys/:keyId',
  organizationSettings: '/api/v1/organization/settings',
  datasets: '/api/v1/datasets',
  dataset: '/api/v1/datasets/:name',
  datasetPermissions: '/api/v1/datasets/:name/permissions',
  datasetUserPermission: '/api/v1/datasets/:name/permissions/users/:user',
  datasetDefaultPermission: '/api/v1/datasets/:name/permissions/default',
  userDatasetPermissions: '/api/v1/users/:user/dataset-permissions',
  datasetGroupPermission: '/api/v1/datasets/:name/permissions/groups/:group',
  userGroups: '/api/v1/groups',
  userGroup: '/api/v1/groups/:group',
  userGroupUsers: '/api/v1/groups/:group/users',
  userGroupUsersRemove: '/api/v1/groups/:group/users/remove',
  userGroupDatasetPermissions: '/api/v1/groups/:group/dataset-permissions',
  userUserGroups: '/api/v1/users/:user/groups',
  samplesQuery: '/api/v1/datasets/:name/samples/query',
  aggregate: '/api/v1/datasets/:name/aggregate',
  fields: '/api/v1/datasets/:name/fields',
  sampleMedia: '/api/v1/datasets/:name/samples/:sampleId/media',
  sampleThumbnail: '/api/v1/datasets/:name/samples/:sampleId/thumbnail',
  organizationMediaRoots: '/api/v1/organization/media-roots',
} as const satisfies Partial<Paths>;

/** Fills `:param` segments, URL-encoding each value (as the contract's fillPath does). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
