// Failed-auth lockouts in the audit log: one event when a lockout starts, naming the address and what was locked.
import type { Services } from '@teamset/core';
import type { FastifyBaseLogger } from 'fastify';
import type { LockoutListener } from './failed-auth-limiter.js';

export function auditLockouts(audit: Services['audit'], log: FastifyBaseLogger): LockoutListener {
  return async (lockout) => {
    try {
      await audit.record({
        action: 'auth.lockout',
        actor: null,
        ip: lockout.address,
        details: {
          scope: lockout.scope,
          subject: lockout.subject,
          until: new Date(lockout.untilMs).toISOString(),
          windowSeconds: Math.ceil(lockout.windowMs / 1000),
        },
      });
    } catch (error) {
      // The limit holds either way; a database hiccup must not turn a bad credential into a 500.
      log.error({ err: error }, 'could not record a failed-auth lockout in the audit log');
    }
  };
}
