// FailureCounter: fixed-window arithmetic, when a lockout starts, and forgetting a subject.
import { describe, expect, it } from 'vitest';
import { FailureCounter } from './failure-counter.js';

describe('FailureCounter', () => {
  const t0 = 1_000_000;

  it('spends a subject’s budget after maxFailures within the window, until the window ends', () => {
    const counter = new FailureCounter({ maxFailures: 3, windowMs: 60_000 });
    expect(counter.add('a', t0)).toBeUndefined();
    expect(counter.add('a', t0 + 1_000)).toBeUndefined();
    expect(counter.retryAfterSeconds('a', t0 + 2_000)).toBe(0);
    // The failure that spends the budget reports when the lockout ends, once.
    expect(counter.add('a', t0 + 2_000)).toBe(t0 + 60_000);
    expect(counter.add('a', t0 + 3_000)).toBeUndefined();
    expect(counter.retryAfterSeconds('a', t0 + 2_000)).toBe(58);
    expect(counter.retryAfterSeconds('a', t0 + 59_001)).toBe(1);
    expect(counter.retryAfterSeconds('b', t0 + 2_000)).toBe(0);
    expect(counter.retryAfterSeconds('a', t0 + 60_000)).toBe(0);
    // A new window starts from scratch.
    expect(counter.add('a', t0 + 60_001)).toBeUndefined();
    expect(counter.retryAfterSeconds('a', t0 + 60_002)).toBe(0);
  });

  it('failures spread over more than a window never spend the budget', () => {
    const counter = new FailureCounter({ maxFailures: 2, windowMs: 1_000 });
    for (let i = 0; i < 10; i++) {
      expect(counter.add('a', i * 1_500)).toBeUndefined();
      expect(counter.retryAfterSeconds('a', i * 1_500)).toBe(0);
    }
  });

  it('a budget of one failure locks on the first', () => {
    const counter = new FailureCounter({ maxFailures: 1, windowMs: 10_000 });
    expect(counter.add('a', t0)).toBe(t0 + 10_000);
    expect(counter.retryAfterSeconds('a', t0)).toBe(10);
  });

  it('clear forgets a subject', () => {
    const counter = new FailureCounter({ maxFailures: 2, windowMs: 60_000 });
    counter.add('a', t0);
    counter.add('a', t0);
    counter.clear('a');
    expect(counter.retryAfterSeconds('a', t0)).toBe(0);
    expect(counter.add('a', t0)).toBeUndefined();
  });
});
