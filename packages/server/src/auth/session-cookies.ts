// Session and CSRF cookies: httpOnly session, readable CSRF token, SameSite=Lax, Secure when served over https.
import { CSRF_COOKIE, SESSION_COOKIE } from '@teamset/contract';
import type { NewSession } from '@teamset/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, session: NewSession): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
  const base = { path: '/', sameSite: 'lax' as const, secure: secure(request), maxAge };
  reply.setCookie(SESSION_COOKIE, session.token, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const base = { path: '/', sameSite: 'lax' as const, secure: secure(request) };
  reply.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, base);
}
