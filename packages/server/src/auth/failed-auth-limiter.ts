// Rate limit on failed authentication per client address: too many failures → 429 with Retry-After.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { sendError } from '../http/error-handler.js';

export interface FailedAuthLimiterOptions {
  maxFailures: number;
  windowMs: number;
}

interface Window {
  startedMs: number;
  failures: number;
}

export class FailedAuthLimiter {
  // Bounded so a flood of spoofed addresses cannot grow memory without limit.
  private readonly windows = new LRUCache<string, Window>({ max: 100_000 });

  constructor(private readonly options: FailedAuthLimiterOptions) {}

  /** Seconds until this address may try again, or 0 when it may try now. O(1): runs before every credential check. */
  retryAfterSeconds(address: string, nowMs = Date.now()): number {
    // The usual case on the hot path: nobody has failed recently, so skip the lookup.
    if (this.windows.size === 0) return 0;
    const window = this.windows.get(address);
    if (!window || window.failures < this.options.maxFailures) return 0;
    const remaining = window.startedMs + this.options.windowMs - nowMs;
    if (remaining <= 0) {
      this.windows.delete(address);
      return 0;
    }
    return Math.ceil(remaining / 1000);
  }

  recordFailure(address: string, nowMs = Date.now()): void {
    const window = this.windows.get(address);
    if (!window || nowMs - window.startedMs >= this.options.windowMs) this.windows.set(address, { startedMs: nowMs, failures: 1 });
    else window.failures += 1;
  }
}

/** Sends 429 with Retry-After and returns true when the caller's address is blocked; false lets the request go on. */
export function rejectIfBlocked(limiter: FailedAuthLimiter, request: FastifyRequest, reply: FastifyReply): boolean {
  const retryAfter = limiter.retryAfterSeconds(request.ip);
  if (retryAfter === 0) return false;
  reply.header('retry-after', String(retryAfter));
  sendError(reply, request, 'RATE_LIMITED', `Too many failed authentication attempts; retry in ${retryAfter} s`);
  return true;
}
