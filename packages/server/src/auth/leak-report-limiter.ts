// Leak reports per client address in fixed windows: the public revocation endpoint must not become a free database hammer.
import { FailureCounter, type FailureBudget } from './failure-counter.js';

/** Reports one address may send per window (each may carry up to 100 key strings). */
export interface LeakReportBudget {
  maxReports: number;
  windowMs: number;
}

/** 10 reports a minute per address: a scanner batching its finds stays well inside it. */
export const DEFAULT_LEAK_REPORT_LIMIT: LeakReportBudget = { maxReports: 10, windowMs: 60_000 };

export class LeakReportLimiter {
  // Every report, accepted or not, spends the budget, so the failure counter's windows fit as they are.
  private readonly reports: FailureCounter;

  constructor(budget: LeakReportBudget) {
    const counted: FailureBudget = { maxFailures: budget.maxReports, windowMs: budget.windowMs };
    this.reports = new FailureCounter(counted);
  }

  /** Counts a report from the address: 0 to take it in, or the seconds to wait (answer 429) once the budget is spent. */
  admit(address: string, nowMs = Date.now()): number {
    const wait = this.reports.retryAfterSeconds(address, nowMs);
    if (wait > 0) return wait;
    this.reports.add(address, nowMs);
    return 0;
  }
}
