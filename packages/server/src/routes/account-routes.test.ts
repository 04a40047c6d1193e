// Account routes over HTTP: rename yourself, change your password (other sessions end, this one stays), wrong guesses rate-limited.
import { PATHS, type PasswordChanged, type User, type WhoAmI } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

describe('PATCH /api/v1/account and POST /api/v1/account/password', () => {
  let fx: AuthFixture;
  beforeAll(async () => {
    fx = await createAuthFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('a signed-in user renames themselves; whoami shows the new name, by session and by key', async () => {
    const person = await fx.createUser('COLLABORATOR', 'renamer');
    const session = await fx.signIn(person.email, person.password);
    const response = await fx.inject({
      method: 'PATCH',
      url: PATHS.account,
      headers: sessionHeaders(session),
      payload: { name: '  Grace Hopper ' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<User>()).toEqual({ ...person.user, name: 'Grace Hopper' });
    const viaKey = await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(person.key) });
    expect(viaKey.json<WhoAmI>().user.name).toBe('Grace Hopper');
    const renamedByKey = await fx.inject({
      method: 'PATCH',
      url: PATHS.account,
      headers: keyHeaders(person.key),
      payload: { name: 'Rear Admiral Hopper' },
    });
    expect(renamedByKey.json<User>().name).toBe('Rear Admiral Hopper');
  });

  it('a guest may rename themselves too (it is their own account)', async () => {
    const guest = await fx.createUser('GUEST', 'guest-renamer');
    const session = await fx.signIn(guest.email, guest.password);
    const response = await fx.inject({
      method: 'PATCH',
      url: PATHS.account,
      headers: sessionHeaders(session),
      payload: { name: 'Visiting' },
    });
    expect(response.json<User>()).toMatchObject({ id: guest.user.id, name: 'Visiting', role: 'GUEST' });
  });

  it('an empty name, a blank one or an extra field is a 400 naming the field', async () => {
    const headers = sessionHeaders(await fx.newSession('MEMBER'));
    expect(
      expectError(
        await fx.inject({ method: 'PATCH', url: PATHS.account, headers, payload: { name: '' } }),
        400,
        'BAD_REQUEST',
      ).message,
    ).toContain('body.name');
    expect(
      expectError(
        await fx.inject({ method: 'PATCH', url: PATHS.account, headers, payload: { name: '   ' } }),
        400,
        'BAD_REQUEST',
      ).details,
    ).toEqual({ field: 'name' });
    expect(
      expectError(
        await fx.inject({ method: 'PATCH', url: PATHS.account, headers, payload: { name: 'Ok', role: 'ADMIN' } }),
        400,
      ).message,
    ).toContain('body.role');
  });

  it('changing the password keeps this session, ends the others and switches the sign-in password', async () => {
    const person = await fx.createUser('MEMBER', 'changer');
    const mine = await fx.signIn(person.email, person.password);
    const other = await fx.signIn(person.email, person.password);
    const response = await fx.inject({
      method: 'POST',
      url: PATHS.accountPassword,
      headers: sessionHeaders(mine),
      payload: { currentPassword: person.password, newPassword: 'a brand new password' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<PasswordChanged>()).toEqual({ endedSessions: 1 });

    expect((await fx.inject({ method: 'GET', url: PATHS.whoami, headers: sessionHeaders(mine) })).statusCode).toBe(200);
    expectError(
      await fx.inject({ method: 'GET', url: PATHS.whoami, headers: sessionHeaders(other) }),
      401,
      'UNAUTHENTICATED',
    );
    expect(
      (
        await fx.inject({
          method: 'POST',
          url: PATHS.login,
          payload: { email: person.email, password: person.password },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await fx.inject({
          method: 'POST',
          url: PATHS.login,
          payload: { email: person.email, password: 'a brand new password' },
        })
      ).statusCode,
    ).toBe(200);
    // API keys are not sessions: they keep working.
    expect((await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(person.key) })).statusCode).toBe(
      200,
    );
  });

  it('a wrong current password is a 400 with a sentence on currentPassword; a short new one names newPassword', async () => {
    const headers = sessionHeaders(await fx.newSession('MEMBER'));
    const wrong = expectError(
      await fx.inject({
        method: 'POST',
        url: PATHS.accountPassword,
        headers,
        payload: { currentPassword: 'not it', newPassword: 'long enough password' },
      }),
      400,
      'BAD_REQUEST',
    );
    expect(wrong).toMatchObject({
      message: 'The current password is not correct',
      details: { field: 'currentPassword' },
    });
    expect(
      expectError(
        await fx.inject({
          method: 'POST',
          url: PATHS.accountPassword,
          headers,
          payload: { currentPassword: fx.users.MEMBER.password, newPassword: 'short' },
        }),
        400,
      ).message,
    ).toContain('body.newPassword');
  });
});

describe('wrong current passwords count as failed authentication', () => {
  let fx: AuthFixture;
  beforeAll(async () => {
    fx = await createAuthFixture({ failedAuthLimit: { maxFailures: 3, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('after the limit the account’s password is not checked (429 with Retry-After), yet the session itself keeps working', async () => {
    const headers = sessionHeaders(await fx.newSession('MEMBER'));
    const attempt = (currentPassword: string) =>
      fx.inject({
        method: 'POST',
        url: PATHS.accountPassword,
        headers,
        payload: { currentPassword, newPassword: 'the password after' },
      });
    for (let i = 0; i < 3; i++) expectError(await attempt(`guess number ${i}`), 400, 'BAD_REQUEST');
    const blocked = await attempt(fx.users.MEMBER.password);
    expectError(blocked, 429, 'RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await fx.inject({ method: 'GET', url: PATHS.whoami, headers })).statusCode).toBe(200);
    // Signing in with the password counts against the same account budget from this address.
    expectError(
      await fx.inject({
        method: 'POST',
        url: PATHS.login,
        payload: { email: fx.users.MEMBER.email, password: fx.users.MEMBER.password },
      }),
      429,
      'RATE_LIMITED',
    );
    expect(
      (
        await fx.inject({
          method: 'POST',
          url: PATHS.login,
          payload: { email: fx.users.ADMIN.email, password: fx.users.ADMIN.password },
        })
      ).statusCode,
    ).toBe(200);
  });
});
