// User group routes over HTTP: admin-only writes, who reads which groups, membership, group grants on datasets and their effect.
import {
  PATHS,
  fillPath,
  type Dataset,
  type DatasetGroupPermission,
  type DatasetPermissionList,
  type GroupDatasetPermissionList,
  type UserGroup,
  type UserGroupList,
} from '@teamset/contract';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

describe('user group routes', () => {
  let fx: AuthFixture;
  beforeAll(async () => {
    fx = await createAuthFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const send = (
    key: string,
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    fx.inject({
      method,
      url,
      headers: keyHeaders(key),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
    const r = await response;
    expect(r.statusCode, r.body).toBe(status);
    return r.json<T>();
  };
  const groupUrl = (group: string) => fillPath(PATHS.userGroup, { group });
  const grantUrl = (name: string, group: string) => fillPath(PATHS.datasetGroupPermission, { name, group });
  const admin = () => fx.users.ADMIN.key;

  it('an admin creates a group with members (201), reads it by id or name; duplicates in any case are 409', async () => {
    const created = await ok<UserGroup>(
      send(admin(), 'POST', PATHS.userGroups, {
        name: 'Vision Team',
        description: 'cv',
        users: [fx.users.MEMBER.email, fx.users.GUEST.user.id],
      }),
      201,
    );
    expect(created).toMatchObject({ name: 'Vision Team', description: 'cv' });
    expect(Object.keys(created).sort()).toEqual(['createdAt', 'description', 'id', 'name', 'updatedAt', 'users']);
    expect(created.users.map((u) => u.email).sort()).toEqual([fx.users.GUEST.email, fx.users.MEMBER.email].sort());
    expect(Object.keys(created.users[0] ?? {}).sort()).toEqual(['email', 'id', 'name', 'role']);
    expect(await ok<UserGroup>(send(admin(), 'GET', groupUrl('vision team')))).toEqual(created);
    expect(await ok<UserGroup>(send(admin(), 'GET', groupUrl(created.id)))).toEqual(created);
    expect(
      expectError(await send(admin(), 'POST', PATHS.userGroups, { name: 'VISION TEAM' }), 409, 'CONFLICT').details,
    ).toEqual({ field: 'name' });
    expectError(
      await send(admin(), 'POST', PATHS.userGroups, { name: 'Ghosts', users: ['ghost@example.com'] }),
      404,
      'NOT_FOUND',
    );
    expect(expectError(await send(admin(), 'POST', PATHS.userGroups, { name: '' }), 400).message).toContain(
      'body.name',
    );
    expectError(await send(admin(), 'GET', groupUrl('no such group')), 404, 'NOT_FOUND');
  });

  it('non-admins cannot write groups (403) and read only the groups they are in', async () => {
    const group = await ok<UserGroup>(
      send(admin(), 'POST', PATHS.userGroups, { name: 'Closed Circle', users: [fx.users.COLLABORATOR.user.id] }),
      201,
    );
    for (const key of [fx.users.MEMBER.key, fx.users.COLLABORATOR.key]) {
      expectError(await send(key, 'POST', PATHS.userGroups, { name: 'Mine' }), 403, 'FORBIDDEN');
      expectError(await send(key, 'PATCH', groupUrl(group.id), { description: 'x' }), 403, 'FORBIDDEN');
      expectError(await send(key, 'DELETE', groupUrl(group.id)), 403, 'FORBIDDEN');
      expectError(
        await send(key, 'POST', fillPath(PATHS.userGroupUsers, { group: group.id }), {
          users: [fx.users.MEMBER.user.id],
        }),
        403,
        'FORBIDDEN',
      );
    }
    expect((await ok<UserGroup>(send(fx.users.COLLABORATOR.key, 'GET', groupUrl(group.name)))).id).toBe(group.id);
    expectError(await send(fx.users.MEMBER.key, 'GET', groupUrl(group.name)), 403, 'FORBIDDEN');
    expect(
      (await ok<UserGroupList>(send(fx.users.COLLABORATOR.key, 'GET', PATHS.userGroups))).groups.map((g) => g.id),
    ).toEqual([group.id]);
    const everything = await ok<UserGroupList>(send(admin(), 'GET', PATHS.userGroups));
    expect(everything.groups.map((g) => g.id)).toContain(group.id);
    // A user's groups: themselves or an admin; a guest signs in with a session (guests hold no usable key).
    const mine = fillPath(PATHS.userUserGroups, { user: fx.users.COLLABORATOR.email });
    expect((await ok<UserGroupList>(send(fx.users.COLLABORATOR.key, 'GET', mine))).groups.map((g) => g.name)).toEqual([
      'Closed Circle',
    ]);
    expectError(await send(fx.users.MEMBER.key, 'GET', mine), 403, 'FORBIDDEN');
    const guestGroups = await fx.inject({
      method: 'GET',
      url: fillPath(PATHS.userUserGroups, { user: fx.users.GUEST.user.id }),
      headers: sessionHeaders(await fx.newSession('GUEST')),
    });
    expect(guestGroups.statusCode, guestGroups.body).toBe(200);
  });

  it('edits, fills, empties and deletes a group', async () => {
    const group = await ok<UserGroup>(send(admin(), 'POST', PATHS.userGroups, { name: 'Rotating' }), 201);
    const edited = await ok<UserGroup>(
      send(admin(), 'PATCH', groupUrl(group.id), {
        name: 'Rotated',
        description: null,
        users: [fx.users.MEMBER.user.id],
      }),
    );
    expect(edited).toMatchObject({ id: group.id, name: 'Rotated', description: null });
    expect(edited.users.map((u) => u.id)).toEqual([fx.users.MEMBER.user.id]);
    expectError(await send(admin(), 'PATCH', groupUrl(group.id), {}), 400);
    const filled = await ok<UserGroup>(
      send(admin(), 'POST', fillPath(PATHS.userGroupUsers, { group: 'rotated' }), {
        users: [fx.users.COLLABORATOR.email],
      }),
    );
    expect(filled.users).toHaveLength(2);
    const emptied = await ok<UserGroup>(
      send(admin(), 'POST', fillPath(PATHS.userGroupUsersRemove, { group: group.id }), {
        users: [fx.users.COLLABORATOR.user.id, fx.users.MEMBER.email],
      }),
    );
    expect(emptied.users).toEqual([]);
    expectError(await send(admin(), 'POST', fillPath(PATHS.userGroupUsers, { group: group.id }), { users: [] }), 400);
    const deleted = await send(admin(), 'DELETE', groupUrl(group.id));
    expect(deleted.statusCode).toBe(204);
    expectError(await send(admin(), 'DELETE', groupUrl(group.id)), 404, 'NOT_FOUND');
  });

  it('group grants on a dataset: set, read, list among the permissions, remove — with MANAGE, capped per member', async () => {
    const dataset = await ok<Dataset>(
      send(fx.users.MEMBER.key, 'POST', PATHS.datasets, { name: 'grouped birds' }),
      201,
    );
    const guest = fx.users.GUEST;
    const group = await ok<UserGroup>(
      send(admin(), 'POST', PATHS.userGroups, {
        name: 'Bird Watchers',
        users: [guest.user.id, fx.users.COLLABORATOR.user.id],
      }),
      201,
    );

    expect(
      await ok<DatasetGroupPermission>(send(fx.users.MEMBER.key, 'GET', grantUrl(dataset.name, group.name))),
    ).toEqual({ group: { id: group.id, name: 'Bird Watchers', description: null }, permission: 'NO_ACCESS' });
    expect(
      await ok<DatasetGroupPermission>(
        send(fx.users.MEMBER.key, 'PUT', grantUrl(dataset.name, group.name), { permission: 'EDIT' }),
      ),
    ).toEqual({
      group: { id: group.id, name: 'Bird Watchers', description: null },
      permission: 'EDIT',
    });
    expect(
      (await ok<DatasetGroupPermission>(send(fx.users.MEMBER.key, 'GET', grantUrl(dataset.name, group.id)))).permission,
    ).toBe('EDIT');

    // The collaborator now sees the dataset with EDIT (their cap); the guest (session) with VIEW.
    expect(
      (await ok<Dataset>(send(fx.users.COLLABORATOR.key, 'GET', fillPath(PATHS.dataset, { name: dataset.name }))))
        .permission,
    ).toBe('EDIT');
    const guestView = await fx.inject({
      method: 'GET',
      url: fillPath(PATHS.dataset, { name: dataset.name }),
      headers: sessionHeaders(await fx.newSession('GUEST')),
    });
    expect(guestView.json<Dataset>().permission).toBe('VIEW');

    const list = await ok<DatasetPermissionList>(
      send(fx.users.MEMBER.key, 'GET', fillPath(PATHS.datasetPermissions, { name: dataset.name })),
    );
    expect(list.groups).toEqual([
      { group: { id: group.id, name: 'Bird Watchers', description: null }, permission: 'EDIT' },
    ]);
    expect(list.users.find((u) => u.user.id === guest.user.id)).toMatchObject({
      userPermission: null,
      activePermission: 'VIEW',
    });
    expect(
      await ok<GroupDatasetPermissionList>(
        send(admin(), 'GET', fillPath(PATHS.userGroupDatasetPermissions, { group: group.id })),
      ),
    ).toEqual({
      group: { id: group.id, name: 'Bird Watchers', description: null },
      datasets: [{ datasetId: dataset.id, datasetName: dataset.name, permission: 'EDIT' }],
    });
    expectError(
      await send(fx.users.MEMBER.key, 'GET', fillPath(PATHS.userGroupDatasetPermissions, { group: group.id })),
      403,
      'FORBIDDEN',
    );

    // Needs MANAGE: 403 for the collaborator who can see it, 404 for whoever cannot.
    expect(
      expectError(
        await send(fx.users.COLLABORATOR.key, 'PUT', grantUrl(dataset.name, group.id), { permission: 'MANAGE' }),
        403,
        'FORBIDDEN',
      ).details,
    ).toEqual({ required: 'MANAGE', actual: 'EDIT' });
    const outsider = await fx.createUser('COLLABORATOR', 'outsider');
    expectError(await send(outsider.key, 'DELETE', grantUrl(dataset.name, group.id)), 404, 'NOT_FOUND');
    expect(
      expectError(
        await send(fx.users.MEMBER.key, 'PUT', grantUrl(dataset.name, group.id), { permission: 'OWNER' }),
        400,
      ).message,
    ).toContain('body.permission');
    expectError(
      await send(fx.users.MEMBER.key, 'PUT', grantUrl(dataset.name, 'no such group'), { permission: 'VIEW' }),
      404,
      'NOT_FOUND',
    );

    expect((await send(fx.users.MEMBER.key, 'DELETE', grantUrl(dataset.name, group.id))).statusCode).toBe(204);
    expectError(await send(fx.users.MEMBER.key, 'DELETE', grantUrl(dataset.name, group.id)), 404, 'NOT_FOUND');
    expectError(
      await send(fx.users.COLLABORATOR.key, 'GET', fillPath(PATHS.dataset, { name: dataset.name })),
      404,
      'NOT_FOUND',
    );
  });
});
