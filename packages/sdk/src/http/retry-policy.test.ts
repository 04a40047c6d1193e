// Tests for the retry policy: which methods and statuses retry, backoff growth and jitter bounds, Retry-After parsing.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isIdempotent, isRetryableStatus, parseRetryAfter } from './retry-policy.js';

describe('retry policy', () => {
  it('retries only idempotent methods', () => {
    expect(['GET', 'HEAD', 'PUT', 'DELETE'].every((m) => isIdempotent(m as 'GET'))).toBe(true);
    expect(isIdempotent('POST')).toBe(false);
    expect(isIdempotent('PATCH')).toBe(false);
  });

  it('retries only transient statuses', () => {
    expect([429, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 500].some(isRetryableStatus)).toBe(false);
  });

  it('doubles the backoff each attempt, capped, with jitter between 50 % and 100 %', () => {
    expect(backoffDelayMs(1, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 10_000, () => 1)).toBe(400);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(200);
    expect(backoffDelayMs(20, 100, 1_000, () => 1)).toBe(1_000);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
