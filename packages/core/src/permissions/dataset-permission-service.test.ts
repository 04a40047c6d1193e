// DatasetPermissionService on SQLite and PostgreSQL: who may read and change grants, role caps, the default permission, a user's datasets.
import type { Dataset } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import {
  actorFor,
  createTestServices,
  expectAppError,
  makeUser,
  seedTeam,
  uniqueEmail,
  uniqueName,
  useTeamServices,
  type Team,
} from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('DatasetPermissionService on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), { config: { background: false } });

  const create = (label: string, actor = team.as.member): Promise<Dataset> =>
    services.datasets.create(actor, { name: uniqueName(label) });

  describe('setUser', () => {
    it('grants, replaces and reports the grant with the effective permission', async () => {
      const ds = await create('grant');
      const granted = await services.datasetPermissions.setUser(
        team.as.member,
        ds.name,
        team.collaborator.email.toUpperCase(),
        'VIEW',
      );
      expect(granted).toEqual({
        user: {
          id: team.collaborator.id,
          email: team.collaborator.email,
          name: team.collaborator.name,
          role: 'COLLABORATOR',
        },
        userPermission: 'VIEW',
        activePermission: 'VIEW',
      });
      expect((await services.datasets.get(team.as.collaborator, ds.name)).permission).toBe('VIEW');
      expect(
        (await services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'EDIT'))
          .userPermission,
      ).toBe('EDIT');
      expect((await services.datasets.get(team.as.collaborator, ds.name)).permission).toBe('EDIT');
      const events = await services.audit.list(team.as.admin, { action: 'dataset.permission_set', limit: 1 });
      expect(events[0]).toMatchObject({
        actorId: team.member.id,
        targetId: ds.id,
        details: { userId: team.collaborator.id, permission: 'EDIT', previous: 'VIEW' },
      });
    });

    it('refuses a grant above the role cap with 400 naming the cap', async () => {
      const ds = await create('caps');
      const guest = await expectAppError(
        services.datasetPermissions.setUser(team.as.member, ds.name, team.guest.id, 'EDIT'),
        'BAD_REQUEST',
        /GUEST can be granted at most VIEW/,
      );
      expect(guest.details).toEqual({ field: 'permission', role: 'GUEST', cap: 'VIEW' });
      for (const permission of ['TAG', 'MANAGE'] as const)
        await expectAppError(
          services.datasetPermissions.setUser(team.as.member, ds.name, team.guest.id, permission),
          'BAD_REQUEST',
        );
      const collaborator = await expectAppError(
        services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'MANAGE'),
        'BAD_REQUEST',
      );
      expect(collaborator.details).toMatchObject({ cap: 'EDIT' });
      expect(
        (await services.datasetPermissions.setUser(team.as.member, ds.name, team.guest.id, 'VIEW')).activePermission,
      ).toBe('VIEW');
      expect(
        (await services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'EDIT'))
          .activePermission,
      ).toBe('EDIT');
      expect(
        (await services.datasetPermissions.setUser(team.as.member, ds.name, team.admin.id, 'MANAGE')).activePermission,
      ).toBe('MANAGE');
    });

    it('needs MANAGE: 404 without access, 403 with less', async () => {
      const ds = await create('manage only');
      await expectAppError(
        services.datasetPermissions.setUser(team.as.collaborator, ds.name, team.collaborator.id, 'VIEW'),
        'NOT_FOUND',
      );
      await services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'EDIT');
      const error = await expectAppError(
        services.datasetPermissions.setUser(team.as.collaborator, ds.name, team.guest.id, 'VIEW'),
        'FORBIDDEN',
      );
      expect(error.details).toEqual({ required: 'MANAGE', actual: 'EDIT' });
      // An admin manages every dataset, the system actor too.
      expect(
        (await services.datasetPermissions.setUser(team.as.admin, ds.name, team.guest.id, 'VIEW')).userPermission,
      ).toBe('VIEW');
      expect(
        (await services.datasetPermissions.setUser(SYSTEM_ACTOR, ds.name, team.guest.id, 'NO_ACCESS')).activePermission,
      ).toBe('NO_ACCESS');
    });

    it('is 404 for an unknown user and 400 for an unknown permission', async () => {
      const ds = await create('unknowns');
      await expectAppError(
        services.datasetPermissions.setUser(team.as.member, ds.name, 'ghost@example.com', 'VIEW'),
        'NOT_FOUND',
      );
      const error = await expectAppError(
        services.datasetPermissions.setUser(team.as.member, ds.name, team.guest.id, 'OWNER' as never),
        'BAD_REQUEST',
      );
      expect(error.details).toEqual({ field: 'permission' });
    });

    it('gives a member the higher of the default and the grant', async () => {
      const ds = await create('member max');
      const other = await makeUser(services, 'MEMBER', 'perm');
      await services.datasetPermissions.setDefault(team.as.member, ds.name, 'EDIT');
      expect(
        (await services.datasetPermissions.setUser(team.as.member, ds.name, other.id, 'VIEW')).activePermission,
      ).toBe('EDIT');
      expect(
        (await services.datasetPermissions.setUser(team.as.member, ds.name, other.id, 'MANAGE')).activePermission,
      ).toBe('MANAGE');
    });
  });

  describe('getUser', () => {
    it('answers a MANAGE holder about anyone, everyone else about themselves only', async () => {
      const ds = await create('get user');
      await services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'TAG');
      expect(await services.datasetPermissions.getUser(team.as.member, ds.name, team.collaborator.email)).toMatchObject(
        { userPermission: 'TAG', activePermission: 'TAG' },
      );
      expect(await services.datasetPermissions.getUser(team.as.member, ds.name, team.guest.id)).toMatchObject({
        userPermission: null,
        activePermission: 'NO_ACCESS',
      });
      expect(await services.datasetPermissions.getUser(team.as.admin, ds.name, team.admin.id)).toMatchObject({
        userPermission: null,
        activePermission: 'MANAGE',
      });
      expect(
        await services.datasetPermissions.getUser(team.as.collaborator, ds.name, team.collaborator.id),
      ).toMatchObject({ userPermission: 'TAG', activePermission: 'TAG' });
      const error = await expectAppError(
        services.datasetPermissions.getUser(team.as.collaborator, ds.name, team.member.id),
        'FORBIDDEN',
      );
      expect(error.details).toEqual({ required: 'MANAGE', actual: 'TAG' });
      // Asking about oneself on a dataset one cannot see: 404, as for any hidden dataset.
      await expectAppError(services.datasetPermissions.getUser(team.as.guest, ds.name, team.guest.email), 'NOT_FOUND');
      await expectAppError(
        services.datasetPermissions.getUser(team.as.member, ds.name, 'ghost@example.com'),
        'NOT_FOUND',
      );
    });
  });

  describe('removeUser', () => {
    it('removes an explicit grant (implicit access stays), 404 when there is none', async () => {
      const ds = await create('remove');
      await services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'EDIT');
      await expectAppError(
        services.datasetPermissions.removeUser(team.as.collaborator, ds.name, team.collaborator.id),
        'FORBIDDEN',
      );
      await services.datasetPermissions.removeUser(team.as.member, ds.name, team.collaborator.email);
      await expectAppError(services.datasets.get(team.as.collaborator, ds.name), 'NOT_FOUND');
      await expectAppError(
        services.datasetPermissions.removeUser(team.as.member, ds.name, team.collaborator.id),
        'NOT_FOUND',
      );
      await expectAppError(
        services.datasetPermissions.removeUser(team.as.member, ds.name, 'ghost@example.com'),
        'NOT_FOUND',
      );
      const events = await services.audit.list(team.as.admin, { action: 'dataset.permission_remove', limit: 1 });
      expect(events[0]).toMatchObject({ targetId: ds.id, details: { userId: team.collaborator.id, previous: 'EDIT' } });
      // The creator may drop their own grant; an admin still manages the dataset.
      await services.datasetPermissions.removeUser(team.as.member, ds.name, team.member.id);
      await expectAppError(services.datasets.get(team.as.member, ds.name), 'NOT_FOUND');
      expect((await services.datasets.get(team.as.admin, ds.name)).permission).toBe('MANAGE');
    });
  });

  describe('setDefault', () => {
    it('needs MANAGE, changes what members get at once and returns the caller’s new permission', async () => {
      const ds = await create('default');
      const other = await makeUser(services, 'MEMBER', 'perm');
      await expectAppError(services.datasetPermissions.setDefault(actorFor(other), ds.name, 'VIEW'), 'NOT_FOUND');
      const updated = await services.datasetPermissions.setDefault(team.as.member, ds.name, 'TAG');
      expect(updated).toMatchObject({ defaultPermission: 'TAG', permission: 'MANAGE' });
      expect((await services.datasets.get(actorFor(other), ds.name)).permission).toBe('TAG');
      await expectAppError(services.datasetPermissions.setDefault(actorFor(other), ds.name, 'MANAGE'), 'FORBIDDEN');
      await expectAppError(
        services.datasetPermissions.setDefault(team.as.member, ds.name, 'ALL' as never),
        'BAD_REQUEST',
      );
      const events = await services.audit.list(team.as.admin, { action: 'dataset.default_permission_set', limit: 1 });
      expect(events[0]).toMatchObject({ targetId: ds.id, details: { permission: 'TAG', previous: 'NO_ACCESS' } });

      // A member managing only through the default can lower it below themselves.
      await services.datasetPermissions.setDefault(team.as.admin, ds.name, 'MANAGE');
      expect((await services.datasetPermissions.setDefault(actorFor(other), ds.name, 'VIEW')).permission).toBe('VIEW');
    });
  });

  describe('listUsers', () => {
    it('lists admins, members through the default and explicit grants, with both permissions', async () => {
      const own = await createTestServices(dialect, { background: false });
      try {
        const s = own.services;
        const t = await seedTeam(s);
        const extraMember = await s.users.create(SYSTEM_ACTOR, {
          email: uniqueEmail('extra'),
          name: 'Extra',
          role: 'MEMBER',
        });
        const ds = await s.datasets.create(t.as.member, { name: 'listed' });
        await s.datasetPermissions.setUser(t.as.member, ds.name, t.guest.id, 'VIEW');
        const rows = (list: Awaited<ReturnType<Services['datasetPermissions']['listUsers']>>) =>
          list.users
            .map((u) => [u.user.id, u.userPermission, u.activePermission])
            .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        const sorted = (entries: Array<[string, string | null, string]>) =>
          entries.sort((a, b) => a[0].localeCompare(b[0]));

        const first = await s.datasetPermissions.listUsers(t.as.member, ds.name);
        expect(first).toMatchObject({ dataset: 'listed', defaultPermission: 'NO_ACCESS' });
        expect(rows(first)).toEqual(
          sorted([
            [t.admin.id, null, 'MANAGE'],
            [t.member.id, 'MANAGE', 'MANAGE'],
            [t.guest.id, 'VIEW', 'VIEW'],
          ]),
        );

        await s.datasetPermissions.setDefault(t.as.member, ds.name, 'VIEW');
        expect(rows(await s.datasetPermissions.listUsers(t.as.admin, ds.name))).toEqual(
          sorted([
            [t.admin.id, null, 'MANAGE'],
            [t.member.id, 'MANAGE', 'MANAGE'],
            [extraMember.id, null, 'VIEW'],
            [t.guest.id, 'VIEW', 'VIEW'],
          ]),
        );

        // A demoted manager: the grant stays, the effective permission follows the role.
        await s.users.setRole(t.as.admin, t.member.id, 'COLLABORATOR');
        const after = (await s.datasetPermissions.listUsers(t.as.admin, ds.name)).users.find(
          (u) => u.user.id === t.member.id,
        );
        expect(after).toMatchObject({
          user: { role: 'COLLABORATOR' },
          userPermission: 'MANAGE',
          activePermission: 'EDIT',
        });

        await expectAppError(s.datasetPermissions.listUsers(t.as.guest, ds.name), 'FORBIDDEN');
        await expectAppError(s.datasetPermissions.listUsers(t.as.collaborator, ds.name), 'NOT_FOUND');
      } finally {
        await own.close();
      }
    });
  });

  describe('forUser', () => {
    it('lists the datasets a user can see: admins ask about anyone, others about themselves', async () => {
      const seen = await create('for user seen');
      const unseen = await create('for user unseen');
      await services.datasetPermissions.setUser(team.as.member, seen.name, team.guest.id, 'VIEW');
      const mine = await services.datasetPermissions.forUser(team.as.guest, team.guest.email);
      expect(mine.user).toEqual({ id: team.guest.id, email: team.guest.email, name: team.guest.name, role: 'GUEST' });
      expect(mine.datasets).toContainEqual({
        datasetId: seen.id,
        datasetName: seen.name,
        userPermission: 'VIEW',
        activePermission: 'VIEW',
      });
      expect(mine.datasets.map((d) => d.datasetId)).not.toContain(unseen.id);
      expect(mine.datasets.every((d) => d.activePermission !== 'NO_ACCESS')).toBe(true);
      expect(await services.datasetPermissions.forUser(team.as.admin, team.guest.id)).toEqual(mine);

      const member = await services.datasetPermissions.forUser(SYSTEM_ACTOR, team.member.id);
      expect(member.datasets).toContainEqual({
        datasetId: unseen.id,
        datasetName: unseen.name,
        userPermission: 'MANAGE',
        activePermission: 'MANAGE',
      });

      await expectAppError(services.datasetPermissions.forUser(team.as.member, team.guest.id), 'FORBIDDEN');
      await expectAppError(services.datasetPermissions.forUser(team.as.member, 'ghost@example.com'), 'FORBIDDEN');
      await expectAppError(services.datasetPermissions.forUser(team.as.admin, 'ghost@example.com'), 'NOT_FOUND');
    });
  });

  it('drops a deleted user’s grants with them', async () => {
    const ds = await create('user leaves');
    const user = await makeUser(services, 'COLLABORATOR', 'perm');
    await services.datasetPermissions.setUser(team.as.member, ds.name, user.id, 'EDIT');
    await services.users.delete(team.as.admin, user.id);
    expect(
      await services.database.db
        .selectFrom('dataset_user_permissions')
        .select('user_id')
        .where('user_id', '=', user.id)
        .execute(),
    ).toEqual([]);
  });
});
