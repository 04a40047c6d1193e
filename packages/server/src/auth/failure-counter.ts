// Failed attempts per subject (an address, a key prefix, an account) in fixed windows, in bounded memory.
import { LRUCache } from 'lru-cache';

export interface FailureBudget {
  maxFailures: number;
  windowMs: number;
}

interface Window {
  startedMs: number;
  failures: number;
}

/** Subjects tracked per counter; the least recently failing go first, so a flood of made-up subjects cannot grow memory. */
const MAX_SUBJECTS = 100_000;

export class FailureCounter {
  private readonly windows = new LRUCache<string, Window>({ max: MAX_SUBJECTS });

  constructor(readonly budget: FailureBudget) {}

  /** Seconds until the subject's window ends when its budget is spent; 0 while it has failures to spare. */
  retryAfterSeconds(subject: string, nowMs: number): number {
    // Nobody failing is the usual case: no lookup then.
    if (this.windows.size === 0) return 0;
    const window = this.windows.get(subject);
    if (!window || window.failures < this.budget.maxFailures) return 0;
    const remaining = window.startedMs + this.budget.windowMs - nowMs;
    if (remaining <= 0) {
      this.windows.delete(subject);
      return 0;
    }
    return Math.ceil(remaining / 1000);
  }

  /** Counts one failure; returns when the window ends if this failure spent the budget (a lockout starts), else undefined. */
  add(subject: string, nowMs: number): number | undefined {
    const window = this.windows.get(subject);
    if (!window || nowMs - window.startedMs >= this.budget.windowMs) {
      this.windows.set(subject, { startedMs: nowMs, failures: 1 });
      return this.budget.maxFailures === 1 ? nowMs + this.budget.windowMs : undefined;
    }
    window.failures += 1;
    return window.failures === this.budget.maxFailures ? window.startedMs + this.budget.windowMs : undefined;
  }

  /** Forgets the subject's failures (after it proved itself). */
  clear(subject: string): void {
    this.windows.delete(subject);
  }
}
