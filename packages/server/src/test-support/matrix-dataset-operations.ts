// The authorization matrix's dataset and permission endpoints: listing, create, get, edit, rename, delete, user and group grants, default permission.
import {
  DATASET_PERMISSION_ROUTES,
  DATASET_ROUTES,
  PATHS,
  fillPath,
  type Dataset,
  type DatasetGroupPermission,
  type DatasetPage,
  type DatasetPermissionList,
  type DatasetUserPermission,
  type UserDatasetPermissionList,
} from '@teamset/contract';
import { SYSTEM_ACTOR, isAppError } from '@teamset/core';
import { expect } from 'vitest';
import { fromRoute, type CellContext, type MatrixOperation } from './matrix-operation.js';
import { BYSTANDER_GRANT } from './matrix-seed.js';

const datasetUrl = (ctx: CellContext): string => fillPath(PATHS.dataset, { name: ctx.dataset.name });
const userPermissionUrl = (ctx: CellContext, user: string): string =>
  fillPath(PATHS.datasetUserPermission, { name: ctx.dataset.name, user });
const groupPermissionUrl = (ctx: CellContext): string =>
  fillPath(PATHS.datasetGroupPermission, { name: ctx.dataset.name, group: ctx.bystanderGroup });
const groupGrantOf = async (ctx: CellContext): Promise<string | undefined> =>
  (await ctx.services.datasetPermissions.findGroup(SYSTEM_ACTOR, ctx.dataset.name, ctx.bystanderGroup)).permission;

async function expectGone(ctx: CellContext, name: string): Promise<void> {
  const error = await ctx.services.datasets.get(SYSTEM_ACTOR, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(error) && error.code === 'NOT_FOUND', `dataset ${name} should be gone`).toBe(true);
}

/** The default-permission cell sets a value other than the dataset's current one, so the change is visible. */
function otherDefault(ctx: CellContext): 'VIEW' | 'TAG' {
  return ctx.dataset.datasetDefault === 'VIEW' ? 'TAG' : 'VIEW';
}

export const DATASET_OPERATIONS: readonly MatrixOperation[] = [
  {
    name: 'GET datasets (listing)',
    ...fromRoute(DATASET_ROUTES.list),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: `${PATHS.datasets}?search=${encodeURIComponent(ctx.dataset.name)}` }),
    async verify(ctx, response) {
      // Listed exactly when visible, with the caller's effective permission.
      const listed = response
        .json<DatasetPage>()
        .datasets.filter((d) => d.name === ctx.dataset.name)
        .map((d) => d.permission);
      expect(listed).toEqual(ctx.level === 'NO_ACCESS' ? [] : [ctx.level]);
    },
  },
  {
    name: 'POST datasets (create)',
    ...fromRoute(DATASET_ROUTES.create, { kind: 'role', capability: 'createsDatasets' }),
    status: 201,
    mutates: false,
    request: (ctx) => ({ url: PATHS.datasets, payload: { name: ctx.newName('created') } }),
    async verify(ctx, response) {
      const body = response.json<Dataset>();
      expect(body).toMatchObject({ createdBy: ctx.caller.user.id, permission: 'MANAGE' });
      expect((await ctx.services.datasets.get(SYSTEM_ACTOR, body.name)).id).toBe(body.id);
    },
  },
  {
    name: 'GET dataset',
    ...fromRoute(DATASET_ROUTES.get),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: datasetUrl(ctx) }),
    async verify(ctx, response) {
      expect(response.json<Dataset>()).toMatchObject({ name: ctx.dataset.name, permission: ctx.level });
    },
  },
  {
    name: 'PATCH dataset (description)',
    ...fromRoute(DATASET_ROUTES.update),
    status: 200,
    mutates: true,
    request: (ctx) => ({ url: datasetUrl(ctx), payload: { description: 'edited in the matrix', tags: ['matrix'] } }),
    async verify(ctx, response) {
      expect(response.json<Dataset>()).toMatchObject({
        description: 'edited in the matrix',
        tags: ['matrix'],
        permission: ctx.level,
      });
      expect(await ctx.services.datasets.get(SYSTEM_ACTOR, ctx.dataset.name)).toMatchObject({
        description: 'edited in the matrix',
        tags: ['matrix'],
      });
    },
  },
  {
    name: 'PATCH dataset (rename)',
    ...fromRoute(DATASET_ROUTES.update, { kind: 'level', level: 'MANAGE' }),
    status: 200,
    mutates: true,
    request: (ctx) => ({ url: datasetUrl(ctx), payload: { name: `${ctx.dataset.name} renamed` } }),
    async verify(ctx, response) {
      const renamed = `${ctx.dataset.name} renamed`;
      expect(response.json<Dataset>().name).toBe(renamed);
      expect((await ctx.services.datasets.get(SYSTEM_ACTOR, renamed)).name).toBe(renamed);
      await expectGone(ctx, ctx.dataset.name);
    },
  },
  {
    name: 'DELETE dataset',
    ...fromRoute(DATASET_ROUTES.delete),
    status: 204,
    mutates: true,
    request: (ctx) => ({ url: datasetUrl(ctx) }),
    async verify(ctx, response) {
      expect(response.body).toBe('');
      await expectGone(ctx, ctx.dataset.name);
    },
  },
  {
    name: 'GET dataset permissions',
    ...fromRoute(DATASET_PERMISSION_ROUTES.list),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: fillPath(PATHS.datasetPermissions, { name: ctx.dataset.name }) }),
    async verify(ctx, response) {
      const body = response.json<DatasetPermissionList>();
      expect(body.dataset).toBe(ctx.dataset.name);
      const active = (id: string) => body.users.find((u) => u.user.id === id)?.activePermission;
      expect(active(ctx.caller.user.id)).toBe(ctx.level);
      expect(active(ctx.bystander.user.id)).toBe(BYSTANDER_GRANT);
      expect(body.groups.find((g) => g.group.name === ctx.bystanderGroup)?.permission).toBe(BYSTANDER_GRANT);
    },
  },
  {
    name: 'GET another user’s permission',
    ...fromRoute(DATASET_PERMISSION_ROUTES.getUser),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: userPermissionUrl(ctx, ctx.bystander.email) }),
    async verify(ctx, response) {
      expect(response.json<DatasetUserPermission>()).toMatchObject({
        user: { id: ctx.bystander.user.id },
        userPermission: BYSTANDER_GRANT,
        activePermission: BYSTANDER_GRANT,
      });
    },
  },
  {
    // Reading one's own permission needs only to see the dataset (the route's documented rule: "MANAGE, or your own").
    name: 'GET own permission',
    ...fromRoute(DATASET_PERMISSION_ROUTES.getUser, { kind: 'level', level: 'VIEW' }),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: userPermissionUrl(ctx, ctx.caller.email) }),
    async verify(ctx, response) {
      expect(response.json<DatasetUserPermission>()).toMatchObject({
        user: { id: ctx.caller.user.id },
        userPermission: ctx.dataset.grant,
        activePermission: ctx.level,
      });
    },
  },
  {
    name: 'PUT a user’s permission',
    ...fromRoute(DATASET_PERMISSION_ROUTES.setUser),
    status: 200,
    mutates: true,
    request: (ctx) => ({ url: userPermissionUrl(ctx, ctx.bystander.email), payload: { permission: 'EDIT' } }),
    async verify(ctx, response) {
      expect(response.json<DatasetUserPermission>()).toMatchObject({
        userPermission: 'EDIT',
        activePermission: 'EDIT',
      });
      expect(
        (await ctx.services.datasetPermissions.getUser(SYSTEM_ACTOR, ctx.dataset.name, ctx.bystander.user.id))
          .userPermission,
      ).toBe('EDIT');
    },
  },
  {
    name: 'DELETE a user’s permission',
    ...fromRoute(DATASET_PERMISSION_ROUTES.removeUser),
    status: 204,
    mutates: true,
    request: (ctx) => ({ url: userPermissionUrl(ctx, ctx.bystander.email) }),
    async verify(ctx) {
      expect(
        (await ctx.services.datasetPermissions.getUser(SYSTEM_ACTOR, ctx.dataset.name, ctx.bystander.user.id))
          .userPermission,
      ).toBeNull();
    },
  },
  {
    name: 'GET a group’s permission',
    ...fromRoute(DATASET_PERMISSION_ROUTES.getGroup),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: groupPermissionUrl(ctx) }),
    async verify(ctx, response) {
      expect(response.json<DatasetGroupPermission>()).toMatchObject({
        group: { name: ctx.bystanderGroup },
        permission: BYSTANDER_GRANT,
      });
    },
  },
  {
    name: 'PUT a group’s permission',
    ...fromRoute(DATASET_PERMISSION_ROUTES.setGroup),
    status: 200,
    mutates: true,
    request: (ctx) => ({ url: groupPermissionUrl(ctx), payload: { permission: 'EDIT' } }),
    async verify(ctx, response) {
      expect(response.json<DatasetGroupPermission>()).toMatchObject({
        group: { name: ctx.bystanderGroup },
        permission: 'EDIT',
      });
      expect(await groupGrantOf(ctx)).toBe('EDIT');
    },
  },
  {
    name: 'DELETE a group’s permission',
    ...fromRoute(DATASET_PERMISSION_ROUTES.removeGroup),
    status: 204,
    mutates: true,
    request: (ctx) => ({ url: groupPermissionUrl(ctx) }),
    async verify(ctx) {
      expect(await groupGrantOf(ctx)).toBeUndefined();
    },
  },
  {
    name: 'PUT default permission',
    ...fromRoute(DATASET_PERMISSION_ROUTES.setDefault),
    status: 200,
    mutates: true,
    request: (ctx) => ({
      url: fillPath(PATHS.datasetDefaultPermission, { name: ctx.dataset.name }),
      payload: { permission: otherDefault(ctx) },
    }),
    async verify(ctx, response) {
      expect(response.json<Dataset>().defaultPermission).toBe(otherDefault(ctx));
      expect((await ctx.services.datasets.get(SYSTEM_ACTOR, ctx.dataset.name)).defaultPermission).toBe(
        otherDefault(ctx),
      );
    },
  },
  {
    name: 'GET own dataset permissions',
    ...fromRoute(DATASET_PERMISSION_ROUTES.forUser, { kind: 'signedIn' }),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: fillPath(PATHS.userDatasetPermissions, { user: ctx.caller.email }) }),
    async verify(ctx, response) {
      const listed = response
        .json<UserDatasetPermissionList>()
        .datasets.filter((d) => d.datasetName === ctx.dataset.name)
        .map((d) => d.activePermission);
      expect(listed).toEqual(ctx.level === 'NO_ACCESS' ? [] : [ctx.level]);
    },
  },
  {
    name: 'GET another user’s dataset permissions',
    ...fromRoute(DATASET_PERMISSION_ROUTES.forUser, { kind: 'role', capability: 'readsOthersPermissions' }),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: fillPath(PATHS.userDatasetPermissions, { user: ctx.bystander.email }) }),
    async verify(ctx, response) {
      const body = response.json<UserDatasetPermissionList>();
      expect(body.user.id).toBe(ctx.bystander.user.id);
      // An admin's key that does not list the dataset (its level NO_ACCESS) does not see it in anyone's list either.
      expect(body.datasets.find((d) => d.datasetName === ctx.dataset.name)?.activePermission).toBe(
        ctx.level === 'NO_ACCESS' ? undefined : BYSTANDER_GRANT,
      );
    },
  },
];
