// Group grants on SQLite and PostgreSQL: effective permission through groups (capped by role), visibility, listings, removal at once.
import type { Dataset, User, UserGroup } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor.js';
import type { Services } from '../services.js';
import {
  actorFor,
  expectAppError,
  makeUser,
  uniqueName,
  useTeamServices,
  type Team,
} from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('dataset group permissions on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), { config: { background: false }, label: 'dgp' });

  const create = (label: string, actor = team.as.admin): Promise<Dataset> =>
    services.datasets.create(actor, { name: uniqueName(label) });
  const group = (label: string, members: User[]): Promise<UserGroup> =>
    services.groups.create(team.as.admin, { name: uniqueName(label), users: members.map((u) => u.id) });
  /** The permission `actor` has on the dataset as every read path computes it: get, the listing, and getUser (MANAGE view). */
  const permissionSeen = async (actor: Actor, ds: Dataset): Promise<string> => {
    const user = actor.kind === 'user' ? actor.user : undefined;
    const viaGet = await services.datasets.get(actor, ds.name).then(
      (d) => d.permission,
      () => 'NO_ACCESS',
    );
    const listed =
      (await services.datasets.list(actor, { search: ds.name })).datasets.find((d) => d.id === ds.id)?.permission ??
      'NO_ACCESS';
    const asAdmin = user
      ? (await services.datasetPermissions.getUser(team.as.admin, ds.name, user.id)).activePermission
      : 'MANAGE';
    expect([viaGet, listed, asAdmin], 'get, list and getUser agree').toEqual([viaGet, viaGet, viaGet]);
    return viaGet;
  };

  it('a guest in an EDIT group still gets VIEW', async () => {
    const ds = await create('guest edit');
    const guest = await makeUser(services, 'GUEST', 'dgp');
    const editors = await group('editors', [guest]);
    expect(await permissionSeen(actorFor(guest), ds)).toBe('NO_ACCESS');
    expect(await services.datasetPermissions.setGroup(team.as.admin, ds.name, editors.name, 'EDIT')).toEqual({
      group: { id: editors.id, name: editors.name, description: null },
      permission: 'EDIT',
    });
    expect(await permissionSeen(actorFor(guest), ds)).toBe('VIEW');
    await expectAppError(services.datasets.update(actorFor(guest), ds.name, { description: 'x' }), 'FORBIDDEN');
  });

  it('a collaborator in a MANAGE group gets EDIT', async () => {
    const ds = await create('collab manage');
    const collaborator = await makeUser(services, 'COLLABORATOR', 'dgp');
    const managers = await group('managers', [collaborator]);
    await services.datasetPermissions.setGroup(team.as.admin, ds.name, managers.id, 'MANAGE');
    expect(await permissionSeen(actorFor(collaborator), ds)).toBe('EDIT');
    await expectAppError(services.datasetPermissions.listUsers(actorFor(collaborator), ds.name), 'FORBIDDEN');
  });

  it('a member gets the higher of the default, their own grant and their groups’ grants', async () => {
    const ds = await create('member max');
    const member = await makeUser(services, 'MEMBER', 'dgp');
    const viewers = await group('viewers', [member]);
    const taggers = await group('taggers', [member]);
    await services.datasetPermissions.setDefault(team.as.admin, ds.name, 'TAG');
    await services.datasetPermissions.setGroup(team.as.admin, ds.name, viewers.id, 'VIEW');
    expect(await permissionSeen(actorFor(member), ds)).toBe('TAG');
    await services.datasetPermissions.setGroup(team.as.admin, ds.name, taggers.id, 'EDIT');
    expect(await permissionSeen(actorFor(member), ds)).toBe('EDIT');
    await services.datasetPermissions.setUser(team.as.admin, ds.name, member.id, 'MANAGE');
    expect(await permissionSeen(actorFor(member), ds)).toBe('MANAGE');
    await services.datasetPermissions.removeUser(team.as.admin, ds.name, member.id);
    await services.datasetPermissions.setDefault(team.as.admin, ds.name, 'NO_ACCESS');
    expect(await permissionSeen(actorFor(member), ds)).toBe('EDIT');
    // A group NO_ACCESS grant takes nothing away.
    await services.datasetPermissions.setGroup(team.as.admin, ds.name, viewers.id, 'NO_ACCESS');
    expect(await permissionSeen(actorFor(member), ds)).toBe('EDIT');
  });

  it('makes a dataset visible through a group only, and hides it again when the grant, membership or group goes', async () => {
    const collaborator = await makeUser(services, 'COLLABORATOR', 'dgp');
    const actor = actorFor(collaborator);
    const [viaGrant, viaMembership, viaGroup, never] = await Promise.all(
      ['vis grant', 'vis membership', 'vis group', 'vis never'].map((l) => create(l)),
    );
    const readers = await group('readers', [collaborator]);
    const others = await group('others', [collaborator]);
    for (const ds of [viaGrant!, viaMembership!])
      await services.datasetPermissions.setGroup(team.as.admin, ds.name, readers.id, 'VIEW');
    await services.datasetPermissions.setGroup(team.as.admin, viaGroup!.name, others.id, 'TAG');

    const visible = async (): Promise<string[]> =>
      (await services.datasets.list(actor, { pageSize: 200 })).datasets.map((d) => d.name).sort();
    expect(await visible()).toEqual([viaGrant!.name, viaMembership!.name, viaGroup!.name].sort());
    expect((await services.datasets.list(actor, { pageSize: 200 })).total).toBe(3);
    await expectAppError(services.datasets.get(actor, never!.name), 'NOT_FOUND');
    expect((await services.datasetPermissions.forUser(actor, collaborator.id)).datasets).toContainEqual({
      datasetId: viaGroup!.id,
      datasetName: viaGroup!.name,
      userPermission: null,
      activePermission: 'TAG',
    });

    // Each removal takes effect on the next request: no effective permission is cached anywhere.
    await services.datasetPermissions.removeGroup(team.as.admin, viaGrant!.name, readers.name);
    await expectAppError(services.datasets.get(actor, viaGrant!.name), 'NOT_FOUND');
    await services.groups.removeUsers(team.as.admin, readers.id, [collaborator.email]);
    await expectAppError(services.datasets.get(actor, viaMembership!.name), 'NOT_FOUND');
    expect((await services.datasets.get(actor, viaGroup!.name)).permission).toBe('TAG');
    await services.groups.delete(team.as.admin, others.id);
    await expectAppError(services.datasets.get(actor, viaGroup!.name), 'NOT_FOUND');
    expect(await visible()).toEqual([]);
    expect(
      await services.database.db
        .selectFrom('dataset_group_permissions')
        .select('dataset_id')
        .where('group_id', '=', others.id)
        .execute(),
    ).toEqual([]);
  });

  it('lists users with access through groups and the group grants themselves', async () => {
    const ds = await create('listing');
    const guest = await makeUser(services, 'GUEST', 'dgp');
    const collaborator = await makeUser(services, 'COLLABORATOR', 'dgp');
    const outsider = await makeUser(services, 'COLLABORATOR', 'dgp');
    const mixed = await group('mixed', [guest, collaborator]);
    const empty = await group('nobody', []);
    const zero = await group('zero', [outsider]);
    await services.datasetPermissions.setGroup(team.as.admin, ds.name, mixed.id, 'EDIT');
    await services.datasetPermissions.setGroup(team.as.admin, ds.name, empty.id, 'VIEW');
    await services.datasetPermissions.setGroup(team.as.admin, ds.name, zero.id, 'NO_ACCESS');
    await services.datasetPermissions.setUser(team.as.admin, ds.name, guest.id, 'VIEW');

    const list = await services.datasetPermissions.listUsers(team.as.admin, ds.name);
    const byId = new Map(list.users.map((u) => [u.user.id, u]));
    expect(byId.get(guest.id)).toMatchObject({ userPermission: 'VIEW', activePermission: 'VIEW' });
    expect(byId.get(collaborator.id)).toMatchObject({ userPermission: null, activePermission: 'EDIT' });
    // Reached only through a NO_ACCESS group grant: no access, not listed.
    expect(byId.has(outsider.id)).toBe(false);
    expect(list.groups.map((g) => [g.group.name, g.permission])).toEqual(
      [
        [mixed.name, 'EDIT'],
        [empty.name, 'VIEW'],
        [zero.name, 'NO_ACCESS'],
      ].sort((a, b) => a[0]!.toLowerCase().localeCompare(b[0]!.toLowerCase())),
    );
    expect(await services.datasetPermissions.listGroups(team.as.admin, ds.name, { limit: 1 })).toHaveLength(1);
  });

  it('reads, sets and removes a group grant with MANAGE only; reads a group’s datasets as admin', async () => {
    const ds = await create('manage only', team.as.member);
    const readers = await group('perm readers', [team.collaborator]);
    await expectAppError(
      services.datasetPermissions.setGroup(team.as.collaborator, ds.name, readers.id, 'VIEW'),
      'NOT_FOUND',
    );
    await expectAppError(
      services.datasetPermissions.setGroup(team.as.member, ds.name, 'no such group', 'VIEW'),
      'NOT_FOUND',
    );
    await expectAppError(
      services.datasetPermissions.setGroup(team.as.member, ds.name, readers.id, 'OWNER' as never),
      'BAD_REQUEST',
    );
    expect(await services.datasetPermissions.findGroup(team.as.member, ds.name, readers.name)).toMatchObject({
      group: { id: readers.id },
      permission: undefined,
    });

    await services.datasetPermissions.setGroup(team.as.member, ds.name, readers.name, 'TAG');
    const error = await expectAppError(
      services.datasetPermissions.setGroup(team.as.collaborator, ds.name, readers.id, 'EDIT'),
      'FORBIDDEN',
    );
    expect(error.details).toEqual({ required: 'MANAGE', actual: 'TAG' });
    await expectAppError(services.datasetPermissions.findGroup(team.as.collaborator, ds.name, readers.id), 'FORBIDDEN');
    expect((await services.datasetPermissions.findGroup(team.as.member, ds.name, readers.id)).permission).toBe('TAG');
    const events = await services.audit.list(team.as.admin, { action: 'dataset.group_permission_set', limit: 1 });
    expect(events[0]).toMatchObject({
      actorId: team.member.id,
      targetId: ds.id,
      details: { groupId: readers.id, permission: 'TAG', previous: null },
    });

    expect(await services.datasetPermissions.forGroup(team.as.admin, readers.name)).toEqual({
      group: { id: readers.id, name: readers.name, description: null },
      datasets: [{ datasetId: ds.id, datasetName: ds.name, permission: 'TAG' }],
    });
    await expectAppError(services.datasetPermissions.forGroup(team.as.member, readers.id), 'FORBIDDEN');

    await services.datasetPermissions.removeGroup(team.as.member, ds.name, readers.id);
    await expectAppError(services.datasetPermissions.removeGroup(team.as.member, ds.name, readers.id), 'NOT_FOUND');
    expect((await services.datasetPermissions.forGroup(team.as.admin, readers.id)).datasets).toEqual([]);
    const removed = await services.audit.list(team.as.admin, { action: 'dataset.group_permission_remove', limit: 1 });
    expect(removed[0]).toMatchObject({ targetId: ds.id, details: { groupId: readers.id, previous: 'TAG' } });
  });

  it('drops a dataset’s group grants with the dataset', async () => {
    const ds = await create('dataset leaves');
    const g = await group('left behind', [team.guest]);
    await services.datasetPermissions.setGroup(team.as.admin, ds.name, g.id, 'VIEW');
    await services.datasets.delete(team.as.admin, ds.name);
    expect((await services.datasetPermissions.forGroup(team.as.admin, g.id)).datasets).toEqual([]);
  });
});
