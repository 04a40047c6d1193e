// describeAuthChecks: the same authentication and authorization checks applied to every route of a protected-route table.
import {
  CSRF_HEADER,
  GUEST_API_KEY_MESSAGE,
  INVALID_API_KEY_MESSAGE,
  ROLES,
  canUseApiKeys,
  roleRank,
  type Role,
} from '@teamset/contract';
import { READ_ONLY_KEY_MESSAGE, SYSTEM_ACTOR } from '@teamset/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerHeaders, createAuthFixture, keyHeaders, sessionHeaders, type AuthFixture } from './auth-fixture.js';
import { expectAuthorized, expectError } from './http-assertions.js';
import type { ProtectedRoute } from './protected-routes.js';

type BadKeyKind = 'malformed' | 'unknown' | 'deleted' | 'expired';
const BAD_KEY_KINDS: readonly BadKeyKind[] = ['malformed', 'unknown', 'deleted', 'expired'];

function badKeys(fx: AuthFixture, kind: BadKeyKind): readonly string[] {
  return kind === 'malformed' ? fx.keys.malformed : [fx.keys[kind]];
}

export function describeAuthChecks(routes: readonly ProtectedRoute[]): void {
  let fx: AuthFixture;
  /** The admin's key scoped to read-only management: refused every management change, nothing else. */
  let readOnlyKey: string;
  beforeAll(async () => {
    fx = await createAuthFixture();
    readOnlyKey = (
      await fx.services.keys.generate(SYSTEM_ACTOR, {
        name: 'read-only management',
        user: fx.users.ADMIN.user.id,
        readOnlyManagement: true,
      })
    ).key;
  });
  afterAll(async () => {
    await fx?.close();
  });

  const send = (
    route: ProtectedRoute,
    headers: Record<string, string>,
    method: string = route.method,
  ): Promise<LightMyRequestResponse> =>
    fx.inject({
      method: method as ProtectedRoute['method'],
      url: route.url,
      headers,
      ...(route.body && method !== 'HEAD' ? { payload: route.body } : {}),
    });

  describe.each(routes.map((r) => [`${r.method} ${r.path} (minimum role ${r.minRole})`, r] as const))(
    '%s',
    (_title, route) => {
      const safe = route.method === 'GET';

      it('no credentials → 401', async () => {
        expectError(await send(route, {}), 401, 'UNAUTHENTICATED');
      });

      if (safe) {
        it('HEAD without credentials → 401 as well', async () => {
          expect((await send(route, {}, 'HEAD')).statusCode).toBe(401);
        });
      }

      it.each(BAD_KEY_KINDS)('%s key → 401 (X-API-Key and Bearer)', async (kind) => {
        for (const key of badKeys(fx, kind)) {
          expectError(await send(route, keyHeaders(key)), 401, 'UNAUTHENTICATED');
          expectError(await send(route, bearerHeaders(key)), 401, 'UNAUTHENTICATED');
        }
      });

      it('every bad key gets the same 401 message (no oracle), also for a non-Bearer Authorization', async () => {
        const messages = new Set<string>();
        for (const kind of BAD_KEY_KINDS) {
          for (const key of badKeys(fx, kind)) {
            messages.add(expectError(await send(route, keyHeaders(key)), 401).message);
            messages.add(expectError(await send(route, bearerHeaders(key)), 401).message);
          }
        }
        messages.add(
          expectError(await send(route, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }), 401)
            .message,
        );
        expect([...messages]).toEqual([INVALID_API_KEY_MESSAGE]);
      });

      it('guest key → 403 "Guests cannot use API keys" (X-API-Key and Bearer)', async () => {
        for (const headers of [keyHeaders(fx.keys.guest), bearerHeaders(fx.keys.guest)]) {
          expect(expectError(await send(route, headers), 403, 'FORBIDDEN').message).toBe(GUEST_API_KEY_MESSAGE);
        }
      });

      it('unknown or expired session cookie → 401', async () => {
        expectError(
          await send(route, { cookie: 'teamset_session=not-a-session-token-at-all', [CSRF_HEADER]: 'x' }),
          401,
          'UNAUTHENTICATED',
        );
        expectError(await send(route, sessionHeaders(fx.expiredSession)), 401, 'UNAUTHENTICATED');
      });

      if (safe) {
        it('admin session without CSRF header passes on a safe method', async () => {
          expectAuthorized(await send(route, sessionHeaders(await fx.newSession('ADMIN'), { csrf: false })));
        });
      } else {
        it('admin session without CSRF header, or with a wrong one → 403', async () => {
          const session = await fx.newSession('ADMIN');
          expect(
            expectError(await send(route, sessionHeaders(session, { csrf: false })), 403, 'FORBIDDEN').message,
          ).toMatch(/CSRF/);
          const wrong = session.csrfToken.slice(0, -1) + (session.csrfToken.endsWith('0') ? '1' : '0');
          expectError(await send(route, { cookie: session.cookie, [CSRF_HEADER]: wrong }), 403, 'FORBIDDEN');
          // Another session's token is no good either.
          expectError(
            await send(route, { cookie: session.cookie, [CSRF_HEADER]: fx.adminSession.csrfToken }),
            403,
            'FORBIDDEN',
          );
          expectError(await send(route, { cookie: session.cookie, [CSRF_HEADER]: '' }), 403, 'FORBIDDEN');
        });
      }

      it('admin session with its CSRF header passes authentication', async () => {
        expectAuthorized(await send(route, sessionHeaders(await fx.newSession('ADMIN'))));
      });

      it('a valid key in Authorization: Bearer works like X-API-Key', async () => {
        const viaHeader = await send(route, keyHeaders(fx.users.ADMIN.key));
        const viaBearer = await send(route, bearerHeaders(fx.users.ADMIN.key));
        expectAuthorized(viaHeader);
        expectAuthorized(viaBearer);
        expect(viaBearer.statusCode).toBe(viaHeader.statusCode);
      });

      if (route.refusesReadOnlyKey) {
        it('an admin key scoped to read-only management → 403 (a management change)', async () => {
          const error = expectError(await send(route, keyHeaders(readOnlyKey)), 403, 'FORBIDDEN');
          expect(error.message).toBe(READ_ONLY_KEY_MESSAGE);
        });
      } else {
        it('an admin key scoped to read-only management passes authorization (not a management change)', async () => {
          expectAuthorized(await send(route, keyHeaders(readOnlyKey)));
        });
      }

      const lowest = route.minRole;
      it(`the lowest allowed role (${lowest}) passes`, async () => {
        if (canUseApiKeys(lowest)) expectAuthorized(await send(route, keyHeaders(fx.users[lowest].key)));
        expectAuthorized(await send(route, sessionHeaders(await fx.newSession(lowest))));
      });

      const below: Role[] = ROLES.filter((role) => roleRank(role) < roleRank(route.minRole));
      if (below.length > 0) {
        it(`roles below ${route.minRole} (${below.join(', ')}) → 403 by key and by session`, async () => {
          for (const role of below) {
            if (canUseApiKeys(role)) expectError(await send(route, keyHeaders(fx.users[role].key)), 403, 'FORBIDDEN');
            expectError(await send(route, sessionHeaders(await fx.newSession(role))), 403, 'FORBIDDEN');
          }
        });
      }
    },
  );
}
