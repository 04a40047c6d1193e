// AdminBackend on the database itself (docs/design.md §6): core services as the system actor, for bootstrap and recovery.
import type * as Core from '@teamset/core';
import type { CoreServices } from '@teamset/sdk';
import { UsageError } from '../cli-errors.js';
import type { AdminBackend } from './admin-backend.js';
import { DEFAULT_SERVE_PORT } from '../serve-defaults.js';

export function databaseBackend(services: CoreServices, actor: Core.Actor): AdminBackend {
  return {
    kind: 'database',
    createUser: (input) => services.users.create(actor, input),
    listUsers: (query) => services.users.list(actor, query),
    deleteUser: (user) => services.users.delete(actor, user),
    setUserRole: (user, role) => services.users.setRole(actor, user, role),
    async generateKey(input) {
      // Over the database there is no "me" to own the key.
      if (input.user === undefined)
        throw new UsageError('keys generate needs --user <id-or-email> when working on the database directly');
      return services.keys.generate(actor, input);
    },
    async userEmail(userId) {
      // A user deleted since leaves the id in the table.
      return (await services.users.get(actor, userId).catch(() => undefined))?.email;
    },
    listKeys: (user) => services.keys.list(actor, { user }),
    deleteKey: (keyId) => services.keys.delete(actor, keyId),
    rotateKey: (keyId, graceSeconds) => services.keys.rotate(actor, keyId, { graceSeconds }),
    createServiceAccount: (name, role) => services.serviceAccounts.create(actor, { name, role }),
    listServiceAccounts: () => services.serviceAccounts.list(actor),
    getServiceAccount: (account) => services.serviceAccounts.get(actor, account),
    setServiceAccountDisabled: (account, disabled) =>
      disabled ? services.serviceAccounts.disable(actor, account) : services.serviceAccounts.enable(actor, account),
    deleteServiceAccount: (account) => services.serviceAccounts.delete(actor, account),
    listOrganizationKeys: (query) => services.keyInventory.list(actor, query),
    revokeKeys: (keyIds) => services.keyInventory.bulkRevoke(actor, keyIds),
    listDatasets: (query) => services.datasets.list(actor, query),
    createDataset: (input) => services.datasets.create(actor, input),
    getDataset: (name) => services.datasets.get(actor, name),
    renameDataset: (name, newName) => services.datasets.update(actor, name, { name: newName }),
    deleteDataset: (name) => services.datasets.delete(actor, name),
    listDatasetPermissions: (name) => services.datasetPermissions.listUsers(actor, name),
    async setDatasetUserPermission(name, user, permission, options = {}) {
      // Invitation links point at the web app: the server's public URL when configured, else the local default.
      const acceptUrlBase = process.env.TEAMSET_PUBLIC_URL || `http://localhost:${DEFAULT_SERVE_PORT}`;
      const result = await services.datasetPermissions.setUserOrInvite(actor, name, user, permission, {
        ...options,
        acceptUrlBase,
      });
      return result.kind === 'granted' ? result.permission : { ...result.invitation, permission };
    },
    removeDatasetUserPermission: (name, user) => services.datasetPermissions.removeUser(actor, name, user),
    setDatasetDefaultPermission: (name, permission) => services.datasetPermissions.setDefault(actor, name, permission),
    listGroups: () => services.groups.list(actor),
    createGroup: (input) => services.groups.create(actor, input),
    getGroup: (group) => services.groups.get(actor, group),
    updateGroup: (group, change) => services.groups.update(actor, group, change),
    addGroupUsers: (group, users) => services.groups.addUsers(actor, group, users),
    removeGroupUsers: (group, users) => services.groups.removeUsers(actor, group, users),
    deleteGroup: (group) => services.groups.delete(actor, group),
    setDatasetGroupPermission: (name, group, permission) =>
      services.datasetPermissions.setGroup(actor, name, group, permission),
    removeDatasetGroupPermission: (name, group) => services.datasetPermissions.removeGroup(actor, name, group),
    listMediaRoots: () => services.mediaRoots.list(actor),
    setMediaRoots: (paths) => services.mediaRoots.replace(actor, paths),
  };
}
