// Dataset records and dataset permissions through the management functions, against a real Teamset server (SQLite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { startTeamsetTestServer, type TeamsetTestServer, type TestUser } from '../test-support/teamset-test-server.js';
import * as management from './default-client.js';
import { ManagementClient } from './management-client.js';

let server: TeamsetTestServer;
let admin: TestUser;
let member: TestUser;
let other: TestUser;
let collaborator: TestUser;
let asAdmin: ManagementClient;
let asMember: ManagementClient;
let asOther: ManagementClient;
let asCollaborator: ManagementClient;

const clientFor = (key: string): ManagementClient =>
  new ManagementClient({ apiUri: server.url, apiKey: key, maxAttempts: 1 });
// Spaces, a '/', a '?' and a '%': every one must survive the trip through the URL path.
const TRICKY = 'team a/b runs?100%';

beforeAll(async () => {
  server = await startTeamsetTestServer();
  admin = await server.addUser('admin@example.com', 'ADMIN');
  member = await server.addUser('member@example.com', 'MEMBER');
  other = await server.addUser('other@example.com', 'MEMBER');
  collaborator = await server.addUser('collab@example.com', 'COLLABORATOR');
  asAdmin = clientFor(admin.key);
  asMember = clientFor(member.key);
  asOther = clientFor(other.key);
  asCollaborator = clientFor(collaborator.key);
});

afterAll(async () => {
  await server?.close();
});

describe('dataset records', () => {
  it('creates, gets, lists, renames and deletes a dataset whose name has spaces and slashes', async () => {
    const created = await management.createDatasetRecord({ name: TRICKY, mediaType: 'video', tags: ['t'] }, asMember);
    expect(created).toMatchObject({
      name: TRICKY,
      mediaType: 'video',
      tags: ['t'],
      createdBy: member.user.id,
      permission: 'MANAGE',
    });
    expect((await asMember.getDatasetRecord(TRICKY)).id).toBe(created.id);
    expect((await asMember.getDatasetRecord(created)).id).toBe(created.id);

    const page = await management.listDatasetRecords({ search: 'A/B', pageSize: 5 }, asMember);
    expect(page.datasets.map((d) => d.name)).toEqual([TRICKY]);
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 5 });
    // What the App's home shows comes with each listed dataset, and the sort goes through.
    expect(page.datasets[0]).toMatchObject({ sampleCount: 0, labelFields: [], coverSampleId: null });
    const sorted = await management.listDatasetRecords(
      { search: 'A/B', sort: 'sampleCount', order: 'desc', pageSize: 5 },
      asMember,
    );
    expect(sorted.datasets.map((d) => d.name)).toEqual([TRICKY]);

    const renamed = await management.renameDataset(TRICKY, 'renamed / again', asMember);
    expect(renamed).toMatchObject({ id: created.id, name: 'renamed / again' });
    await expect(asMember.getDatasetRecord(TRICKY)).rejects.toBeInstanceOf(NotFoundError);

    await management.deleteDatasetRecord(renamed, asMember);
    await expect(asMember.getDatasetRecord('renamed / again')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('forbids collaborators from creating datasets', async () => {
    await expect(asCollaborator.createDatasetRecord({ name: 'nope' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('dataset permissions', () => {
  const name = 'perm/ds one';

  beforeAll(async () => {
    await asMember.createDatasetRecord({ name });
  });

  it('sets the default permission and lists who has access', async () => {
    const dataset = await management.setDatasetDefaultPermission(name, 'VIEW', asMember);
    expect(dataset.defaultPermission).toBe('VIEW');
    const list = await management.getPermissionsForDataset(name, asMember);
    expect(list).toMatchObject({ dataset: name, defaultPermission: 'VIEW' });
    const byEmail = Object.fromEntries(list.users.map((u) => [u.user.email, u]));
    expect(byEmail['member@example.com']).toMatchObject({ userPermission: 'MANAGE', activePermission: 'MANAGE' });
    expect(byEmail['other@example.com']).toMatchObject({ userPermission: null, activePermission: 'VIEW' });
  });

  it('grants, reads and removes a user permission, by email and by User', async () => {
    const granted = await management.setDatasetUserPermission(name, 'collab@example.com', 'EDIT', {}, asMember);
    expect(granted).toMatchObject({
      user: { id: collaborator.user.id, role: 'COLLABORATOR' },
      userPermission: 'EDIT',
      activePermission: 'EDIT',
    });
    expect((await management.getPermissionsForDatasetUser(name, collaborator.user, asMember)).activePermission).toBe(
      'EDIT',
    );
    // Your own permission needs no MANAGE.
    expect((await asCollaborator.getPermissionsForDatasetUser(name, collaborator.user.id)).userPermission).toBe('EDIT');

    const mine = await management.getPermissionsForUser(collaborator.user, asCollaborator);
    expect(mine.user.email).toBe('collab@example.com');
    expect(mine.datasets).toContainEqual(
      expect.objectContaining({ datasetName: name, userPermission: 'EDIT', activePermission: 'EDIT' }),
    );

    await management.deleteDatasetUserPermission(name, 'collab@example.com', asMember);
    expect((await asMember.getPermissionsForDatasetUser(name, collaborator.user)).userPermission).toBeNull();
    expect(
      (await asAdmin.getPermissionsForUser('collab@example.com')).datasets.map((d) => d.datasetName),
    ).not.toContain(name);
  });

  it('refuses grants above the role cap, and management without MANAGE', async () => {
    await expect(asMember.setDatasetUserPermission(name, collaborator.user, 'MANAGE')).rejects.toThrow();
    await expect(asOther.getPermissionsForDataset(name)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asOther.setDatasetDefaultPermission(name, 'MANAGE')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(asOther.getPermissionsForUser(member.user)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('names the creator: for admins, for the creator, and for other MANAGE holders', async () => {
    const expected = { id: member.user.id, email: 'member@example.com', name: 'member', role: 'MEMBER' };
    expect(await management.getDatasetCreator(name, asAdmin)).toEqual(expected);
    expect(await asMember.getDatasetCreator({ name })).toEqual(expected);
    await asMember.setDatasetUserPermission(name, other.user, 'MANAGE');
    expect(await asOther.getDatasetCreator(name)).toEqual(expected);
  });

  it('returns null for a dataset with no recorded creator', async () => {
    await server.addDataset('made by the system');
    expect(await asAdmin.getDatasetCreator('made by the system')).toBeNull();
  });
});

describe('setDatasetUserPermission with invite', () => {
  it('refuses an unknown email without invite, invites it with invite, and the invitee holds the permission after accepting', async () => {
    await asAdmin.createDatasetRecord({ name: 'invite target' });
    await expect(
      management.setDatasetUserPermission('invite target', 'newcomer@example.com', 'VIEW', {}, asAdmin),
    ).rejects.toThrow(/invite: true/);
    const invited = await management.setDatasetUserPermission(
      'invite target',
      'newcomer@example.com',
      'VIEW',
      { invite: true },
      asAdmin,
    );
    if (!('invitation' in invited) || invited.token === null)
      throw new Error(`expected an invitation, got ${JSON.stringify(invited)}`);
    expect(invited).toMatchObject({ invitation: { email: 'newcomer@example.com' }, permission: 'VIEW' });
    const accepted = await fetch(`${server.url}/api/v1/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invited.token, name: 'Newcomer', password: 'correct horse battery' }),
    });
    expect(accepted.status).toBe(201);
    expect(await asAdmin.getPermissionsForDatasetUser('invite target', 'newcomer@example.com')).toMatchObject({
      userPermission: 'VIEW',
      activePermission: 'VIEW',
    });
  });
});
