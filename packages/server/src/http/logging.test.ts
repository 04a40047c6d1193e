// Log redaction: with debug logging on, no API key, session cookie, CSRF token, password or invitation token reaches the log.
import { Writable } from 'node:stream';
import { PATHS, type CreatedApiKey, type CreatedInvitation } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerHeaders,
  createAuthFixture,
  keyHeaders,
  sessionHeaders,
  uniquePassword,
  type AuthFixture,
} from '../test-support/auth-fixture.js';

describe('logging redaction', () => {
  const lines: string[] = [];
  let fx: AuthFixture;
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    fx = await createAuthFixture({ logLevel: 'debug', logStream });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('logs requests at debug level, without any secret', async () => {
    const secrets: string[] = [
      fx.users.ADMIN.key,
      fx.users.MEMBER.key,
      fx.users.ADMIN.password,
      fx.adminSession.token,
      fx.adminSession.csrfToken,
      fx.keys.expired,
      fx.keys.unknown,
    ];
    const admin = keyHeaders(fx.users.ADMIN.key);

    await fx.inject({ method: 'GET', url: PATHS.whoami, headers: admin });
    await fx.inject({
      method: 'GET',
      url: `${PATHS.keys}?user=${encodeURIComponent(fx.users.MEMBER.email)}`,
      headers: bearerHeaders(fx.users.ADMIN.key),
    });
    await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(fx.keys.expired) });
    await fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(fx.keys.unknown) });
    await fx
      .inject({
        method: 'POST',
        url: PATHS.keys,
        headers: sessionHeaders(fx.adminSession),
        payload: { name: 'logged?' },
      })
      .then((r) => secrets.push(r.json<CreatedApiKey>().key));
    await fx.inject({
      method: 'POST',
      url: PATHS.keys,
      headers: { cookie: fx.adminSession.cookie },
      payload: { name: 'no csrf' },
    });

    // Passwords in every place a client might put one: a good login, a bad one, a malformed body, a too-short one.
    await fx.inject({
      method: 'POST',
      url: PATHS.login,
      payload: { email: fx.users.ADMIN.email, password: fx.users.ADMIN.password },
    });
    const wrong = uniquePassword('wrong');
    secrets.push(wrong);
    await fx.inject({ method: 'POST', url: PATHS.login, payload: { email: fx.users.ADMIN.email, password: wrong } });
    const broken = uniquePassword('broken');
    secrets.push(broken);
    await fx.inject({
      method: 'POST',
      url: PATHS.login,
      payload: `{"email":"${fx.users.ADMIN.email}","password":"${broken}"`,
      headers: { 'content-type': 'application/json' },
    });
    await fx.inject({
      method: 'POST',
      url: PATHS.login,
      payload: { email: fx.users.ADMIN.email, password: broken, extra: true },
    });

    // An invitation token: in the create response, then in the accept body (and in a query string, should someone paste the link).
    const invitation = (
      await fx.inject({
        method: 'POST',
        url: PATHS.invitations,
        headers: admin,
        payload: { email: 'logged@example.com' },
      })
    ).json<CreatedInvitation>();
    const invitee = uniquePassword('invitee');
    secrets.push(invitation.token, invitee);
    await fx.inject({ method: 'GET', url: `${PATHS.whoami}?token=${invitation.token}`, headers: admin });
    const accepted = await fx.inject({
      method: 'POST',
      url: PATHS.acceptInvitation,
      payload: { token: invitation.token, name: 'Logged', password: invitee },
    });
    const cookie = accepted.cookies.find((c) => c.name === 'teamset_session');
    if (cookie) secrets.push(cookie.value);
    await fx.inject({ method: 'POST', url: PATHS.logout, headers: sessionHeaders(fx.adminSession) });

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toContain('incoming request');
    expect(log).toContain(PATHS.whoami);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(10);
      expect(log).not.toContain(secret);
      // Nor a recognisable chunk of it (e.g. a key with its prefix cut off).
      expect(log).not.toContain(secret.slice(6, 26));
    }
  });
});
