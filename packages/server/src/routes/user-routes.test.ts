// User routes over HTTP: paged search, lookup by id or email, role changes, the last-admin guard and cascading deletion.
import { PATHS, fillPath, type User, type UserPage } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

describe('user routes', () => {
  let fx: AuthFixture;
  let admin: Record<string, string>;
  beforeAll(async () => {
    fx = await createAuthFixture();
    admin = keyHeaders(fx.users.ADMIN.key);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const get = (url: string, headers = admin) => fx.inject({ method: 'GET', url, headers });
  const setRole = (ref: string, role: string, headers = admin) =>
    fx.inject({ method: 'PUT', url: fillPath(PATHS.userRole, { user: ref }), headers, payload: { role } });
  const del = (ref: string, headers = admin) =>
    fx.inject({ method: 'DELETE', url: fillPath(PATHS.user, { user: ref }), headers });

  describe('list', () => {
    beforeAll(async () => {
      for (const n of [1, 2, 3])
        await fx.services.users.create(SYSTEM_ACTOR, {
          email: `pager-${n}@paging.test`,
          name: `Pager Number${n}`,
          role: 'GUEST',
        });
      await fx.services.users.create(SYSTEM_ACTOR, {
        email: 'under_score@paging.test',
        name: 'Literal Percent 100%',
        role: 'GUEST',
      });
    });

    it('pages through users with a total', async () => {
      const first = (await get(`${PATHS.users}?pageSize=2`)).json<UserPage>();
      expect(first).toMatchObject({ page: 1, pageSize: 2 });
      expect(first.users).toHaveLength(2);
      expect(first.total).toBeGreaterThanOrEqual(8);
      const all: string[] = [];
      for (let page = 1; page <= Math.ceil(first.total / 2); page++) {
        const response = await get(`${PATHS.users}?pageSize=2&page=${page}`);
        expect(response.statusCode).toBe(200);
        all.push(...response.json<UserPage>().users.map((u) => u.id));
      }
      expect(new Set(all).size).toBe(first.total);
      const beyond = (await get(`${PATHS.users}?pageSize=2&page=${first.total + 1}`)).json<UserPage>();
      expect(beyond.users).toEqual([]);
    });

    it('searches by email or name, case-insensitively, with LIKE wildcards taken literally', async () => {
      const byEmail = (await get(`${PATHS.users}?search=paging.test`)).json<UserPage>();
      expect(byEmail.total).toBe(4);
      const byName = (await get(`${PATHS.users}?search=NUMBER2`)).json<UserPage>();
      expect(byName.users.map((u) => u.email)).toEqual(['pager-2@paging.test']);
      expect(
        (await get(`${PATHS.users}?search=${encodeURIComponent('100%')}`)).json<UserPage>().users.map((u) => u.email),
      ).toEqual(['under_score@paging.test']);
      expect(
        (await get(`${PATHS.users}?search=${encodeURIComponent('r_s')}`)).json<UserPage>().users.map((u) => u.email),
      ).toEqual(['under_score@paging.test']);
      expect((await get(`${PATHS.users}?search=zzz-no-match`)).json<UserPage>()).toMatchObject({ users: [], total: 0 });
    });

    it('rejects bad paging with 400 naming the query field', async () => {
      expect(expectError(await get(`${PATHS.users}?page=0`), 400, 'BAD_REQUEST').message).toContain('query.page');
      expect(expectError(await get(`${PATHS.users}?pageSize=201`), 400).message).toContain('query.pageSize');
      expect(expectError(await get(`${PATHS.users}?pageSize=abc`), 400).message).toContain('query.pageSize');
    });

    it('is admin-only', async () => {
      expectError(await get(PATHS.users, keyHeaders(fx.users.MEMBER.key)), 403, 'FORBIDDEN');
      expectError(await get(PATHS.users, sessionHeaders(await fx.newSession('COLLABORATOR'))), 403, 'FORBIDDEN');
    });
  });

  describe('get', () => {
    it('finds a user by id and by URL-encoded email in any case', async () => {
      const target = fx.users.MEMBER;
      expect((await get(fillPath(PATHS.user, { user: target.user.id }))).json<User>()).toEqual(target.user);
      const byEmail = await get(fillPath(PATHS.user, { user: target.email.toUpperCase() }));
      expect(byEmail.statusCode).toBe(200);
      expect(byEmail.json<User>()).toEqual(target.user);
      expect(fillPath(PATHS.user, { user: target.email })).toContain('%40');
    });

    it('404 for an unknown id or email', async () => {
      expectError(await get(fillPath(PATHS.user, { user: 'nobody@example.com' })), 404, 'NOT_FOUND');
      expectError(await get(fillPath(PATHS.user, { user: '0123456789abcdef01234567' })), 404, 'NOT_FOUND');
    });

    it('a non-admin may look up only themselves', async () => {
      const member = keyHeaders(fx.users.MEMBER.key);
      expect((await get(fillPath(PATHS.user, { user: fx.users.MEMBER.user.id }), member)).statusCode).toBe(200);
      expectError(await get(fillPath(PATHS.user, { user: fx.users.ADMIN.user.id }), member), 403, 'FORBIDDEN');
      expectError(await get(fillPath(PATHS.user, { user: fx.users.ADMIN.email }), member), 403, 'FORBIDDEN');
    });
  });

  describe('set role', () => {
    it('changes a role and the change applies to the next request', async () => {
      const user = await fx.createUser('COLLABORATOR', 'promoted');
      const response = await setRole(user.email, 'MEMBER');
      expect(response.statusCode).toBe(200);
      expect(response.json<User>()).toMatchObject({ id: user.user.id, role: 'MEMBER' });
      expect((await get(PATHS.whoami, keyHeaders(user.key))).json<{ user: User }>().user.role).toBe('MEMBER');
    });

    it('rejects an unknown role listing the allowed ones', async () => {
      const message = expectError(await setRole(fx.users.MEMBER.user.id, 'OWNER'), 400, 'BAD_REQUEST').message;
      expect(message).toContain('body.role');
      for (const role of ['ADMIN', 'MEMBER', 'COLLABORATOR', 'GUEST']) expect(message).toContain(role);
    });

    it('is admin-only', async () => {
      expectError(
        await setRole(fx.users.COLLABORATOR.user.id, 'ADMIN', keyHeaders(fx.users.MEMBER.key)),
        403,
        'FORBIDDEN',
      );
      expectError(await setRole(fx.users.MEMBER.user.id, 'ADMIN', keyHeaders(fx.users.MEMBER.key)), 403, 'FORBIDDEN');
    });

    it('404 for an unknown user', async () => {
      expectError(await setRole('nobody@example.com', 'MEMBER'), 404, 'NOT_FOUND');
    });
  });

  describe('the last admin', () => {
    it('can be neither demoted nor deleted (409), until another admin exists', async () => {
      const everyone = (await get(`${PATHS.users}?pageSize=200`)).json<UserPage>().users;
      expect(everyone.filter((u) => u.role === 'ADMIN')).toHaveLength(1);
      const me = fx.users.ADMIN.user.id;
      expectError(await setRole(me, 'MEMBER'), 409, 'CONFLICT');
      expectError(await del(me), 409, 'CONFLICT');
      expect((await get(PATHS.whoami)).json<{ user: User }>().user.role).toBe('ADMIN');

      const second = await fx.createUser('ADMIN', 'second-admin');
      expect((await setRole(second.user.id, 'MEMBER')).statusCode).toBe(200);
      expectError(await del(me), 409, 'CONFLICT');
      expect((await setRole(second.user.id, 'ADMIN')).statusCode).toBe(200);
      expect((await del(second.user.id, keyHeaders(second.key))).statusCode).toBe(204);
    });
  });

  describe('delete', () => {
    it('removes the user; their keys and sessions stop working at once', async () => {
      const user = await fx.createUser('MEMBER', 'doomed');
      const session = await fx.newSession('ADMIN');
      const theirSession = await fx.signIn(user.email, user.password);
      expect((await get(PATHS.whoami, keyHeaders(user.key))).statusCode).toBe(200);
      expect((await get(PATHS.whoami, sessionHeaders(theirSession))).statusCode).toBe(200);

      expect((await del(user.email, sessionHeaders(session))).statusCode).toBe(204);

      expectError(await get(PATHS.whoami, keyHeaders(user.key)), 401, 'UNAUTHENTICATED');
      expectError(await get(PATHS.whoami, sessionHeaders(theirSession)), 401, 'UNAUTHENTICATED');
      expectError(await get(fillPath(PATHS.user, { user: user.user.id })), 404, 'NOT_FOUND');
      expectError(await del(user.user.id), 404, 'NOT_FOUND');
      expect(
        await fx.services.database.db.selectFrom('api_keys').select('id').where('user_id', '=', user.user.id).execute(),
      ).toEqual([]);
    });

    it('is admin-only', async () => {
      expectError(await del(fx.users.GUEST.user.id, keyHeaders(fx.users.MEMBER.key)), 403, 'FORBIDDEN');
      expect((await get(fillPath(PATHS.user, { user: fx.users.GUEST.user.id }))).statusCode).toBe(200);
    });
  });
});
