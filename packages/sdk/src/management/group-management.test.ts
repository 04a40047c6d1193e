// User groups through the management functions, against a real Teamset server (SQLite): groups, members, group grants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { startTeamsetTestServer, type TeamsetTestServer, type TestUser } from '../test-support/teamset-test-server.js';
import * as management from './group-functions.js';
import { ManagementClient } from './management-client.js';

let server: TeamsetTestServer;
let admin: TestUser;
let member: TestUser;
let collaborator: TestUser;
let asAdmin: ManagementClient;
let asMember: ManagementClient;
let asCollaborator: ManagementClient;

const clientFor = (key: string): ManagementClient =>
  new ManagementClient({ apiUri: server.url, apiKey: key, maxAttempts: 1 });

beforeAll(async () => {
  server = await startTeamsetTestServer();
  admin = await server.addUser('admin@example.com', 'ADMIN');
  member = await server.addUser('member@example.com', 'MEMBER');
  collaborator = await server.addUser('collab@example.com', 'COLLABORATOR');
  asAdmin = clientFor(admin.key);
  asMember = clientFor(member.key);
  asCollaborator = clientFor(collaborator.key);
});

afterAll(async () => {
  await server?.close();
});

describe('user groups', () => {
  it('creates, gets (null when missing), lists, updates, fills, empties and deletes a group', async () => {
    const group = await management.createUserGroup(
      'Team a/b',
      { description: 'slash in name', users: [member.user, collaborator.user.email] },
      asAdmin,
    );
    expect(group).toMatchObject({ name: 'Team a/b', description: 'slash in name' });
    expect(group.users.map((u) => u.id).sort()).toEqual([collaborator.user.id, member.user.id].sort());

    expect((await management.getUserGroup('team A/B', asAdmin))?.id).toBe(group.id);
    expect((await asAdmin.getUserGroup(group))?.id).toBe(group.id);
    expect(await management.getUserGroup('no such group', asAdmin)).toBeNull();

    expect((await management.listUserGroups({}, asAdmin)).map((g) => g.id)).toContain(group.id);
    expect(await management.listUserGroups({ limit: 0 }, asAdmin)).toEqual([]);
    expect((await management.listUserGroupsForUser(member.user, asMember)).map((g) => g.name)).toEqual(['Team a/b']);
    await expect(management.listUserGroupsForUser(collaborator.user.id, asMember)).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    const renamed = await management.updateUserGroup(group, { name: 'Team C', users: [admin.user.id] }, asAdmin);
    expect(renamed).toMatchObject({ id: group.id, name: 'Team C', description: 'slash in name' });
    expect(renamed.users.map((u) => u.id)).toEqual([admin.user.id]);
    expect((await management.addUsersToGroup('Team C', member.user.email, asAdmin)).users).toHaveLength(2);
    expect((await management.removeUsersFromGroup(group.id, [admin.user, member.user.id], asAdmin)).users).toEqual([]);

    await expect(management.createUserGroup('Nope', {}, asMember)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(management.addUsersToGroup(group, 'ghost@example.com', asAdmin)).rejects.toBeInstanceOf(NotFoundError);

    await management.deleteUserGroup(group, asAdmin);
    expect(await management.getUserGroup(group.id, asAdmin)).toBeNull();
    await expect(management.deleteUserGroup(group.id, asAdmin)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('grants a group a dataset permission, capped by each member’s role, and lists it among the dataset’s permissions', async () => {
    const dataset = await asMember.createDatasetRecord({ name: 'group grants' });
    const group = await asAdmin.createUserGroup('Editors', { users: [collaborator.user.id] });
    expect(await management.getPermissionsForDatasetUserGroup(dataset, group, asMember)).toBe('NO_ACCESS');

    expect(await management.setDatasetUserGroupPermission(dataset.name, 'editors', 'MANAGE', asMember)).toEqual({
      group: { id: group.id, name: 'Editors', description: null },
      permission: 'MANAGE',
    });
    expect(await management.getPermissionsForDatasetUserGroup(dataset.name, group.id, asMember)).toBe('MANAGE');
    expect((await asCollaborator.getDatasetRecord(dataset.name)).permission).toBe('EDIT');

    const permissions = await asMember.getPermissionsForDataset(dataset);
    expect(permissions.groups).toEqual([
      { group: { id: group.id, name: 'Editors', description: null }, permission: 'MANAGE' },
    ]);
    expect(permissions.users.find((u) => u.user.id === collaborator.user.id)).toMatchObject({
      userPermission: null,
      activePermission: 'EDIT',
    });

    expect(await management.getPermissionsForUserGroup(group, asAdmin)).toEqual({
      group: { id: group.id, name: 'Editors', description: null },
      datasets: [{ datasetId: dataset.id, datasetName: dataset.name, permission: 'MANAGE' }],
    });
    await expect(management.getPermissionsForUserGroup(group, asMember)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      management.setDatasetUserGroupPermission(dataset, group, 'VIEW', asCollaborator),
    ).rejects.toBeInstanceOf(ForbiddenError);

    await management.removeDatasetUserGroupPermission(dataset, group, asMember);
    await expect(asCollaborator.getDatasetRecord(dataset.name)).rejects.toBeInstanceOf(NotFoundError);
    await expect(management.removeDatasetUserGroupPermission(dataset, group, asMember)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
