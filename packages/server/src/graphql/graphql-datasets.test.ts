// FiftyOne's management client against /graphql/v1: dataset creator and permissions (user and group), datasetsConnection
// paging, and user groups — each operation sent as the Python client sends it (see fiftyone-replay.ts).
import type { Actor } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, type AuthFixture, type FixtureUser } from '../test-support/auth-fixture.js';
import { FIFTYONE_DOCUMENTS as DOC, FiftyOneReplayClient, ReplayError } from '../test-support/fiftyone-replay.js';

const API_URI = 'http://teamset.test:8000/';
const SYSTEM: Actor = { kind: 'system', ip: null };

async function raised(call: Promise<unknown>): Promise<ReplayError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the client to raise').toBeInstanceOf(ReplayError);
  return error as ReplayError;
}

interface GroupNode {
  id: string;
  name: string;
  description: string | null;
  users: Array<{ id: string; name: string; email: string; role: string }>;
}

describe('FiftyOne management client over /graphql/v1: datasets and groups', () => {
  let fx: AuthFixture;
  let admin: FiftyOneReplayClient;
  let member: FiftyOneReplayClient;
  let seq = 0;
  const client = (key: string) => new FiftyOneReplayClient(fx.app, API_URI, key);
  const actorOf = (u: FixtureUser): Actor => ({ kind: 'user', user: u.user, via: 'api_key', keyId: u.keyId, ip: null });
  const dataset = async (label: string, owner: FixtureUser): Promise<string> => {
    seq += 1;
    return (await fx.services.datasets.create(actorOf(owner), { name: `${label} ${seq}` })).name;
  };
  const permissionOf = async (as: FiftyOneReplayClient, name: string, user: string): Promise<string> => {
    const data = await as.graphql<{ dataset: { user: { activePermission: string } | null } | null }>(
      DOC.getPermissionsForDatasetUser,
      { dataset: name, userId: user },
    );
    if (data.dataset === null) throw new Error(`Dataset not found: ${name}`);
    return data.dataset.user?.activePermission ?? 'NO_ACCESS';
  };
  const userInfo = (u: FixtureUser) => ({ id: u.user.id, name: u.user.name, email: u.email, role: u.user.role });

  beforeAll(async () => {
    fx = await createAuthFixture();
    admin = client(fx.users.ADMIN.key);
    member = client(fx.users.MEMBER.key);
  });
  afterAll(async () => {
    await fx?.close();
  });

  describe('datasets', () => {
    it('get_dataset_creator returns the creator’s exact fields to anyone who can see the dataset', async () => {
      const name = await dataset('Created', fx.users.MEMBER);
      const data = await member.graphql<{ dataset: { createdBy: unknown } }>(DOC.getDatasetCreator, { dataset: name });
      expect(data).toStrictEqual({ dataset: { createdBy: userInfo(fx.users.MEMBER) } });
      await fx.services.datasetPermissions.setUser(SYSTEM, name, fx.users.COLLABORATOR.user.id, 'VIEW');
      expect(await client(fx.users.COLLABORATOR.key).graphql(DOC.getDatasetCreator, { dataset: name })).toStrictEqual(
        data,
      );
    });

    it('an unknown dataset, or one the caller cannot see, is {"dataset": null} without errors', async () => {
      const hidden = await dataset('Hidden', fx.users.ADMIN);
      expect(await member.graphql(DOC.getDatasetCreator, { dataset: 'no such dataset' })).toStrictEqual({
        dataset: null,
      });
      expect(await member.graphql(DOC.getPermissionsForDataset, { dataset: hidden })).toStrictEqual({ dataset: null });
      expect(
        await member.graphql(DOC.getPermissionsForDatasetUser, { dataset: hidden, userId: fx.users.MEMBER.user.id }),
      ).toStrictEqual({ dataset: null });
    });

    it('default and user permissions: set, read (by user and for the dataset) and delete', async () => {
      const name = await dataset('Perms', fx.users.MEMBER);
      const collaborator = fx.users.COLLABORATOR;
      expect(
        await member.graphql(DOC.setDatasetDefaultPermission, { identifier: name, permission: 'TAG' }),
      ).toStrictEqual({ setDatasetDefaultPermission: { id: expect.any(String) as unknown } });
      expect(
        await member.graphql(DOC.setDatasetUserPermission, {
          identifier: name,
          userId: collaborator.user.id,
          permission: 'EDIT',
        }),
      ).toStrictEqual({
        setDatasetUserPermission: { id: expect.any(String) as unknown },
      });
      expect(await permissionOf(member, name, collaborator.user.id)).toBe('EDIT');
      expect(await permissionOf(member, name, fx.users.GUEST.user.id)).toBe('NO_ACCESS');
      expect(await permissionOf(admin, name, 'nobody-at-all')).toBe('NO_ACCESS');

      const data = await member.graphql<{ dataset: { users: Array<Record<string, unknown>> } }>(
        DOC.getPermissionsForDataset,
        { dataset: name },
      );
      for (const row of data.dataset.users) {
        expect(Object.keys(row).sort()).toEqual(['activePermission', 'user']);
        expect(Object.keys(row.user as object).sort()).toEqual(['email', 'id', 'name']);
      }
      const byEmail = Object.fromEntries(
        data.dataset.users.map((u) => [(u.user as { email: string }).email, u.activePermission]),
      );
      expect(byEmail).toMatchObject({
        [fx.users.ADMIN.email]: 'MANAGE',
        [fx.users.MEMBER.email]: 'MANAGE',
        [collaborator.email]: 'EDIT',
      });
      expect(byEmail[fx.users.GUEST.email]).toBeUndefined();

      // A role above the cap is refused, as an error answer.
      expect(
        (
          await raised(
            member.graphql(DOC.setDatasetUserPermission, {
              identifier: name,
              userId: collaborator.user.id,
              permission: 'MANAGE',
            }),
          )
        ).message,
      ).toMatch(/at most EDIT/);
      expect(
        await member.graphql(DOC.deleteDatasetUserPermission, { identifier: name, userId: collaborator.user.id }),
      ).toStrictEqual({ removeDatasetUserPermission: { id: expect.any(String) as unknown } });
      expect(await permissionOf(member, name, collaborator.user.id)).toBe('NO_ACCESS');
      // Without MANAGE: an error answer, nothing changes.
      await fx.services.datasetPermissions.setUser(SYSTEM, name, collaborator.user.id, 'EDIT');
      await raised(
        client(collaborator.key).graphql(DOC.setDatasetDefaultPermission, { identifier: name, permission: 'VIEW' }),
      );
      await raised(client(collaborator.key).graphql(DOC.getPermissionsForDataset, { dataset: name }));
      // A user may read their own permission with VIEW.
      expect(await permissionOf(client(collaborator.key), name, collaborator.user.id)).toBe('EDIT');
    });

    it('set_dataset_user_permission with an email: existing users by email; an unknown email is invited (admins)', async () => {
      const name = await dataset('Invite', fx.users.ADMIN);
      await admin.graphql(DOC.setDatasetUserPermission, {
        identifier: name,
        userId: fx.users.GUEST.email,
        permission: 'VIEW',
      });
      expect(await permissionOf(admin, name, fx.users.GUEST.user.id)).toBe('VIEW');
      await admin.graphql(DOC.setDatasetUserPermission, {
        identifier: name,
        userId: 'new-guest@example.com',
        permission: 'VIEW',
      });
      const { invitations } = await admin.graphql<{ invitations: Array<{ inviteeEmail: string }> }>(
        DOC.listPendingInvitations,
      );
      expect(invitations.map((i) => i.inviteeEmail)).toContain('new-guest@example.com');
    });

    it('get_permissions_for_user pages datasetsConnection by name, 25 at a time, with the user’s permission or null', async () => {
      const extra = await fx.createUser('MEMBER', 'paging');
      const granted: string[] = [];
      for (let i = 0; i < 28; i++) {
        const name = await dataset(`Page ${String(i).padStart(2, '0')}`, fx.users.ADMIN);
        if (i % 3 === 0) {
          await fx.services.datasetPermissions.setUser(SYSTEM, name, extra.user.id, 'TAG');
          granted.push(name);
        }
      }
      const nodes = await admin.graphqlConnection<{ name: string; user: { activePermission: string } | null }>(
        DOC.getPermissionsForUser,
        'datasetsConnection',
        { userId: extra.user.id },
      );
      const all = (await fx.services.datasets.list(SYSTEM, { pageSize: 200 })).datasets.map((d) => d.name);
      expect(all.length).toBeGreaterThan(25);
      expect(nodes.map((n) => n.name)).toEqual(all);
      // Exactly the datasets the JSON API says the user can see (grants, and defaults other tests set), with the same permission.
      const expected = (await fx.services.datasetPermissions.forUser(SYSTEM, extra.user.id)).datasets.map((d) => ({
        name: d.datasetName,
        user: { activePermission: d.activePermission },
      }));
      expect(nodes.filter((n) => n.user !== null)).toEqual(expected);
      expect(expected.filter((d) => granted.includes(d.name))).toEqual(
        granted.map((name) => ({ name, user: { activePermission: 'TAG' } })),
      );
      // The member's own view: only the datasets they can see.
      const mine = await client(extra.key).graphqlConnection<{
        name: string;
        user: { activePermission: string } | null;
      }>(DOC.getPermissionsForUser, 'datasetsConnection', { userId: extra.user.id });
      expect(mine).toEqual(expected);
    });
  });

  describe('user groups', () => {
    it('create, get by name or id, list (verbose and names), update info, add and remove users, delete', async () => {
      const created = await admin.graphql<{ createUserGroup: GroupNode }>(DOC.createUserGroup, {
        name: 'Annotators',
        description: 'label team',
      });
      const group = created.createUserGroup;
      expect(Object.keys(group).sort()).toEqual(['description', 'id', 'name', 'users']);
      expect(group).toMatchObject({ name: 'Annotators', description: 'label team', users: [] });

      const added = await admin.graphql<{ addUserGroupUsers: GroupNode }>(DOC.addUsersToGroup, {
        groupId: group.id,
        userIds: [fx.users.GUEST.user.id, fx.users.COLLABORATOR.user.id],
      });
      expect(added.addUserGroupUsers.users).toStrictEqual(
        [userInfo(fx.users.COLLABORATOR), userInfo(fx.users.GUEST)].sort((a, b) => a.email.localeCompare(b.email)),
      );

      expect(
        (await admin.graphql<{ userGroup: GroupNode }>(DOC.getUserGroup, { groupId: 'annotators' })).userGroup.id,
      ).toBe(group.id);
      expect(
        (await admin.graphql<{ userGroup: GroupNode }>(DOC.getUserGroup, { groupId: group.id })).userGroup,
      ).toStrictEqual(added.addUserGroupUsers);
      expect(await admin.graphql(DOC.getUserGroup, { groupId: 'No Such Group' })).toStrictEqual({ userGroup: null });

      const listed = await admin.graphql<{ userGroups: GroupNode[] }>(DOC.listUserGroups, { first: 100 });
      expect(listed.userGroups.map((g) => g.id)).toContain(group.id);
      expect(
        (await admin.graphql<{ userGroups: Array<Record<string, unknown>> }>(DOC.listUserGroupNames, { first: 100 }))
          .userGroups,
      ).toContainEqual({ name: 'Annotators' });

      const forGuest = await admin.graphql<{ user: { userGroups: GroupNode[] } }>(DOC.listUserGroupsForUser, {
        user_id: fx.users.GUEST.user.id,
      });
      expect(forGuest.user.userGroups.map((g) => g.name)).toEqual(['Annotators']);

      // FiftyOne's update_user_group sends both name and description; a null one stays as it was.
      const renamed = await admin.graphql<{ updateUserGroupInfo: GroupNode }>(DOC.updateUserGroup, {
        groupId: group.id,
        name: 'Labelers',
        description: null,
      });
      expect(renamed.updateUserGroupInfo).toMatchObject({ name: 'Labelers', description: 'label team' });
      const removed = await admin.graphql<{ removeUserGroupUsers: GroupNode }>(DOC.removeUsersFromGroup, {
        groupId: group.id,
        userIds: [fx.users.GUEST.user.id],
      });
      expect(removed.removeUserGroupUsers.users.map((u) => u.id)).toEqual([fx.users.COLLABORATOR.user.id]);

      expect(await admin.graphql(DOC.deleteUserGroup, { groupId: group.id })).toStrictEqual({ deleteUserGroup: true });
      expect(await admin.graphql(DOC.getUserGroup, { groupId: group.id })).toStrictEqual({ userGroup: null });
    });

    it('group writes are admin-only; names are unique in any case; members must exist', async () => {
      await raised(member.graphql(DOC.createUserGroup, { name: 'Members Club', description: null }));
      const { createUserGroup } = await admin.graphql<{ createUserGroup: GroupNode }>(DOC.createUserGroup, {
        name: 'Reviewers',
        description: null,
      });
      expect(
        (await raised(admin.graphql(DOC.createUserGroup, { name: 'REVIEWERS', description: null }))).message,
      ).toMatch(/already exists/);
      await raised(admin.graphql(DOC.addUsersToGroup, { groupId: createUserGroup.id, userIds: ['ghost@example.com'] }));
      await raised(
        member.graphql(DOC.addUsersToGroup, { groupId: createUserGroup.id, userIds: [fx.users.MEMBER.user.id] }),
      );
      await raised(member.graphql(DOC.deleteUserGroup, { groupId: createUserGroup.id }));
      // Non-admins list only the groups they are in, and may read their own.
      expect(
        (await member.graphql<{ userGroups: GroupNode[] }>(DOC.listUserGroups, { first: 100 })).userGroups,
      ).toEqual([]);
      await admin.graphql(DOC.addUsersToGroup, { groupId: createUserGroup.id, userIds: [fx.users.MEMBER.user.id] });
      expect(
        (await member.graphql<{ userGroups: GroupNode[] }>(DOC.listUserGroupNames, { first: 100 })).userGroups,
      ).toEqual([{ name: 'Reviewers' }]);
      expect(
        (
          await member.graphql<{ user: { userGroups: GroupNode[] } }>(DOC.listUserGroupsForUser, {
            user_id: fx.users.MEMBER.user.id,
          })
        ).user.userGroups,
      ).toHaveLength(1);
      await raised(member.graphql(DOC.listUserGroupsForUser, { user_id: fx.users.GUEST.user.id }));
    });

    it('group grants: a guest in an EDIT group gets VIEW, a collaborator in a MANAGE group EDIT; removal takes effect at once', async () => {
      const name = await dataset('Grouped', fx.users.MEMBER);
      const guest = await fx.createUser('GUEST', 'ingroup');
      const collaborator = await fx.createUser('COLLABORATOR', 'ingroup');
      const { createUserGroup: editors } = await admin.graphql<{ createUserGroup: GroupNode }>(DOC.createUserGroup, {
        name: 'Editors',
        description: null,
      });
      const { createUserGroup: managers } = await admin.graphql<{ createUserGroup: GroupNode }>(DOC.createUserGroup, {
        name: 'Managers',
        description: 'all powers',
      });
      await admin.graphql(DOC.addUsersToGroup, { groupId: editors.id, userIds: [guest.user.id] });
      await admin.graphql(DOC.addUsersToGroup, { groupId: managers.id, userIds: [collaborator.user.id] });

      // The dataset's manager (a member, not an admin) grants to groups by name or id.
      expect(
        await member.graphql(DOC.setDatasetUserGroupPermission, {
          identifier: name,
          userGroupIdentifier: 'editors',
          permission: 'EDIT',
        }),
      ).toStrictEqual({
        setDatasetUserGroupPermission: { id: expect.any(String) as unknown },
      });
      await member.graphql(DOC.setDatasetUserGroupPermission, {
        identifier: name,
        userGroupIdentifier: managers.id,
        permission: 'MANAGE',
      });
      expect(await permissionOf(member, name, guest.user.id)).toBe('VIEW');
      expect(await permissionOf(member, name, collaborator.user.id)).toBe('EDIT');
      // The grantees see the dataset themselves.
      expect(
        (await client(collaborator.key).graphql<{ dataset: unknown }>(DOC.getDatasetCreator, { dataset: name }))
          .dataset,
      ).not.toBeNull();

      const full = await member.graphql<{
        dataset: {
          users: Array<{ user: { id: string }; activePermission: string; userPermission: string | null }>;
          userGroups: Array<Record<string, unknown>>;
        };
      }>(DOC.getPermissionsForDatasetWithGroups, { dataset: name });
      expect(full.dataset.users.find((u) => u.user.id === collaborator.user.id)).toMatchObject({
        activePermission: 'EDIT',
        userPermission: null,
      });
      expect(full.dataset.userGroups).toStrictEqual([
        { id: editors.id, name: 'Editors', description: null, permission: 'EDIT' },
        { id: managers.id, name: 'Managers', description: 'all powers', permission: 'MANAGE' },
      ]);
      expect(
        await member.graphql(DOC.getPermissionsForDatasetUserGroup, { dataset: name, groupId: 'Editors' }),
      ).toStrictEqual({ dataset: { userGroup: { permission: 'EDIT' } } });

      const perGroup = await admin.graphqlConnection<{ name: string; userGroup: { permission: string } | null }>(
        DOC.getPermissionsForUserGroup,
        'datasetsConnection',
        { groupId: managers.id },
      );
      expect(perGroup.filter((n) => n.userGroup !== null)).toEqual([{ name, userGroup: { permission: 'MANAGE' } }]);

      expect(
        await member.graphql(DOC.removeDatasetUserGroupPermission, {
          identifier: name,
          userGroupIdentifier: editors.id,
        }),
      ).toStrictEqual({
        removeDatasetUserGroupPermission: { id: expect.any(String) as unknown },
      });
      expect(await permissionOf(member, name, guest.user.id)).toBe('NO_ACCESS');
      expect(
        await member.graphql(DOC.getPermissionsForDatasetUserGroup, { dataset: name, groupId: editors.id }),
      ).toStrictEqual({ dataset: { userGroup: null } });
      await admin.graphql(DOC.removeUsersFromGroup, { groupId: managers.id, userIds: [collaborator.email] });
      expect(await permissionOf(member, name, collaborator.user.id)).toBe('NO_ACCESS');
      expect(await client(collaborator.key).graphql(DOC.getDatasetCreator, { dataset: name })).toStrictEqual({
        dataset: null,
      });

      // Group grants need MANAGE on the dataset.
      await raised(
        client(fx.users.COLLABORATOR.key).graphql(DOC.setDatasetUserGroupPermission, {
          identifier: name,
          userGroupIdentifier: editors.id,
          permission: 'VIEW',
        }),
      );
      await raised(
        member.graphql(DOC.setDatasetUserGroupPermission, {
          identifier: name,
          userGroupIdentifier: 'no such group',
          permission: 'VIEW',
        }),
      );
    });
  });

  describe('scoped keys (issue 15)', () => {
    it('a key listing one dataset at VIEW sees only it, capped, in dataset queries and datasetsConnection', async () => {
      const inside = await dataset('GraphQL scoped in', fx.users.MEMBER);
      const outside = await dataset('GraphQL scoped out', fx.users.MEMBER);
      const created = await member.graphql<{ generateApiKey: { key: string } }>(
        `mutation($name: String!, $datasets: [String!]) {
          generateApiKey(name: $name, maxPermission: "VIEW", datasets: $datasets, readOnlyManagement: true) { key }
        }`,
        { name: 'graphql scoped', datasets: [inside] },
      );
      const scoped = client(created.generateApiKey.key);
      expect(await permissionOf(scoped, inside, fx.users.MEMBER.user.id)).toBe('VIEW');
      const hidden = await scoped.graphql<{ dataset: unknown }>(DOC.getDatasetCreator, { dataset: outside });
      expect(hidden.dataset).toBeNull();
      const listed = await scoped.graphqlConnection<{ name: string; user: { activePermission: string } | null }>(
        DOC.getPermissionsForUser,
        'datasetsConnection',
        { userId: fx.users.MEMBER.user.id },
      );
      expect(listed.map((d) => [d.name, d.user?.activePermission])).toEqual([[inside, 'VIEW']]);
      // Read-only management: FiftyOne's generate_api_key and set_dataset_user_permission are refused.
      const refused = await raised(scoped.graphql(DOC.generateApiKey, { name: 'more', userId: null }));
      expect(refused.message).toContain('read-only management');
      // The key lists carry the scope; FiftyOne's selection (id, name, createdAt) is unchanged.
      const keys = await member.graphql<{ user: { apiKeys: Array<{ name: string; scope: unknown }> } }>(
        `query ($userId: String!) { user(id: $userId) { apiKeys { name scope { maxPermission datasets readOnlyManagement } } } }`,
        { userId: fx.users.MEMBER.user.id },
      );
      expect(keys.user.apiKeys.find((k) => k.name === 'graphql scoped')?.scope).toEqual({
        maxPermission: 'VIEW',
        datasets: [inside],
        readOnlyManagement: true,
      });
    });

    it('an unscoped key made by FiftyOne’s generate_api_key acts as its user', async () => {
      const name = await dataset('GraphQL unscoped', fx.users.MEMBER);
      const created = await member.graphql<{ generateApiKey: { key: string } }>(DOC.generateApiKey, {
        name: 'fiftyone style',
        userId: null,
      });
      expect(await permissionOf(client(created.generateApiKey.key), name, fx.users.MEMBER.user.id)).toBe('MANAGE');
    });
  });
});
