// Reads credentials off a request: an API key (X-API-Key or Authorization: Bearer) or a session cookie.
import { API_KEY_HEADER, SESSION_COOKIE } from '@teamset/contract';
import type { FastifyRequest } from 'fastify';

export type Credentials = { kind: 'api_key'; key: string } | { kind: 'session'; token: string } | { kind: 'none' };

export function readCredentials(request: FastifyRequest): Credentials {
  const header = request.headers[API_KEY_HEADER];
  if (typeof header === 'string' && header !== '') return { kind: 'api_key', key: header.trim() };
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization !== '') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    // Any other Authorization scheme is a bad credential, not an absent one.
    return { kind: 'api_key', key: match?.[1] ?? '' };
  }
  const session = request.cookies?.[SESSION_COOKIE];
  if (typeof session === 'string' && session !== '') return { kind: 'session', token: session };
  return { kind: 'none' };
}
