// Your own account on SQLite and PostgreSQL: change your name (audited, key caches refreshed) and your password (other sessions end).
import type { User } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { WRONG_CURRENT_PASSWORD_MESSAGE } from '../auth/session-service.js';
import type { Services } from '../services.js';
import {
  actorFor,
  createTestServices,
  expectAppError,
  uniqueEmail,
  type TestServices,
} from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

const PASSWORD = 'the first password';

describe.each(await testDialects())('your own account on %s', (dialect) => {
  let ctx: TestServices;
  let services: Services;

  beforeAll(async () => {
    ctx = await createTestServices(dialect, { background: false });
    services = ctx.services;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const makeUser = (role: User['role'] = 'MEMBER', password: string | undefined = PASSWORD): Promise<User> =>
    services.users.create(SYSTEM_ACTOR, {
      email: uniqueEmail('account'),
      name: 'Before',
      role,
      ...(password !== undefined ? { password } : {}),
    });
  const signIn = (email: string, password: string) =>
    services.sessions.signIn({ email, password, ip: '198.51.100.2', userAgent: 'vitest' });

  describe('updateOwnProfile', () => {
    it('renames the caller (trimmed), audited with the old and new name', async () => {
      const user = await makeUser();
      const updated = await services.users.updateOwnProfile(actorFor(user), { name: '  Ada Lovelace ' });
      expect(updated).toEqual({ ...user, name: 'Ada Lovelace' });
      expect(await services.users.resolve(user.id)).toEqual(updated);
      const [event] = await services.audit.list(SYSTEM_ACTOR, { action: 'user.update', limit: 1 });
      expect(event).toMatchObject({
        actorId: user.id,
        targetType: 'user',
        targetId: user.id,
        details: { from: { name: 'Before' }, to: { name: 'Ada Lovelace' } },
      });
    });

    it('works for every role, guests included', async () => {
      const guest = await makeUser('GUEST');
      expect((await services.users.updateOwnProfile(actorFor(guest), { name: 'Guest Name' })).name).toBe('Guest Name');
    });

    it('a key verified before the rename shows the new name afterwards', async () => {
      const user = await makeUser();
      const { key } = await services.keys.generate(SYSTEM_ACTOR, { name: 'cached', user: user.id });
      expect((await services.keyVerifier.verify(key)).user.name).toBe('Before');
      await services.users.updateOwnProfile(actorFor(user), { name: 'After' });
      expect((await services.keyVerifier.verify(key)).user.name).toBe('After');
    });

    it('rejects an empty or too long name, and the system actor (no account of its own)', async () => {
      const user = await makeUser();
      expect(
        (await expectAppError(services.users.updateOwnProfile(actorFor(user), { name: '   ' }), 'BAD_REQUEST')).details,
      ).toEqual({ field: 'name' });
      await expectAppError(services.users.updateOwnProfile(actorFor(user), { name: 'x'.repeat(101) }), 'BAD_REQUEST');
      await expectAppError(
        services.users.updateOwnProfile(SYSTEM_ACTOR, { name: 'Nobody' }),
        'BAD_REQUEST',
        /signed-in user/,
      );
      expect((await services.users.resolve(user.id)).name).toBe('Before');
    });

    it('a user deleted meanwhile gets 404, not a silent success', async () => {
      const user = await makeUser();
      await services.users.delete(SYSTEM_ACTOR, user.id);
      await expectAppError(services.users.updateOwnProfile(actorFor(user), { name: 'Ghost' }), 'NOT_FOUND');
    });
  });

  describe('changePassword', () => {
    it('checks the current password, sets the new one and ends the other sessions but not the one making the change', async () => {
      const user = await makeUser();
      const current = await signIn(user.email, PASSWORD);
      const other = await signIn(user.email, PASSWORD);
      const bystander = await makeUser();
      const theirs = await signIn(bystander.email, PASSWORD);

      const result = await services.sessions.changePassword(
        actorFor(user),
        { currentPassword: PASSWORD, newPassword: 'the second password' },
        current.token,
      );
      expect(result).toEqual({ endedSessions: 1 });
      expect(await services.sessions.resolve(current.token)).toBeDefined();
      expect(await services.sessions.resolve(other.token)).toBeUndefined();
      expect(await services.sessions.resolve(theirs.token)).toBeDefined();

      await expectAppError(signIn(user.email, PASSWORD), 'UNAUTHENTICATED');
      expect((await signIn(user.email, 'the second password')).user.id).toBe(user.id);

      const [event] = await services.audit.list(SYSTEM_ACTOR, { action: 'auth.password_change', limit: 1 });
      expect(event).toMatchObject({ actorId: user.id, targetId: user.id, details: { endedSessions: 1 } });
      expect(JSON.stringify(event)).not.toContain('the second password');
    });

    it('without a session to keep (an API key) every session ends; the user’s keys keep working', async () => {
      const user = await makeUser();
      const { key } = await services.keys.generate(SYSTEM_ACTOR, { name: 'stays', user: user.id });
      const a = await signIn(user.email, PASSWORD);
      const b = await signIn(user.email, PASSWORD);
      expect(
        await services.sessions.changePassword(actorFor(user, 'api_key'), {
          currentPassword: PASSWORD,
          newPassword: 'another password',
        }),
      ).toEqual({ endedSessions: 2 });
      expect(await services.sessions.resolve(a.token)).toBeUndefined();
      expect(await services.sessions.resolve(b.token)).toBeUndefined();
      expect((await services.keyVerifier.verify(key)).user.id).toBe(user.id);
    });

    it('a wrong current password is a 400 on currentPassword and changes nothing', async () => {
      const user = await makeUser();
      const session = await signIn(user.email, PASSWORD);
      const error = await expectAppError(
        services.sessions.changePassword(actorFor(user), {
          currentPassword: 'not it at all',
          newPassword: 'whatever password',
        }),
        'BAD_REQUEST',
        WRONG_CURRENT_PASSWORD_MESSAGE,
      );
      expect(error.details).toEqual({ field: 'currentPassword' });
      expect(await services.sessions.resolve(session.token)).toBeDefined();
      expect((await signIn(user.email, PASSWORD)).user.id).toBe(user.id);
    });

    it('a user without a password (created by the CLI) cannot pass the current-password check', async () => {
      const user = await makeUser('MEMBER', undefined);
      await expectAppError(
        services.sessions.changePassword(actorFor(user), {
          currentPassword: 'anything goes',
          newPassword: 'a new password',
        }),
        'BAD_REQUEST',
        WRONG_CURRENT_PASSWORD_MESSAGE,
      );
    });

    it('rejects a too short or too long new password, an unchanged one, and the system actor', async () => {
      const user = await makeUser();
      expect(
        (
          await expectAppError(
            services.sessions.changePassword(actorFor(user), { currentPassword: PASSWORD, newPassword: 'short' }),
            'BAD_REQUEST',
          )
        ).details,
      ).toEqual({ field: 'newPassword' });
      await expectAppError(
        services.sessions.changePassword(actorFor(user), { currentPassword: PASSWORD, newPassword: 'x'.repeat(257) }),
        'BAD_REQUEST',
      );
      await expectAppError(
        services.sessions.changePassword(actorFor(user), { currentPassword: PASSWORD, newPassword: PASSWORD }),
        'BAD_REQUEST',
        /differ/,
      );
      await expectAppError(
        services.sessions.changePassword(SYSTEM_ACTOR, { currentPassword: PASSWORD, newPassword: 'a new password' }),
        'BAD_REQUEST',
        /signed-in user/,
      );
      expect((await signIn(user.email, PASSWORD)).user.id).toBe(user.id);
    });
  });
});
