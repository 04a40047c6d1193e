// Failed-auth limiting over HTTP: valid credentials always pass; bad ones from a spent budget get 429; lockouts are audited.
import { PATHS, formatApiKey, type AuditEvent } from '@teamset/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GRAPHQL_PATH } from '../graphql/graphql-routes.js';
import {
  bearerHeaders,
  createAuthFixture,
  keyHeaders,
  randomKeyBody,
  sessionHeaders,
  type AuthFixture,
} from '../test-support/auth-fixture.js';
import { expectAuthorized, expectError } from '../test-support/http-assertions.js';

const LIMIT = { maxFailures: 3, windowMs: 60_000, maxAccountFailures: 5 };
const ATTACKER = '198.51.100.1';
const ELSEWHERE = '198.51.100.2';

describe('failed-auth limit over HTTP', () => {
  let fx: AuthFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  const whoami = (f: AuthFixture, headers: Record<string, string>, remoteAddress = ATTACKER) =>
    f.inject({ method: 'GET', url: PATHS.whoami, headers, remoteAddress });
  const login = (f: AuthFixture, email: string, password: string, remoteAddress = ATTACKER) =>
    f.inject({ method: 'POST', url: PATHS.login, payload: { email, password }, remoteAddress });
  const lockouts = async (f: AuthFixture): Promise<AuditEvent[]> => {
    const response = await f.inject({
      method: 'GET',
      url: `${PATHS.audit}?action=auth.lockout`,
      headers: keyHeaders(f.users.ADMIN.key),
      remoteAddress: '192.0.2.250',
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ events: AuditEvent[] }>().events;
  };
  const expectSlowDown = (response: Awaited<ReturnType<AuthFixture['inject']>>) => {
    expectError(response, 429, 'RATE_LIMITED');
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  };

  it('an address over its budget still gets in with a valid key, Bearer token, session cookie, GraphQL and another account’s password', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    for (const key of [formatApiKey(randomKeyBody()), 'garbage', f.keys.expired])
      expectError(await whoami(f, keyHeaders(key)), 401, 'UNAUTHENTICATED');

    expect((await whoami(f, keyHeaders(f.users.ADMIN.key))).statusCode).toBe(200);
    expect((await whoami(f, bearerHeaders(f.users.MEMBER.key))).statusCode).toBe(200);
    expect((await whoami(f, sessionHeaders(f.adminSession))).statusCode).toBe(200);
    const graphql = await f.inject({
      method: 'POST',
      url: GRAPHQL_PATH,
      remoteAddress: ATTACKER,
      headers: { ...keyHeaders(f.users.ADMIN.key), 'content-type': 'application/json' },
      payload: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect([graphql.statusCode, graphql.json()]).toEqual([200, { data: { viewer: { id: f.users.ADMIN.user.id } } }]);
    const media = await f.inject({
      method: 'GET',
      url: PATHS.sampleThumbnail.replace(':name', 'nope').replace(':sampleId', 'nope'),
      headers: keyHeaders(f.users.ADMIN.key),
      remoteAddress: ATTACKER,
    });
    expectAuthorized(media);
    const signIn = await login(f, f.users.COLLABORATOR.email, f.users.COLLABORATOR.password);
    expect(signIn.statusCode, signIn.body).toBe(200);
  });

  it('bad credentials from an address over its budget get 429 with Retry-After instead of 401; other addresses still get 401', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    for (let i = 0; i < 3; i++) expectError(await whoami(f, keyHeaders('garbage')), 401, 'UNAUTHENTICATED');
    for (const headers of [
      keyHeaders(formatApiKey(randomKeyBody())),
      keyHeaders('garbage'),
      bearerHeaders('garbage'),
      { authorization: 'Basic eDp5' },
    ]) {
      expectSlowDown(await whoami(f, headers));
    }
    expectError(await whoami(f, keyHeaders('garbage'), ELSEWHERE), 401, 'UNAUTHENTICATED');
    // Requests without any credential are not failures and are not slowed down; nor is a stale session
    // cookie, so the web app still gets the 401 that shows its sign-in page.
    expectError(await whoami(f, {}), 401, 'UNAUTHENTICATED');
    expectError(await whoami(f, sessionHeaders(f.expiredSession)), 401, 'UNAUTHENTICATED');
  });

  it('requests without credentials, with a stale session cookie, and successful ones do not count', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    for (let i = 0; i < 5; i++) expectError(await whoami(f, {}), 401);
    for (let i = 0; i < 5; i++) expectError(await whoami(f, sessionHeaders(f.expiredSession)), 401);
    for (let i = 0; i < 5; i++) expect((await whoami(f, keyHeaders(f.users.MEMBER.key))).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expectError(await whoami(f, keyHeaders('garbage')), 401);
  });

  it('bad invitation tokens count as failures too', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    const accept = (token: string) =>
      f.inject({
        method: 'POST',
        url: PATHS.acceptInvitation,
        remoteAddress: ATTACKER,
        payload: { token, name: 'X', password: 'long enough' },
      });
    for (let i = 0; i < 3; i++) expectError(await accept(`guess-${i}`), 404);
    expectSlowDown(await accept('guess'));
    expect((await whoami(f, keyHeaders(f.users.MEMBER.key))).statusCode).toBe(200);
  });

  it('bad tokens looked up on the invitation page count as failures too, and a good one still answers elsewhere', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    const lookup = (token: string, remoteAddress = ATTACKER) =>
      f.inject({ method: 'POST', url: PATHS.invitationLookup, remoteAddress, payload: { token } });
    for (let i = 0; i < 3; i++) expectError(await lookup(`guess-${i}`), 404);
    expectSlowDown(await lookup('guess'));
    const { token } = await f.services.invitations.create(
      { kind: 'system', ip: null },
      { email: 'looked-up@example.com', role: 'MEMBER' },
      'http://localhost',
    );
    expect((await lookup(token, ELSEWHERE)).statusCode).toBe(200);
  });

  it('one key prefix guessed from many addresses is slowed down wherever the guesses come from', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    const guess = () => formatApiKey(`Target00${randomKeyBody().slice(8)}`);
    for (let i = 0; i < 3; i++)
      expectError(await whoami(f, keyHeaders(guess()), `203.0.113.${i}`), 401, 'UNAUTHENTICATED');
    expectSlowDown(await whoami(f, keyHeaders(guess()), '203.0.113.50'));
    // Another prefix from a fresh address is a plain 401, and valid keys pass.
    expectError(await whoami(f, keyHeaders(formatApiKey(randomKeyBody())), '203.0.113.51'), 401, 'UNAUTHENTICATED');
    expect((await whoami(f, keyHeaders(f.users.MEMBER.key), '203.0.113.50')).statusCode).toBe(200);
  });

  it('password sign-in: over the (account, address) budget, 429 without checking the password; other addresses, accounts and keys are unaffected', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    const member = f.users.MEMBER;
    for (let i = 0; i < 3; i++) expectError(await login(f, member.email, `wrong ${i}`), 401, 'UNAUTHENTICATED');
    const signIn = vi.spyOn(f.services.sessions, 'signIn');
    const blocked = await login(f, member.email.toUpperCase(), member.password);
    expectSlowDown(blocked);
    expect(blocked.cookies).toEqual([]);
    expect(signIn).not.toHaveBeenCalled();

    expect((await login(f, member.email, member.password, ELSEWHERE)).statusCode).toBe(200);
    expect((await login(f, f.users.ADMIN.email, f.users.ADMIN.password)).statusCode).toBe(200);
    expect((await whoami(f, keyHeaders(member.key))).statusCode).toBe(200);
  });

  it('password checks from an address over its budget run one at a time, with a short queue: spraying made-up emails cannot keep argon2 busy', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    for (let i = 0; i < 3; i++) expectError(await whoami(f, keyHeaders('garbage')), 401, 'UNAUTHENTICATED');
    let running = 0;
    let most = 0;
    let checked = 0;
    const original = f.services.sessions.signIn.bind(f.services.sessions);
    vi.spyOn(f.services.sessions, 'signIn').mockImplementation(async (input) => {
      running++;
      checked++;
      most = Math.max(most, running);
      try {
        return await original(input);
      } finally {
        running--;
      }
    });
    const sprayed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(f, `nobody-${i}@example.com`, 'a wrong password')),
    );
    expect(most).toBe(1);
    // One runs, SPENT_ADDRESS_QUEUE (8) wait behind it; the rest are refused without a check. Every answer is the
    // slow-down: the checked ones failed from an address over its budget.
    expect(checked).toBe(9);
    for (const response of sprayed) expectSlowDown(response);
    // Once the spray has passed, a colleague behind the same address signs in with the right password.
    expect((await login(f, f.users.COLLABORATOR.email, f.users.COLLABORATOR.password)).statusCode).toBe(200);
    // Another address is not queued at all.
    expect((await login(f, f.users.MEMBER.email, f.users.MEMBER.password, ELSEWHERE)).statusCode).toBe(200);
  });

  it('password sign-in: over the per-account budget, the account’s sign-in is slowed down from every address, never its keys', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    const member = f.users.MEMBER;
    for (let i = 0; i < 5; i++)
      expectError(await login(f, member.email, `wrong ${i}`, `203.0.113.${i}`), 401, 'UNAUTHENTICATED');
    expectSlowDown(await login(f, member.email, member.password, '203.0.113.99'));
    expect((await whoami(f, keyHeaders(member.key), '203.0.113.99')).statusCode).toBe(200);
    expect((await login(f, f.users.ADMIN.email, f.users.ADMIN.password, '203.0.113.99')).statusCode).toBe(200);
  });

  it('a successful sign-in clears its (account, address) failures', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    const member = f.users.MEMBER;
    for (let round = 0; round < 2; round++) {
      // The second round's typos may be slowed down by the address budget; the right password is what matters.
      for (let i = 0; i < 2; i++) expect([401, 429]).toContain((await login(f, member.email, `typo ${i}`)).statusCode);
      expect((await login(f, member.email, member.password)).statusCode).toBe(200);
    }
  });

  it('the audit log records each lockout once, when it starts, with the address and what was locked', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    for (let i = 0; i < 6; i++) await whoami(f, keyHeaders('garbage'));
    for (let i = 0; i < 5; i++) await login(f, f.users.MEMBER.email, `wrong ${i}`);
    const events = await lockouts(f);
    const summary = events
      .map((e) => ({
        ip: e.ip,
        scope: e.details.scope,
        subject: e.details.subject,
        windowSeconds: e.details.windowSeconds,
      }))
      .reverse();
    expect(summary).toEqual([
      { ip: ATTACKER, scope: 'address', subject: ATTACKER, windowSeconds: 60 },
      { ip: ATTACKER, scope: 'account_address', subject: f.users.MEMBER.email, windowSeconds: 60 },
    ]);
    expect(events.every((e) => typeof e.details.until === 'string')).toBe(true);
    expect(JSON.stringify(events)).not.toContain('wrong');
  });
});

describe('failed-auth limit and the client address', () => {
  let fx: AuthFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('behind a trusted proxy: limited and audited by the address the proxy reports; a made-up X-Forwarded-For does not dodge it', async () => {
    const f = (fx = await createAuthFixture({ trustProxy: true, failedAuthLimit: LIMIT }));
    // The proxy appends the real client address to whatever the client sent.
    const via = (client: string, spoofed: string, headers: Record<string, string>) =>
      f.inject({
        method: 'GET',
        url: PATHS.whoami,
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': `${spoofed}, ${client}`, ...headers },
      });
    for (let i = 0; i < 3; i++) expectError(await via('203.0.113.9', `192.0.2.${i}`, keyHeaders('garbage')), 401);
    expectError(await via('203.0.113.9', '192.0.2.77', keyHeaders('garbage')), 429, 'RATE_LIMITED');
    expect((await via('203.0.113.9', '192.0.2.78', keyHeaders(f.users.ADMIN.key))).statusCode).toBe(200);
    // A different real client behind the same proxy is not slowed down.
    expectError(await via('203.0.113.10', '203.0.113.9', keyHeaders('garbage')), 401, 'UNAUTHENTICATED');
    const audit = await f.inject({
      method: 'GET',
      url: `${PATHS.audit}?action=auth.lockout`,
      headers: keyHeaders(f.users.ADMIN.key),
    });
    expect(audit.json<{ events: AuditEvent[] }>().events.map((e) => [e.ip, e.details.subject])).toEqual([
      ['203.0.113.9', '203.0.113.9'],
    ]);
  });

  it('without trustProxy: X-Forwarded-For is ignored, the socket address is the client', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    const from = (forwarded: string, headers: Record<string, string>) =>
      f.inject({
        method: 'GET',
        url: PATHS.whoami,
        remoteAddress: ATTACKER,
        headers: { 'x-forwarded-for': forwarded, ...headers },
      });
    for (let i = 0; i < 3; i++) expectError(await from(`192.0.2.${i}`, keyHeaders('garbage')), 401);
    expectError(await from('192.0.2.99', keyHeaders('garbage')), 429, 'RATE_LIMITED');
    const audit = await f.inject({
      method: 'GET',
      url: `${PATHS.audit}?action=auth.lockout`,
      headers: keyHeaders(f.users.ADMIN.key),
    });
    expect(audit.json<{ events: AuditEvent[] }>().events.map((e) => e.ip)).toEqual([ATTACKER]);
  });
});
