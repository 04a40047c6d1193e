// The HTTP route table: one list that the server registers and the SDK calls, so the two cannot drift.

export const API_PREFIX = '/api/v1';

export const PATHS = {
  health: '/health',
  openapi: `${API_PREFIX}/openapi.json`,
  whoami: `${API_PREFIX}/whoami`,
  setup: `${API_PREFIX}/setup`,
  login: `${API_PREFIX}/auth/login`,
  logout: `${API_PREFIX}/auth/logout`,
  account: `${API_PREFIX}/account`,
  accountPassword: `${API_PREFIX}/account/password`,
  users: `${API_PREFIX}/users`,
  user: `${API_PREFIX}/users/:user`,
  userRole: `${API_PREFIX}/users/:user/role`,
  invitations: `${API_PREFIX}/invitations`,
  invitation: `${API_PREFIX}/invitations/:id`,
  acceptInvitation: `${API_PREFIX}/invitations/accept`,
  invitationLookup: `${API_PREFIX}/invitations/lookup`,
  keys: `${API_PREFIX}/keys`,
  key: `${API_PREFIX}/keys/:keyId`,
  keyRotate: `${API_PREFIX}/keys/:keyId/rotate`,
  revokeLeakedKeys: `${API_PREFIX}/keys/revoke-leaked`,
  keyInventory: `${API_PREFIX}/keys/inventory`,
  keyBulkRevoke: `${API_PREFIX}/keys/bulk-revoke`,
  serviceAccounts: `${API_PREFIX}/service-accounts`,
  serviceAccount: `${API_PREFIX}/service-accounts/:account`,
  serviceAccountDisable: `${API_PREFIX}/service-accounts/:account/disable`,
  serviceAccountEnable: `${API_PREFIX}/service-accounts/:account/enable`,
  organizationSettings: `${API_PREFIX}/organization/settings`,
  organizationMediaRoots: `${API_PREFIX}/organization/media-roots`,
  audit: `${API_PREFIX}/audit`,
  datasets: `${API_PREFIX}/datasets`,
  dataset: `${API_PREFIX}/datasets/:name`,
  datasetPermissions: `${API_PREFIX}/datasets/:name/permissions`,
  datasetUserPermission: `${API_PREFIX}/datasets/:name/permissions/users/:user`,
  datasetDefaultPermission: `${API_PREFIX}/datasets/:name/permissions/default`,
  userDatasetPermissions: `${API_PREFIX}/users/:user/dataset-permissions`,
  datasetGroupPermission: `${API_PREFIX}/datasets/:name/permissions/groups/:group`,
  userGroups: `${API_PREFIX}/groups`,
  userGroup: `${API_PREFIX}/groups/:group`,
  userGroupUsers: `${API_PREFIX}/groups/:group/users`,
  userGroupUsersRemove: `${API_PREFIX}/groups/:group/users/remove`,
  userGroupDatasetPermissions: `${API_PREFIX}/groups/:group/dataset-permissions`,
  userUserGroups: `${API_PREFIX}/users/:user/groups`,
  datasetClone: `${API_PREFIX}/datasets/:name/clone`,
  samples: `${API_PREFIX}/datasets/:name/samples`,
  samplesQuery: `${API_PREFIX}/datasets/:name/samples/query`,
  samplesDelete: `${API_PREFIX}/datasets/:name/samples/delete`,
  sample: `${API_PREFIX}/datasets/:name/samples/:sampleId`,
  sampleMedia: `${API_PREFIX}/datasets/:name/samples/:sampleId/media`,
  sampleThumbnail: `${API_PREFIX}/datasets/:name/samples/:sampleId/thumbnail`,
  values: `${API_PREFIX}/datasets/:name/values`,
  setValues: `${API_PREFIX}/datasets/:name/set-values`,
  tag: `${API_PREFIX}/datasets/:name/tags/add`,
  untag: `${API_PREFIX}/datasets/:name/tags/remove`,
  countTags: `${API_PREFIX}/datasets/:name/tags/count`,
  tagProgress: `${API_PREFIX}/datasets/:name/tags/progress/:token`,
  aggregate: `${API_PREFIX}/datasets/:name/aggregate`,
  fields: `${API_PREFIX}/datasets/:name/fields`,
  field: `${API_PREFIX}/datasets/:name/fields/:path`,
  savedViews: `${API_PREFIX}/datasets/:name/views`,
  savedView: `${API_PREFIX}/datasets/:name/views/:view`,
} as const;

/** Fills `:param` segments, URL-encoding each value. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
