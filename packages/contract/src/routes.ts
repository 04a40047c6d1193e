// The HTTP route table: one list that the server registers and the SDK calls, so the two cannot drift.

export const API_PREFIX = '/api/v1';

export const PATHS = {
  health: '/health',
  openapi: `${API_PREFIX}/openapi.json`,
  whoami: `${API_PREFIX}/whoami`,
  setup: `${API_PREFIX}/setup`,
  login: `${API_PREFIX}/auth/login`,
  logout: `${API_PREFIX}/auth/logout`,
  users: `${API_PREFIX}/users`,
  user: `${API_PREFIX}/users/:user`,
  userRole: `${API_PREFIX}/users/:user/role`,
  invitations: `${API_PREFIX}/invitations`,
  invitation: `${API_PREFIX}/invitations/:id`,
  acceptInvitation: `${API_PREFIX}/invitations/accept`,
  keys: `${API_PREFIX}/keys`,
  key: `${API_PREFIX}/keys/:keyId`,
  organizationSettings: `${API_PREFIX}/organization/settings`,
  audit: `${API_PREFIX}/audit`,
  datasets: `${API_PREFIX}/datasets`,
  dataset: `${API_PREFIX}/datasets/:name`,
  datasetPermissions: `${API_PREFIX}/datasets/:name/permissions`,
  datasetUserPermission: `${API_PREFIX}/datasets/:name/permissions/users/:user`,
  datasetDefaultPermission: `${API_PREFIX}/datasets/:name/permissions/default`,
  userDatasetPermissions: `${API_PREFIX}/users/:user/dataset-permissions`,
} as const;

/** Fills `:param` segments, URL-encoding each value. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
