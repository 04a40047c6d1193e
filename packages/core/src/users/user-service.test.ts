// UserService on SQLite and PostgreSQL: unique emails, paged search, lookups, roles, the last-admin guard, cascading deletes.
import type { User } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import {
  actorFor,
  createTestServices,
  expectAppError,
  uniqueEmail,
  useTeamServices,
  type Team,
  type TestServices,
} from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('UserService on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened));

  describe('create', () => {
    it('stores the email lower-cased and trims the name', async () => {
      const user = await services.users.create(team.as.admin, {
        email: '  Grace.Hopper@Example.COM ',
        name: '  Grace  ',
        role: 'MEMBER',
      });
      expect(user.email).toBe('grace.hopper@example.com');
      expect(user.name).toBe('Grace');
      expect(await services.users.get(team.as.admin, user.id)).toEqual(user);
    });

    it('rejects a second user whose email differs only in case with CONFLICT', async () => {
      const email = uniqueEmail('dup');
      await services.users.create(team.as.admin, { email, name: 'First', role: 'MEMBER' });
      const error = await expectAppError(
        services.users.create(team.as.admin, { email: email.toUpperCase(), name: 'Second', role: 'MEMBER' }),
        'CONFLICT',
      );
      expect(error.details).toEqual({ field: 'email' });
      const page = await services.users.list(team.as.admin, { search: email });
      expect(page.users.map((u) => u.name)).toEqual(['First']);
    });

    it('turns a race of two creations with one email into one user and one CONFLICT', async () => {
      const email = uniqueEmail('race');
      const results = await Promise.allSettled([
        services.users.create(SYSTEM_ACTOR, { email, name: 'A', role: 'MEMBER' }),
        services.users.create(SYSTEM_ACTOR, { email: email.toUpperCase(), name: 'B', role: 'MEMBER' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason).toMatchObject({ name: 'AppError', code: 'CONFLICT' });
    });

    it('validates email, name, role and password', async () => {
      await expectAppError(services.users.create(team.as.admin, { email: 'not-an-email', name: 'X' }), 'BAD_REQUEST');
      await expectAppError(
        services.users.create(team.as.admin, { email: uniqueEmail('v'), name: '   ' }),
        'BAD_REQUEST',
      );
      await expectAppError(
        services.users.create(team.as.admin, { email: uniqueEmail('v'), name: 'x'.repeat(101) }),
        'BAD_REQUEST',
      );
      await expectAppError(
        services.users.create(team.as.admin, { email: uniqueEmail('v'), name: 'X', role: 'OWNER' as never }),
        'BAD_REQUEST',
      );
      await expectAppError(
        services.users.create(team.as.admin, { email: uniqueEmail('v'), name: 'X', password: 'short' }),
        'BAD_REQUEST',
      );
    });

    it('is admin-only', async () => {
      for (const actor of [team.as.member, team.as.collaborator, team.as.guest]) {
        await expectAppError(services.users.create(actor, { email: uniqueEmail('nope'), name: 'Nope' }), 'FORBIDDEN');
      }
    });
  });

  describe('list', () => {
    let listing: TestServices;
    beforeAll(async () => {
      // A database of its own, so totals are exact.
      listing = await createTestServices(dialect, { background: false });
      const s = listing.services;
      for (const [email, name] of [
        ['alice@example.com', 'Alice Liddell'],
        ['bob@example.com', 'Bob Builder'],
        ['carol@corp.test', 'Carol Danvers'],
        ['dave@corp.test', 'Dave 100% Real'],
        ['erin_x@corp.test', 'Erin'],
        ['erinyx@corp.test', 'Erin Y'],
      ] as const) {
        await s.users.create(SYSTEM_ACTOR, { email, name, role: 'MEMBER' });
      }
    });
    afterAll(async () => {
      await listing?.close();
    });

    it('pages in creation order with the total', async () => {
      const s = listing.services;
      const first = await s.users.list(SYSTEM_ACTOR, { page: 1, pageSize: 4 });
      expect(first).toMatchObject({ total: 6, page: 1, pageSize: 4 });
      expect(first.users.map((u) => u.email)).toEqual([
        'alice@example.com',
        'bob@example.com',
        'carol@corp.test',
        'dave@corp.test',
      ]);
      const second = await s.users.list(SYSTEM_ACTOR, { page: 2, pageSize: 4 });
      expect(second.users.map((u) => u.email)).toEqual(['erin_x@corp.test', 'erinyx@corp.test']);
      expect(second.total).toBe(6);
      const beyond = await s.users.list(SYSTEM_ACTOR, { page: 3, pageSize: 4 });
      expect(beyond.users).toEqual([]);
      expect(beyond.total).toBe(6);
    });

    it('clamps page and pageSize', async () => {
      const page = await listing.services.users.list(SYSTEM_ACTOR, { page: 0, pageSize: 10_000 });
      expect(page.page).toBe(1);
      expect(page.pageSize).toBe(200);
    });

    it('searches email and name case-insensitively', async () => {
      const s = listing.services;
      expect((await s.users.list(SYSTEM_ACTOR, { search: 'CORP.test' })).users.map((u) => u.email)).toEqual([
        'carol@corp.test',
        'dave@corp.test',
        'erin_x@corp.test',
        'erinyx@corp.test',
      ]);
      const byName = await s.users.list(SYSTEM_ACTOR, { search: 'liddell' });
      expect(byName.users.map((u) => u.email)).toEqual(['alice@example.com']);
      expect(byName.total).toBe(1);
      expect((await s.users.list(SYSTEM_ACTOR, { search: 'nobody-here' })).total).toBe(0);
    });

    it('treats LIKE wildcards in the search literally', async () => {
      const s = listing.services;
      // "_" would match any character ("erinyx") if unescaped.
      expect((await s.users.list(SYSTEM_ACTOR, { search: 'erin_' })).users.map((u) => u.email)).toEqual([
        'erin_x@corp.test',
      ]);
      // "%" would match everything if unescaped.
      expect((await s.users.list(SYSTEM_ACTOR, { search: '%' })).users.map((u) => u.name)).toEqual(['Dave 100% Real']);
      expect((await s.users.list(SYSTEM_ACTOR, { search: '0%' })).total).toBe(1);
      expect((await s.users.list(SYSTEM_ACTOR, { search: '\\' })).total).toBe(0);
    });

    it('is admin-only', async () => {
      await expectAppError(services.users.list(team.as.member, {}), 'FORBIDDEN');
    });
  });

  describe('get', () => {
    it('finds a user by id and by email in any case', async () => {
      expect(await services.users.get(team.as.admin, team.member.id)).toEqual(team.member);
      expect(await services.users.get(team.as.admin, team.member.email.toUpperCase())).toEqual(team.member);
    });

    it('is NOT_FOUND for an unknown id or email', async () => {
      await expectAppError(services.users.get(team.as.admin, 'ffffffffffffffffffffffff'), 'NOT_FOUND');
      await expectAppError(services.users.get(team.as.admin, 'nobody@example.com'), 'NOT_FOUND');
    });

    it('lets a non-admin get only themselves', async () => {
      expect(await services.users.get(team.as.collaborator, team.collaborator.id)).toEqual(team.collaborator);
      expect(await services.users.get(team.as.guest, team.guest.email.toUpperCase())).toEqual(team.guest);
      await expectAppError(services.users.get(team.as.member, team.admin.id), 'FORBIDDEN');
      await expectAppError(services.users.get(team.as.collaborator, team.guest.email), 'FORBIDDEN');
      // Not even a 404 for someone who does not exist: the answer would leak who does.
      await expectAppError(services.users.get(team.as.member, 'ghost@example.com'), 'FORBIDDEN');
    });
  });

  describe('setRole', () => {
    it('changes the role and is admin-only', async () => {
      const user = await services.users.create(SYSTEM_ACTOR, {
        email: uniqueEmail('promote'),
        name: 'P',
        role: 'GUEST',
      });
      const updated = await services.users.setRole(team.as.admin, user.email, 'COLLABORATOR');
      expect(updated.role).toBe('COLLABORATOR');
      expect((await services.users.get(team.as.admin, user.id)).role).toBe('COLLABORATOR');
      await expectAppError(services.users.setRole(team.as.member, user.id, 'MEMBER'), 'FORBIDDEN');
      await expectAppError(services.users.setRole(team.as.admin, user.id, 'ROOT' as never), 'BAD_REQUEST');
      await expectAppError(services.users.setRole(team.as.admin, 'missing@example.com', 'MEMBER'), 'NOT_FOUND');
      expect((await services.users.get(team.as.admin, user.id)).role).toBe('COLLABORATOR');
    });
  });

  describe('the last admin', () => {
    let solo: TestServices;
    beforeAll(async () => {
      solo = await createTestServices(dialect, { background: false });
    });
    afterAll(async () => {
      await solo?.close();
    });

    it('can be neither demoted nor deleted, until another admin exists', async () => {
      const s = solo.services;
      const only = await s.users.create(SYSTEM_ACTOR, { email: uniqueEmail('only'), name: 'Only', role: 'ADMIN' });
      await expectAppError(s.users.setRole(actorFor(only), only.id, 'MEMBER'), 'CONFLICT');
      await expectAppError(s.users.delete(SYSTEM_ACTOR, only.id), 'CONFLICT');
      // Setting the same role is a no-op, not a conflict.
      expect((await s.users.setRole(SYSTEM_ACTOR, only.id, 'ADMIN')).role).toBe('ADMIN');

      const second = await s.users.create(SYSTEM_ACTOR, {
        email: uniqueEmail('second'),
        name: 'Second',
        role: 'ADMIN',
      });
      expect((await s.users.setRole(actorFor(second), only.id, 'MEMBER')).role).toBe('MEMBER');
      await expectAppError(s.users.delete(actorFor(second), second.id), 'CONFLICT');
      await expectAppError(s.users.setRole(actorFor(second), second.id, 'GUEST'), 'CONFLICT');
      expect((await s.users.get(SYSTEM_ACTOR, second.id)).role).toBe('ADMIN');
    });

    /** Two admins, no one else; the race is repeated because one round may happen to serialize by luck. */
    async function twoAdmins(): Promise<[User, User]> {
      const s = solo.services;
      await s.database.db.deleteFrom('users').execute();
      const a = await s.users.create(SYSTEM_ACTOR, { email: uniqueEmail('a'), name: 'A', role: 'ADMIN' });
      const b = await s.users.create(SYSTEM_ACTOR, { email: uniqueEmail('b'), name: 'B', role: 'ADMIN' });
      return [a, b];
    }

    async function adminCount(): Promise<number> {
      return (await solo.services.database.db.selectFrom('users').select('id').where('role', '=', 'ADMIN').execute())
        .length;
    }

    it('survives two concurrent demotions of the only two admins', async () => {
      const s = solo.services;
      for (let round = 0; round < 5; round++) {
        const [a, b] = await twoAdmins();
        // On PostgreSQL the two transactions run on separate pooled connections, truly in parallel.
        const results = await Promise.allSettled([
          s.users.setRole(actorFor(b), a.id, 'MEMBER'),
          s.users.setRole(actorFor(a), b.id, 'MEMBER'),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.find((r) => r.status === 'rejected')?.reason).toMatchObject({ code: 'CONFLICT' });
        expect(await adminCount()).toBe(1);
      }
    });

    it('survives a concurrent demotion and deletion of the only two admins', async () => {
      const s = solo.services;
      for (let round = 0; round < 5; round++) {
        const [a, b] = await twoAdmins();
        const results = await Promise.allSettled([
          s.users.delete(actorFor(b), a.id),
          s.users.setRole(actorFor(a), b.id, 'GUEST'),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.find((r) => r.status === 'rejected')?.reason).toMatchObject({ code: 'CONFLICT' });
        expect(await adminCount()).toBe(1);
      }
    });
  });

  describe('delete', () => {
    it('removes the user with their keys, sessions and password', async () => {
      const user = await services.users.create(SYSTEM_ACTOR, {
        email: uniqueEmail('leaver'),
        name: 'Leaver',
        role: 'MEMBER',
        password: 'a long password',
      });
      const { key } = await services.keys.generate(actorFor(user), { name: 'laptop' });
      await services.keys.generate(team.as.admin, { name: 'ci', user: user.id });
      const session = await services.sessions.create(user, null, null);
      expect((await services.keyVerifier.verify(key)).user.id).toBe(user.id);

      await services.users.delete(team.as.admin, user.email);

      await expectAppError(services.users.get(team.as.admin, user.id), 'NOT_FOUND');
      const db = services.database.db;
      expect(await db.selectFrom('api_keys').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
      expect(await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
      expect(await db.selectFrom('password_hashes').select('user_id').where('user_id', '=', user.id).execute()).toEqual(
        [],
      );
      expect(await services.sessions.resolve(session.token)).toBeUndefined();
      // The verifier had the key cached: deletion must evict it.
      await expectAppError(services.keyVerifier.verify(key), 'UNAUTHENTICATED');
    });

    it('keeps keys and invitations an admin issued for others when that admin is deleted', async () => {
      const issuer = await services.users.create(SYSTEM_ACTOR, {
        email: uniqueEmail('issuer'),
        name: 'Issuer',
        role: 'ADMIN',
      });
      const { key, apiKey } = await services.keys.generate(actorFor(issuer), {
        name: 'issued',
        user: team.collaborator.id,
      });
      const { invitation } = await services.invitations.create(
        actorFor(issuer),
        { email: uniqueEmail('invited'), role: 'GUEST' },
        'http://localhost',
      );
      await services.users.delete(team.as.admin, issuer.id);
      const listed = await services.keys.list(team.as.admin, { user: team.collaborator.id });
      expect(listed.find((k) => k.id === apiKey.id)?.createdBy).toBeNull();
      expect((await services.keyVerifier.verify(key)).user.id).toBe(team.collaborator.id);
      const pending = await services.invitations.listPending(team.as.admin);
      expect(pending.find((i) => i.id === invitation.id)?.invitedBy).toBeNull();
    });

    it('is admin-only and NOT_FOUND for an unknown user', async () => {
      await expectAppError(services.users.delete(team.as.member, team.guest.id), 'FORBIDDEN');
      await expectAppError(services.users.delete(team.as.admin, 'ffffffffffffffffffffffff'), 'NOT_FOUND');
      expect((await services.users.get(team.as.admin, team.guest.id)).id).toBe(team.guest.id);
    });
  });
});
