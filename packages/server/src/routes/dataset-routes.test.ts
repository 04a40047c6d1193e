// Dataset routes over HTTP: creation, visibility by role, grant and default permission, role caps, 404/403 rules, demotion, rename and delete.
import {
  PATHS,
  fillPath,
  type Dataset,
  type DatasetPage,
  type DatasetPermissionList,
  type DatasetUserPermission,
  type UserDatasetPermissionList,
} from '@teamset/contract';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

let seq = 0;
function uniqueName(label: string): string {
  seq += 1;
  return `${label} ${seq}`;
}

describe('dataset routes', () => {
  let fx: AuthFixture;
  beforeAll(async () => {
    fx = await createAuthFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const as = (key: string) => keyHeaders(key);
  const send = (
    headers: Record<string, string>,
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    fx.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const datasetUrl = (name: string) => fillPath(PATHS.dataset, { name });
  const userPermissionUrl = (name: string, user: string) => fillPath(PATHS.datasetUserPermission, { name, user });
  const create = async (key: string, name: string, extra: Record<string, unknown> = {}): Promise<Dataset> => {
    const response = await send(as(key), 'POST', PATHS.datasets, { name, ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Dataset>();
  };
  const grant = async (key: string, name: string, user: string, permission: string): Promise<LightMyRequestResponse> =>
    send(as(key), 'PUT', userPermissionUrl(name, user), { permission });
  const list = async (key: string, query = ''): Promise<DatasetPage> => {
    const response = await send(as(key), 'GET', `${PATHS.datasets}${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<DatasetPage>();
  };

  it('a member creates a dataset (201) and holds MANAGE on it', async () => {
    const name = uniqueName('Member Birds');
    const response = await send(as(fx.users.MEMBER.key), 'POST', PATHS.datasets, {
      name,
      mediaType: 'video',
      tags: ['birds'],
      description: 'd',
      info: { a: 1 },
    });
    expect(response.statusCode, response.body).toBe(201);
    const dataset = response.json<Dataset>();
    expect(dataset).toMatchObject({
      name,
      slug: name.toLowerCase().replace(/ /g, '-'),
      mediaType: 'video',
      tags: ['birds'],
      description: 'd',
      info: { a: 1 },
      createdBy: fx.users.MEMBER.user.id,
      defaultPermission: 'NO_ACCESS',
      permission: 'MANAGE',
    });
    expect(Object.keys(dataset).sort()).toEqual([
      'createdAt',
      'createdBy',
      'defaultPermission',
      'description',
      'id',
      'info',
      'lastModifiedAt',
      'mediaType',
      'name',
      'permission',
      'slug',
      'tags',
    ]);
    expect((await send(as(fx.users.MEMBER.key), 'GET', datasetUrl(name))).json<Dataset>()).toEqual(dataset);
  });

  it('a collaborator cannot create (403), a duplicate name or slug is 409 naming the field, a bad body 400', async () => {
    const denied = expectError(
      await send(as(fx.users.COLLABORATOR.key), 'POST', PATHS.datasets, { name: uniqueName('nope') }),
      403,
      'FORBIDDEN',
    );
    expect(denied.details).toMatchObject({ requiredRole: 'MEMBER', role: 'COLLABORATOR' });
    expectError(
      await send(sessionHeaders(await fx.newSession('GUEST')), 'POST', PATHS.datasets, { name: uniqueName('nope') }),
      403,
      'FORBIDDEN',
    );
    const name = uniqueName('Dup');
    await create(fx.users.MEMBER.key, name);
    expect(
      expectError(await send(as(fx.users.ADMIN.key), 'POST', PATHS.datasets, { name }), 409, 'CONFLICT').details,
    ).toEqual({ field: 'name' });
    expect(
      expectError(
        await send(as(fx.users.ADMIN.key), 'POST', PATHS.datasets, { name: name.toUpperCase() }),
        409,
        'CONFLICT',
      ).details,
    ).toMatchObject({ field: 'slug' });
    expect(
      expectError(await send(as(fx.users.MEMBER.key), 'POST', PATHS.datasets, { name: 'x', mediaType: 'audio' }), 400)
        .message,
    ).toContain('body.mediaType');
    expect(
      expectError(await send(as(fx.users.MEMBER.key), 'POST', PATHS.datasets, { name: '***' }), 400).details,
    ).toEqual({ field: 'name' });
    expect(
      expectError(await send(as(fx.users.MEMBER.key), 'POST', PATHS.datasets, { name: 'x', info: [1] }), 400).message,
    ).toContain('body.info');
  });

  it('a member’s dataset is invisible (404) to a collaborator without a grant and to a guest, exactly like a missing one', async () => {
    const name = uniqueName('Secret');
    await create(fx.users.MEMBER.key, name);
    const missing = expectError(
      await send(as(fx.users.COLLABORATOR.key), 'GET', datasetUrl('absent dataset')),
      404,
      'NOT_FOUND',
    );
    const guestSession = sessionHeaders(await fx.newSession('GUEST'));
    for (const headers of [as(fx.users.COLLABORATOR.key), guestSession]) {
      const hidden = expectError(await send(headers, 'GET', datasetUrl(name)), 404, 'NOT_FOUND');
      expect(hidden.message.replace(name, 'X')).toBe(missing.message.replace('absent dataset', 'X'));
      expectError(await send(headers, 'PATCH', datasetUrl(name), { description: 'x' }), 404, 'NOT_FOUND');
      expectError(await send(headers, 'DELETE', datasetUrl(name)), 404, 'NOT_FOUND');
      expectError(await send(headers, 'GET', fillPath(PATHS.datasetPermissions, { name })), 404, 'NOT_FOUND');
      expectError(
        await send(headers, 'PUT', fillPath(PATHS.datasetDefaultPermission, { name }), { permission: 'VIEW' }),
        404,
        'NOT_FOUND',
      );
    }
  });

  it('listing shows only visible datasets, each with the caller’s permission', async () => {
    const hidden = uniqueName('List Hidden');
    const shared = uniqueName('List Shared');
    await create(fx.users.MEMBER.key, hidden);
    await create(fx.users.MEMBER.key, shared);
    expect((await grant(fx.users.MEMBER.key, shared, fx.users.COLLABORATOR.email, 'TAG')).statusCode).toBe(200);
    const collaborator = (await list(fx.users.COLLABORATOR.key, '?search=list')).datasets.map((d) => [
      d.name,
      d.permission,
    ]);
    expect(collaborator).toEqual([[shared, 'TAG']]);
    const guest = await send(sessionHeaders(await fx.newSession('GUEST')), 'GET', `${PATHS.datasets}?search=list`);
    expect(guest.json<DatasetPage>()).toMatchObject({ datasets: [], total: 0 });
    const admin = (await list(fx.users.ADMIN.key, '?search=list&pageSize=1')).datasets;
    expect(admin.map((d) => [d.name, d.permission])).toEqual([[hidden, 'MANAGE']]);
    expect((await list(fx.users.ADMIN.key, '?search=list')).total).toBe(2);
  });

  it('a member sees another member’s dataset through its default permission', async () => {
    const other = await fx.createUser('MEMBER', 'default-member');
    const name = uniqueName('Defaulted');
    await create(fx.users.MEMBER.key, name);
    expectError(await send(as(other.key), 'GET', datasetUrl(name)), 404, 'NOT_FOUND');
    const response = await send(as(fx.users.MEMBER.key), 'PUT', fillPath(PATHS.datasetDefaultPermission, { name }), {
      permission: 'VIEW',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Dataset>()).toMatchObject({ defaultPermission: 'VIEW', permission: 'MANAGE' });
    expect((await send(as(other.key), 'GET', datasetUrl(name))).json<Dataset>().permission).toBe('VIEW');
    expect((await list(other.key, `?search=${encodeURIComponent(name)}`)).datasets.map((d) => d.permission)).toEqual([
      'VIEW',
    ]);
    // The default reaches members only.
    expectError(await send(as(fx.users.COLLABORATOR.key), 'GET', datasetUrl(name)), 404, 'NOT_FOUND');
  });

  it('a grant of EDIT to a guest is refused with 400 naming the cap VIEW; VIEW is granted', async () => {
    const name = uniqueName('Guest Cap');
    await create(fx.users.MEMBER.key, name);
    const refused = expectError(
      await grant(fx.users.MEMBER.key, name, fx.users.GUEST.email, 'EDIT'),
      400,
      'BAD_REQUEST',
    );
    expect(refused.message).toMatch(/at most VIEW/);
    expect(refused.details).toMatchObject({ field: 'permission', role: 'GUEST', cap: 'VIEW' });
    const granted = await grant(fx.users.MEMBER.key, name, fx.users.GUEST.user.id, 'VIEW');
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json<DatasetUserPermission>()).toMatchObject({
      user: { id: fx.users.GUEST.user.id, role: 'GUEST' },
      userPermission: 'VIEW',
      activePermission: 'VIEW',
    });
    expect(
      (await send(sessionHeaders(await fx.newSession('GUEST')), 'GET', datasetUrl(name))).json<Dataset>().permission,
    ).toBe('VIEW');
  });

  it('a collaborator with VIEW gets 403 {required: EDIT, actual: VIEW} on patch, and 403 MANAGE on rename and delete', async () => {
    const name = uniqueName('View Only');
    await create(fx.users.MEMBER.key, name);
    await grant(fx.users.MEMBER.key, name, fx.users.COLLABORATOR.user.id, 'VIEW');
    const headers = as(fx.users.COLLABORATOR.key);
    expect(
      expectError(await send(headers, 'PATCH', datasetUrl(name), { tags: ['x'] }), 403, 'FORBIDDEN').details,
    ).toEqual({ required: 'EDIT', actual: 'VIEW' });
    expect(
      expectError(await send(headers, 'PATCH', datasetUrl(name), { name: uniqueName('moved') }), 403).details,
    ).toEqual({ required: 'MANAGE', actual: 'VIEW' });
    expect(expectError(await send(headers, 'DELETE', datasetUrl(name)), 403).details).toEqual({
      required: 'MANAGE',
      actual: 'VIEW',
    });
    expect(expectError(await send(headers, 'GET', fillPath(PATHS.datasetPermissions, { name })), 403).details).toEqual({
      required: 'MANAGE',
      actual: 'VIEW',
    });
    // Their own permission they may read.
    const own = await send(headers, 'GET', userPermissionUrl(name, fx.users.COLLABORATOR.email));
    expect(own.json<DatasetUserPermission>()).toMatchObject({ userPermission: 'VIEW', activePermission: 'VIEW' });
    expectError(await send(headers, 'GET', userPermissionUrl(name, fx.users.MEMBER.email)), 403, 'FORBIDDEN');
  });

  it('EDIT lets a collaborator edit tags, description and info; MANAGE renames and deletes', async () => {
    const name = uniqueName('Editable');
    await create(fx.users.MEMBER.key, name);
    await grant(fx.users.MEMBER.key, name, fx.users.COLLABORATOR.user.id, 'EDIT');
    const edited = await send(as(fx.users.COLLABORATOR.key), 'PATCH', datasetUrl(name), {
      tags: ['a'],
      description: null,
      info: { k: 'v' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Dataset>()).toMatchObject({
      tags: ['a'],
      description: null,
      info: { k: 'v' },
      permission: 'EDIT',
    });

    const renamed = uniqueName('Renamed');
    const response = await send(as(fx.users.MEMBER.key), 'PATCH', datasetUrl(name), { name: renamed });
    expect(response.json<Dataset>()).toMatchObject({ name: renamed, slug: renamed.toLowerCase().replace(/ /g, '-') });
    expectError(await send(as(fx.users.MEMBER.key), 'GET', datasetUrl(name)), 404, 'NOT_FOUND');
    expect((await send(as(fx.users.COLLABORATOR.key), 'GET', datasetUrl(renamed))).json<Dataset>().permission).toBe(
      'EDIT',
    );
    expect(expectError(await send(as(fx.users.MEMBER.key), 'PATCH', datasetUrl(renamed), {}), 400).message).toBe(
      'body must have at least one field',
    );

    expect((await send(as(fx.users.MEMBER.key), 'DELETE', datasetUrl(renamed))).statusCode).toBe(204);
    expectError(await send(as(fx.users.MEMBER.key), 'GET', datasetUrl(renamed)), 404, 'NOT_FOUND');
  });

  it('demoting a user lowers their effective permission at once (cached key included)', async () => {
    const user = await fx.createUser('MEMBER', 'demoted');
    const name = uniqueName('Demotion');
    await create(user.key, name);
    expect((await send(as(user.key), 'GET', datasetUrl(name))).json<Dataset>().permission).toBe('MANAGE');
    expect(
      (
        await send(as(fx.users.ADMIN.key), 'PUT', fillPath(PATHS.userRole, { user: user.user.id }), {
          role: 'COLLABORATOR',
        })
      ).statusCode,
    ).toBe(200);
    expect((await send(as(user.key), 'GET', datasetUrl(name))).json<Dataset>().permission).toBe('EDIT');
    expect(expectError(await send(as(user.key), 'DELETE', datasetUrl(name)), 403).details).toEqual({
      required: 'MANAGE',
      actual: 'EDIT',
    });
    const listed = (
      await send(as(fx.users.ADMIN.key), 'GET', fillPath(PATHS.datasetPermissions, { name }))
    ).json<DatasetPermissionList>();
    expect(listed.users.find((u) => u.user.id === user.user.id)).toMatchObject({
      userPermission: 'MANAGE',
      activePermission: 'EDIT',
    });
  });

  it('lists users with access, removes a grant (204, then 404), and reports a user’s datasets', async () => {
    const name = uniqueName('Access List');
    const dataset = await create(fx.users.MEMBER.key, name);
    await grant(fx.users.MEMBER.key, name, fx.users.GUEST.user.id, 'VIEW');
    const listed = await send(as(fx.users.MEMBER.key), 'GET', fillPath(PATHS.datasetPermissions, { name }));
    expect(listed.statusCode, listed.body).toBe(200);
    const body = listed.json<DatasetPermissionList>();
    expect(body).toMatchObject({ dataset: name, defaultPermission: 'NO_ACCESS' });
    expect(body.users.find((u) => u.user.id === fx.users.GUEST.user.id)).toEqual({
      user: { id: fx.users.GUEST.user.id, email: fx.users.GUEST.email, name: fx.users.GUEST.user.name, role: 'GUEST' },
      userPermission: 'VIEW',
      activePermission: 'VIEW',
    });
    expect(body.users.find((u) => u.user.id === fx.users.ADMIN.user.id)).toMatchObject({
      userPermission: null,
      activePermission: 'MANAGE',
    });
    expect(body.users.map((u) => u.user.id)).not.toContain(fx.users.COLLABORATOR.user.id);

    const forGuest = await send(
      as(fx.users.ADMIN.key),
      'GET',
      fillPath(PATHS.userDatasetPermissions, { user: fx.users.GUEST.email }),
    );
    expect(forGuest.json<UserDatasetPermissionList>().datasets).toContainEqual({
      datasetId: dataset.id,
      datasetName: name,
      userPermission: 'VIEW',
      activePermission: 'VIEW',
    });
    const own = await send(
      sessionHeaders(await fx.newSession('GUEST')),
      'GET',
      fillPath(PATHS.userDatasetPermissions, { user: fx.users.GUEST.user.id }),
    );
    expect(own.json<UserDatasetPermissionList>()).toEqual(forGuest.json<UserDatasetPermissionList>());
    expectError(
      await send(
        as(fx.users.MEMBER.key),
        'GET',
        fillPath(PATHS.userDatasetPermissions, { user: fx.users.GUEST.user.id }),
      ),
      403,
      'FORBIDDEN',
    );

    expect(
      (await send(as(fx.users.MEMBER.key), 'DELETE', userPermissionUrl(name, fx.users.GUEST.email))).statusCode,
    ).toBe(204);
    expectError(
      await send(as(fx.users.MEMBER.key), 'DELETE', userPermissionUrl(name, fx.users.GUEST.email)),
      404,
      'NOT_FOUND',
    );
    expectError(
      await send(as(fx.users.MEMBER.key), 'PUT', userPermissionUrl(name, 'ghost@example.com'), { permission: 'VIEW' }),
      404,
      'NOT_FOUND',
    );
    expect(
      expectError(
        await send(as(fx.users.MEMBER.key), 'PUT', userPermissionUrl(name, fx.users.GUEST.email), {
          permission: 'OWNER',
        }),
        400,
      ).message,
    ).toMatch(/^body\.permission must be one of/);
  });

  it('dataset names with slashes and spaces work as path parameters', async () => {
    const name = uniqueName('a/b c');
    await create(fx.users.MEMBER.key, name);
    const response = await send(as(fx.users.MEMBER.key), 'GET', datasetUrl(name));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Dataset>().name).toBe(name);
    expect(
      expectError(await send(as(fx.users.MEMBER.key), 'GET', `${PATHS.datasets}/${'n'.repeat(201)}`), 400).message,
    ).toContain('params.name');
  });

  it('appears in the OpenAPI document', async () => {
    const doc = (await fx.inject({ method: 'GET', url: PATHS.openapi })).json<{ paths: Record<string, unknown> }>();
    for (const path of [
      '/api/v1/datasets',
      '/api/v1/datasets/{name}',
      '/api/v1/datasets/{name}/permissions',
      '/api/v1/datasets/{name}/permissions/users/{user}',
      '/api/v1/datasets/{name}/permissions/default',
      '/api/v1/users/{user}/dataset-permissions',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
  });
  it('with invite, an admin grants an unknown email: 201 with the invitation link (no-store); without it a 404 that says how', async () => {
    const name = uniqueName('Invite Birds');
    await create(fx.users.ADMIN.key, name);
    const email = `route-invitee-${Date.now().toString(36)}@example.com`;
    const refused = await send(as(fx.users.ADMIN.key), 'PUT', userPermissionUrl(name, email), { permission: 'VIEW' });
    expect(expectError(refused, 404, 'NOT_FOUND').message).toMatch(/invite: true/);
    const invited = await send(as(fx.users.ADMIN.key), 'PUT', userPermissionUrl(name, email), {
      permission: 'VIEW',
      invite: true,
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.headers['cache-control']).toBe('no-store');
    expect(invited.json()).toMatchObject({
      invitation: { email, role: 'GUEST' },
      url: expect.stringContaining('/accept-invitation?token='),
      permission: 'VIEW',
    });
    // A member who manages the dataset cannot invite people into the organization.
    await create(fx.users.MEMBER.key, `${name} m`);
    expectError(
      await send(as(fx.users.MEMBER.key), 'PUT', userPermissionUrl(`${name} m`, `m-${email}`), {
        permission: 'VIEW',
        invite: true,
      }),
      403,
      'FORBIDDEN',
    );
  });
});
