// LeakReportLimiter: a budget of reports per address and window, Retry-After until the window ends, addresses apart.
import { describe, expect, it } from 'vitest';
import { LeakReportLimiter } from './leak-report-limiter.js';

describe('LeakReportLimiter', () => {
  it('admits the budget, then asks to wait until the window ends', () => {
    const limiter = new LeakReportLimiter({ maxReports: 3, windowMs: 10_000 });
    for (let i = 0; i < 3; i++) expect(limiter.admit('192.0.2.1', 1_000)).toBe(0);
    expect(limiter.admit('192.0.2.1', 1_000)).toBe(10);
    expect(limiter.admit('192.0.2.1', 6_500)).toBe(5);
    // Another address has its own budget.
    expect(limiter.admit('192.0.2.2', 6_500)).toBe(0);
    // A new window starts once the old one ends.
    expect(limiter.admit('192.0.2.1', 11_000)).toBe(0);
  });
});
