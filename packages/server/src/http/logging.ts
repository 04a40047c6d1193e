// Logger options: pino with every secret-bearing path redacted (keys, cookies, passwords, tokens).
import type { FastifyServerOptions } from 'fastify';

export const REDACT_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.key',
  '*.token',
  'body.password',
  'body.token',
  // Leak reports carry live keys.
  'body.keys',
];

export function loggerOptions(level: string | false, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  if (level === false) return false;
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // Query strings may carry tokens (e.g. a pasted invitation link); log the path only.
    serializers: {
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        ip: req.ip,
      }),
    },
    ...(stream ? { stream } : {}),
  } as FastifyServerOptions['logger'];
}
