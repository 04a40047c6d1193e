// FailedAuthLimiter: which budgets a failure spends, what a spent budget holds back, and one lockout event per start.
import { describe, expect, it } from 'vitest';
import { FailedAuthLimiter, type Lockout } from './failed-auth-limiter.js';

const t0 = 1_000_000;

function limiterWithLog(options = { maxFailures: 2, windowMs: 60_000, maxAccountFailures: 3 }): {
  limiter: FailedAuthLimiter;
  lockouts: Lockout[];
} {
  const lockouts: Lockout[] = [];
  const limiter = new FailedAuthLimiter(options, async (lockout) => {
    lockouts.push(lockout);
  });
  return { limiter, lockouts };
}

describe('FailedAuthLimiter', () => {
  it('bad credentials: within budget answer as usual (0); past the address budget, a wait; one lockout event', async () => {
    const { limiter, lockouts } = limiterWithLog();
    expect(await limiter.credentialFailed('a', undefined, t0)).toBe(0);
    expect(await limiter.credentialFailed('a', undefined, t0)).toBe(0);
    expect(await limiter.credentialFailed('a', undefined, t0 + 1_000)).toBe(59);
    expect(await limiter.credentialFailed('a', undefined, t0 + 2_000)).toBe(58);
    expect(await limiter.credentialFailed('b', undefined, t0)).toBe(0);
    expect(lockouts).toEqual([
      { scope: 'address', subject: 'a', address: 'a', untilMs: t0 + 60_000, windowMs: 60_000 },
    ]);
  });

  it('bad keys with one prefix are held back from any address', async () => {
    const { limiter, lockouts } = limiterWithLog();
    await limiter.credentialFailed('a', 'Prefix01', t0);
    await limiter.credentialFailed('b', 'Prefix01', t0);
    expect(await limiter.credentialFailed('c', 'Prefix01', t0)).toBe(60);
    expect(await limiter.credentialFailed('d', 'Prefix02', t0)).toBe(0);
    expect(lockouts.map((l) => [l.scope, l.subject, l.address])).toEqual([['key_prefix', 'Prefix01', 'b']]);
  });

  it('passwords: the (account, address) budget holds back that account from that address only', async () => {
    const { limiter, lockouts } = limiterWithLog();
    await limiter.passwordFailed('ada@example.com', 'a', t0);
    expect(limiter.passwordRetryAfter('ada@example.com', 'a', t0)).toBe(0);
    await limiter.passwordFailed('ada@example.com', 'a', t0);
    expect(limiter.passwordRetryAfter('ada@example.com', 'a', t0)).toBe(60);
    expect(limiter.passwordRetryAfter('ada@example.com', 'b', t0)).toBe(0);
    // The address spent its budget too, yet another account's password is still checked from it.
    expect(limiter.passwordRetryAfter('bob@example.com', 'a', t0)).toBe(0);
    expect(lockouts.map((l) => [l.scope, l.subject, l.address])).toEqual([
      ['address', 'a', 'a'],
      ['account_address', 'ada@example.com', 'a'],
    ]);
  });

  it('passwords: the account budget holds back that account from every address', async () => {
    const { limiter, lockouts } = limiterWithLog();
    for (const address of ['a', 'b', 'c']) await limiter.passwordFailed('ada@example.com', address, t0);
    expect(limiter.passwordRetryAfter('ada@example.com', 'd', t0)).toBe(60);
    expect(limiter.passwordRetryAfter('bob@example.com', 'd', t0)).toBe(0);
    expect(lockouts.filter((l) => l.scope === 'account')).toEqual([
      { scope: 'account', subject: 'ada@example.com', address: 'c', untilMs: t0 + 60_000, windowMs: 60_000 },
    ]);
  });

  it('a right password forgives that account’s failures from that address, not the account-wide count', async () => {
    const { limiter } = limiterWithLog();
    await limiter.passwordFailed('ada@example.com', 'a', t0);
    limiter.passwordSucceeded('ada@example.com', 'a');
    await limiter.passwordFailed('ada@example.com', 'a', t0);
    expect(limiter.passwordRetryAfter('ada@example.com', 'a', t0)).toBe(0);
    await limiter.passwordFailed('ada@example.com', 'b', t0);
    expect(limiter.passwordRetryAfter('ada@example.com', 'z', t0)).toBe(60);
  });
});
