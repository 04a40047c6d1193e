// GroupService on SQLite and PostgreSQL: admin-only writes, names unique case-insensitively, members that exist, who may read which groups.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import {
  createTestServices,
  expectAppError,
  makeUser,
  seedTeam,
  uniqueName,
  useTeamServices,
  type Team,
} from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('GroupService on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), {
    config: { background: false },
    label: 'groups',
  });

  const memberIds = (group: { users: Array<{ id: string }> }): string[] => group.users.map((u) => u.id).sort();

  describe('create', () => {
    it('creates a group with members (ids or emails) and records it', async () => {
      const name = uniqueName('Annotators');
      const group = await services.groups.create(team.as.admin, {
        name: `  ${name}  `,
        description: 'labels things',
        users: [team.guest.id, team.collaborator.email.toUpperCase(), team.guest.email],
      });
      expect(group).toMatchObject({ name, description: 'labels things' });
      expect(Object.keys(group).sort()).toEqual(['createdAt', 'description', 'id', 'name', 'updatedAt', 'users']);
      expect(memberIds(group)).toEqual([team.collaborator.id, team.guest.id].sort());
      expect(group.users.find((u) => u.id === team.guest.id)).toEqual({
        id: team.guest.id,
        email: team.guest.email,
        name: team.guest.name,
        role: 'GUEST',
      });
      const events = await services.audit.list(team.as.admin, { action: 'group.create', limit: 1 });
      expect(events[0]).toMatchObject({ actorId: team.admin.id, targetId: group.id, details: { name } });
    });

    it('is admin-only (the system actor counts as one)', async () => {
      for (const actor of [team.as.member, team.as.collaborator, team.as.guest]) {
        const error = await expectAppError(services.groups.create(actor, { name: uniqueName('nope') }), 'FORBIDDEN');
        expect(error.details).toMatchObject({ requiredRole: 'ADMIN' });
      }
      expect((await services.groups.create(SYSTEM_ACTOR, { name: uniqueName('system made') })).users).toEqual([]);
    });

    it('refuses a name taken in any case (409), a bad name or description (400) and an unknown member (404)', async () => {
      const name = uniqueName('Reviewers');
      await services.groups.create(team.as.admin, { name });
      expect(
        (await expectAppError(services.groups.create(team.as.admin, { name: name.toUpperCase() }), 'CONFLICT')).details,
      ).toEqual({ field: 'name' });
      for (const bad of ['', '   ', 'x'.repeat(101), 'tab\there', '0123456789abcdef01234567']) {
        expect(
          (await expectAppError(services.groups.create(team.as.admin, { name: bad }), 'BAD_REQUEST')).details,
        ).toEqual({ field: 'name' });
      }
      await expectAppError(
        services.groups.create(team.as.admin, { name: uniqueName('d'), description: 'x'.repeat(1001) }),
        'BAD_REQUEST',
      );
      const missing = uniqueName('ghosts');
      await expectAppError(
        services.groups.create(team.as.admin, { name: missing, users: [team.guest.id, 'ghost@example.com'] }),
        'NOT_FOUND',
        /ghost@example\.com/,
      );
      // Nothing was created by the failed call.
      await expectAppError(services.groups.get(team.as.admin, missing), 'NOT_FOUND');
    });
  });

  describe('reads', () => {
    it('finds a group by id or by name in any case', async () => {
      const group = await services.groups.create(team.as.admin, {
        name: uniqueName('Lookup'),
        users: [team.member.id],
      });
      expect((await services.groups.get(team.as.admin, group.id)).id).toBe(group.id);
      expect((await services.groups.get(team.as.admin, group.name.toLowerCase())).id).toBe(group.id);
      await expectAppError(services.groups.get(team.as.admin, 'no such group'), 'NOT_FOUND');
    });

    it('lets members read their own group, not others', async () => {
      const group = await services.groups.create(team.as.admin, { name: uniqueName('Mine'), users: [team.guest.id] });
      expect((await services.groups.get(team.as.guest, group.name)).id).toBe(group.id);
      await expectAppError(services.groups.get(team.as.member, group.name), 'FORBIDDEN');
    });

    it('lists every group for admins, only their own for anyone else, by name', async () => {
      const own = await createTestServices(dialect, { background: false });
      try {
        const s = own.services;
        const t = await seedTeam(s, 'list');
        const b = await s.groups.create(t.as.admin, { name: 'beta', users: [t.collaborator.id] });
        const a = await s.groups.create(t.as.admin, { name: 'Alpha', users: [t.collaborator.id, t.member.id] });
        const c = await s.groups.create(t.as.admin, { name: 'gamma' });
        expect((await s.groups.list(t.as.admin)).map((g) => g.id)).toEqual([a.id, b.id, c.id]);
        expect((await s.groups.list(t.as.admin, { limit: 2 })).map((g) => g.id)).toEqual([a.id, b.id]);
        expect((await s.groups.list(t.as.collaborator)).map((g) => g.id)).toEqual([a.id, b.id]);
        expect((await s.groups.list(t.as.guest)).map((g) => g.id)).toEqual([]);

        expect((await s.groups.listForUser(t.as.admin, t.member.email)).map((g) => g.id)).toEqual([a.id]);
        expect((await s.groups.listForUser(t.as.member, t.member.id)).map((g) => g.id)).toEqual([a.id]);
        await expectAppError(s.groups.listForUser(t.as.member, t.collaborator.id), 'FORBIDDEN');
        await expectAppError(s.groups.listForUser(t.as.admin, 'ghost@example.com'), 'NOT_FOUND');
      } finally {
        await own.close();
      }
    });
  });

  describe('update', () => {
    it('renames, describes and replaces the membership; omitted fields stay', async () => {
      const group = await services.groups.create(team.as.admin, {
        name: uniqueName('Before'),
        description: 'old',
        users: [team.guest.id, team.member.id],
      });
      const renamed = await services.groups.update(team.as.admin, group.id, { name: uniqueName('After') });
      expect(renamed).toMatchObject({ id: group.id, description: 'old' });
      expect(memberIds(renamed)).toEqual(memberIds(group));
      const cleared = await services.groups.update(team.as.admin, renamed.name, {
        description: null,
        users: [team.collaborator.email, team.member.id],
      });
      expect(cleared.description).toBeNull();
      expect(memberIds(cleared)).toEqual([team.collaborator.id, team.member.id].sort());
      expect((await services.groups.update(team.as.admin, group.id, { users: [] })).users).toEqual([]);
      const events = await services.audit.list(team.as.admin, { action: 'group.members_change', limit: 1 });
      expect(events[0]).toMatchObject({
        targetId: group.id,
        details: { removed: expect.arrayContaining([team.collaborator.id, team.member.id]) as unknown },
      });
    });

    it('allows a change of case only, refuses another group’s name, nothing to change and non-admins', async () => {
      const group = await services.groups.create(team.as.admin, { name: uniqueName('case') });
      expect((await services.groups.update(team.as.admin, group.id, { name: group.name.toUpperCase() })).name).toBe(
        group.name.toUpperCase(),
      );
      const other = await services.groups.create(team.as.admin, { name: uniqueName('other') });
      await expectAppError(
        services.groups.update(team.as.admin, group.id, { name: other.name.toLowerCase() }),
        'CONFLICT',
      );
      await expectAppError(services.groups.update(team.as.admin, group.id, {}), 'BAD_REQUEST');
      await expectAppError(services.groups.update(team.as.member, group.id, { description: 'x' }), 'FORBIDDEN');
      await expectAppError(services.groups.update(team.as.admin, 'no such group', { description: 'x' }), 'NOT_FOUND');
    });
  });

  describe('members', () => {
    it('adds and removes users; re-adding or removing a non-member changes nothing; unknown users are 404', async () => {
      const group = await services.groups.create(team.as.admin, { name: uniqueName('Members') });
      const user = await makeUser(services, 'COLLABORATOR', 'grp');
      expect(memberIds(await services.groups.addUsers(team.as.admin, group.name, [user.email, team.guest.id]))).toEqual(
        [user.id, team.guest.id].sort(),
      );
      expect(memberIds(await services.groups.addUsers(team.as.admin, group.id, [user.id]))).toEqual(
        [user.id, team.guest.id].sort(),
      );
      await expectAppError(services.groups.addUsers(team.as.admin, group.id, ['nobody-here']), 'NOT_FOUND');
      expect(
        memberIds(await services.groups.removeUsers(team.as.admin, group.id, [team.guest.email, team.member.id])),
      ).toEqual([user.id]);
      await expectAppError(services.groups.addUsers(team.as.member, group.id, [team.member.id]), 'FORBIDDEN');
      await expectAppError(services.groups.removeUsers(team.as.guest, group.id, [user.id]), 'FORBIDDEN');
      // A deleted user leaves every group with their account.
      await services.users.delete(team.as.admin, user.id);
      expect((await services.groups.get(team.as.admin, group.id)).users).toEqual([]);
    });
  });

  describe('delete', () => {
    it('deletes the group with its memberships (admin only), 404 afterwards', async () => {
      const group = await services.groups.create(team.as.admin, {
        name: uniqueName('Doomed'),
        users: [team.member.id],
      });
      await expectAppError(services.groups.delete(team.as.member, group.id), 'FORBIDDEN');
      await services.groups.delete(team.as.admin, group.name);
      await expectAppError(services.groups.get(team.as.admin, group.id), 'NOT_FOUND');
      await expectAppError(services.groups.delete(team.as.admin, group.id), 'NOT_FOUND');
      expect(
        await services.database.db
          .selectFrom('user_group_members')
          .select('user_id')
          .where('group_id', '=', group.id)
          .execute(),
      ).toEqual([]);
      const events = await services.audit.list(team.as.admin, { action: 'group.delete', limit: 1 });
      expect(events[0]).toMatchObject({ targetId: group.id, details: { name: group.name } });
    });
  });
});
