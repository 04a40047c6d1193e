// Failed-authentication rate limit: the limiter's window arithmetic, and 429 + Retry-After over HTTP for bad keys and bad passwords.
import { PATHS, formatApiKey } from '@teamset/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, randomKeyBody, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';
import { FailedAuthLimiter } from './failed-auth-limiter.js';

describe('FailedAuthLimiter', () => {
  it('blocks an address after maxFailures within the window, until the window ends', () => {
    const limiter = new FailedAuthLimiter({ maxFailures: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    limiter.recordFailure('a', t0);
    limiter.recordFailure('a', t0 + 1_000);
    expect(limiter.retryAfterSeconds('a', t0 + 2_000)).toBe(0);
    limiter.recordFailure('a', t0 + 2_000);
    expect(limiter.retryAfterSeconds('a', t0 + 2_000)).toBe(58);
    expect(limiter.retryAfterSeconds('a', t0 + 59_001)).toBe(1);
    expect(limiter.retryAfterSeconds('b', t0 + 2_000)).toBe(0);
    expect(limiter.retryAfterSeconds('a', t0 + 60_000)).toBe(0);
    // A new window starts from scratch.
    limiter.recordFailure('a', t0 + 60_001);
    expect(limiter.retryAfterSeconds('a', t0 + 60_002)).toBe(0);
  });

  it('failures spread over more than a window never block', () => {
    const limiter = new FailedAuthLimiter({ maxFailures: 2, windowMs: 1_000 });
    for (let i = 0; i < 10; i++) {
      limiter.recordFailure('a', i * 1_500);
      expect(limiter.retryAfterSeconds('a', i * 1_500)).toBe(0);
    }
  });
});

describe('failed-auth rate limit over HTTP', () => {
  let fx: AuthFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  const LIMIT = { maxFailures: 3, windowMs: 60_000 };

  it('three bad keys, then even a valid key → 429 with Retry-After, from that address only', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    const whoami = (headers: Record<string, string>, remoteAddress = '198.51.100.1') => f.inject({ method: 'GET', url: PATHS.whoami, headers, remoteAddress });
    for (const key of [formatApiKey(randomKeyBody()), 'garbage', f.keys.expired]) expectError(await whoami(keyHeaders(key)), 401, 'UNAUTHENTICATED');

    for (const headers of [keyHeaders(f.users.ADMIN.key), keyHeaders(formatApiKey(randomKeyBody())), sessionHeaders(f.adminSession)]) {
      const blocked = await whoami(headers);
      expectError(blocked, 429, 'RATE_LIMITED');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // Another client is unaffected.
    expect((await whoami(keyHeaders(f.users.ADMIN.key), '198.51.100.2')).statusCode).toBe(200);
  });

  it('requests without credentials and successful ones do not count', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    for (let i = 0; i < 5; i++) expectError(await f.inject({ method: 'GET', url: PATHS.whoami }), 401);
    for (let i = 0; i < 5; i++) expect((await f.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(f.users.MEMBER.key) })).statusCode).toBe(200);
    expectError(await f.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders('garbage') }), 401);
    expect((await f.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(f.users.MEMBER.key) })).statusCode).toBe(200);
  });

  it('three bad passwords, then even the right one → 429 with Retry-After', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    const login = (password: string, email = f.users.MEMBER.email) => f.inject({ method: 'POST', url: PATHS.login, payload: { email, password } });
    expectError(await login('wrong one'), 401, 'UNAUTHENTICATED');
    expectError(await login('wrong two'), 401, 'UNAUTHENTICATED');
    expectError(await login('whatever', 'nobody@example.com'), 401, 'UNAUTHENTICATED');
    const blocked = await login(f.users.MEMBER.password);
    expectError(blocked, 429, 'RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.cookies).toEqual([]);
    // Key checks share the budget: the same address is blocked there too.
    expectError(await f.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(f.users.MEMBER.key) }), 429, 'RATE_LIMITED');
  });

  it('bad invitation and setup tokens count as failures too', async () => {
    const f = (fx = await createAuthFixture({ failedAuthLimit: LIMIT }));
    for (let i = 0; i < 3; i++) {
      expectError(await f.inject({ method: 'POST', url: PATHS.acceptInvitation, payload: { token: `guess-${i}`, name: 'X', password: 'long enough' } }), 404);
    }
    const blocked = await f.inject({ method: 'POST', url: PATHS.acceptInvitation, payload: { token: 'guess', name: 'X', password: 'long enough' } });
    expectError(blocked, 429, 'RATE_LIMITED');
    expect(blocked.headers['retry-after']).toBeDefined();
  });
});

describe('failed-auth rate limit behind a reverse proxy (trustProxy)', () => {
  it('keys on the address the proxy reports, so a made-up X-Forwarded-For cannot dodge the limit', async () => {
    const fx = await createAuthFixture({ trustProxy: true, failedAuthLimit: { maxFailures: 3, windowMs: 60_000 } });
    try {
      // The proxy appends the real client address to whatever the client sent.
      const via = (client: string, spoofed: string, headers: Record<string, string>) =>
        fx.inject({ method: 'GET', url: PATHS.whoami, remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': `${spoofed}, ${client}`, ...headers } });
      for (let i = 0; i < 3; i++) expectError(await via('203.0.113.9', `192.0.2.${i}`, keyHeaders('garbage')), 401);
      expectError(await via('203.0.113.9', '192.0.2.77', keyHeaders(fx.users.ADMIN.key)), 429, 'RATE_LIMITED');
      // A different real client behind the same proxy is not blocked.
      expect((await via('203.0.113.10', '203.0.113.9', keyHeaders(fx.users.ADMIN.key))).statusCode).toBe(200);
    } finally {
      await fx.close();
    }
  });
});
