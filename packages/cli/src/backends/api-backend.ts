// AdminBackend over the API connection: every call goes through the SDK's ManagementClient, as the key's user.
import { NotFoundError, type ManagementClient } from '@teamset/sdk';
import { CliError } from '../cli-errors.js';
import type { AdminBackend } from './admin-backend.js';

export function apiBackend(client: ManagementClient): AdminBackend {
  return {
    kind: 'api',
    async createUser() {
      // The API creates users only through invitations and first-run setup, never directly.
      throw new CliError(
        'users create works on the database directly, but api_uri is set: invite the user with ' +
          '`teamset invitations create <email> --role <role>`, or add --database to use database_uri',
      );
    },
    listUsers: (query) => client.listUsers(query),
    deleteUser: (user) => client.deleteUser(user),
    setUserRole: (user, role) => client.setUserRole(user, role),
    generateKey: ({ name, user, ...options }) => client.createApiKey(name, user, options),
    async userEmail(userId) {
      // Admins may look up anyone, others themselves: any other answer leaves the id in the table.
      return (await client.getUser(userId).catch(() => null))?.email;
    },
    listKeys: (user) => client.listApiKeys(user),
    deleteKey: (keyId) => client.deleteApiKey(keyId),
    rotateKey: (keyId, graceSeconds) => client.rotateApiKey(keyId, { graceSeconds }),
    listDatasets: (query) => client.listDatasetRecords(query),
    createDataset: (input) => client.createDatasetRecord(input),
    getDataset: (name) => client.getDatasetRecord(name),
    renameDataset: (name, newName) => client.renameDataset(name, newName),
    deleteDataset: (name) => client.deleteDatasetRecord(name),
    listDatasetPermissions: (name) => client.getPermissionsForDataset(name),
    setDatasetUserPermission: (name, user, permission, options = {}) =>
      client.setDatasetUserPermission(name, user, permission, options),
    removeDatasetUserPermission: (name, user) => client.deleteDatasetUserPermission(name, user),
    setDatasetDefaultPermission: (name, permission) => client.setDatasetDefaultPermission(name, permission),
    listGroups: () => client.listUserGroups(),
    createGroup: (input) => client.createUserGroup(input.name, { description: input.description, users: input.users }),
    async getGroup(group) {
      // The SDK answers null for a missing group, as FiftyOne's get_user_group does; the CLI reports it.
      const found = await client.getUserGroup(group);
      if (!found) throw new NotFoundError(`No user group ${JSON.stringify(group)}`);
      return found;
    },
    updateGroup: (group, change) => client.updateUserGroup(group, change),
    addGroupUsers: (group, users) => client.addUsersToGroup(group, users),
    removeGroupUsers: (group, users) => client.removeUsersFromGroup(group, users),
    deleteGroup: (group) => client.deleteUserGroup(group),
    setDatasetGroupPermission: (name, group, permission) =>
      client.setDatasetUserGroupPermission(name, group, permission),
    removeDatasetGroupPermission: (name, group) => client.removeDatasetUserGroupPermission(name, group),
    listMediaRoots: () => client.listMediaRoots(),
    setMediaRoots: (paths) => client.setMediaRoots(paths),
  };
}
