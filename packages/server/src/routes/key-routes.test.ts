// API key routes over HTTP: generate once (no-store), list without secrets, own-vs-anyone rules, instant revocation and guest lockout.
import {
  GUEST_API_KEY_MESSAGE,
  PATHS,
  fillPath,
  isWellFormedApiKey,
  apiKeyDisplayPrefix,
  type ApiKey,
  type ApiKeyList,
  type CreatedApiKey,
  type WhoAmI,
} from '@teamset/contract';
import { sha256Hex } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

describe('key routes', () => {
  let fx: AuthFixture;
  beforeAll(async () => {
    fx = await createAuthFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const create = (key: string, body: Record<string, unknown>) =>
    fx.inject({ method: 'POST', url: PATHS.keys, headers: keyHeaders(key), payload: body });
  const list = (key: string, query = '') =>
    fx.inject({ method: 'GET', url: `${PATHS.keys}${query}`, headers: keyHeaders(key) });
  const remove = (key: string, keyId: string) =>
    fx.inject({ method: 'DELETE', url: fillPath(PATHS.key, { keyId }), headers: keyHeaders(key) });
  const whoami = (key: string) => fx.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(key) });

  describe('generate', () => {
    it('returns the key once, well-formed, with cache-control: no-store', async () => {
      const response = await create(fx.users.MEMBER.key, { name: '  laptop  ' });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const created = response.json<CreatedApiKey>();
      expect(isWellFormedApiKey(created.key)).toBe(true);
      expect(created.apiKey).toMatchObject({
        name: 'laptop',
        userId: fx.users.MEMBER.user.id,
        createdBy: fx.users.MEMBER.user.id,
        prefix: apiKeyDisplayPrefix(created.key),
        lastUsedAt: null,
        expiresAt: null,
      });
      const me = (await whoami(created.key)).json<WhoAmI>();
      expect(me).toMatchObject({
        authMethod: 'api_key',
        apiKeyId: created.apiKey.id,
        user: { id: fx.users.MEMBER.user.id },
      });
    });

    it('is never returned again: the listing carries neither the key nor its SHA-256', async () => {
      const { key } = (await create(fx.users.COLLABORATOR.key, { name: 'secret check' })).json<CreatedApiKey>();
      for (const response of [
        await list(fx.users.COLLABORATOR.key),
        await list(fx.users.ADMIN.key, `?user=${fx.users.COLLABORATOR.user.id}`),
      ]) {
        expect(response.statusCode).toBe(200);
        expect(response.body).not.toContain(key);
        expect(response.body).not.toContain(key.slice(4));
        expect(response.body).not.toContain(sha256Hex(key));
        for (const item of response.json<ApiKeyList>().keys)
          expect(Object.keys(item).sort()).toEqual([
            'createdAt',
            'createdBy',
            'expiresAt',
            'id',
            'lastUsedAt',
            'name',
            'prefix',
            'previousSecrets',
            'revokedAt',
            'revokedReason',
            'scope',
            'userId',
          ]);
      }
    });

    it('sets an expiry from expiresInSeconds', async () => {
      const before = Date.now();
      const { apiKey } = (
        await create(fx.users.MEMBER.key, { name: 'short', expiresInSeconds: 90 })
      ).json<CreatedApiKey>();
      const expiresAt = Date.parse(apiKey.expiresAt ?? '');
      expect(expiresAt).toBeGreaterThanOrEqual(before + 89_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 91_000);
    });

    it('rejects a blank name, a too-long name and a bad lifetime with 400 naming the field', async () => {
      expect(expectError(await create(fx.users.MEMBER.key, {}), 400, 'BAD_REQUEST').message).toContain('body.name');
      expect(expectError(await create(fx.users.MEMBER.key, { name: '' }), 400).message).toContain('body.name');
      expect(expectError(await create(fx.users.MEMBER.key, { name: 'x'.repeat(101) }), 400).message).toContain(
        'body.name',
      );
      expectError(await create(fx.users.MEMBER.key, { name: '   ' }), 400, 'BAD_REQUEST');
      expect(expectError(await create(fx.users.MEMBER.key, { name: 'n', expiresInSeconds: 0 }), 400).message).toContain(
        'body.expiresInSeconds',
      );
      expect(
        expectError(await create(fx.users.MEMBER.key, { name: 'n', expiresInSeconds: 1.5 }), 400).message,
      ).toContain('body.expiresInSeconds');
    });

    it('a guest, signed in with a session, cannot generate a key', async () => {
      const response = await fx.inject({
        method: 'POST',
        url: PATHS.keys,
        headers: sessionHeaders(await fx.newSession('GUEST')),
        payload: { name: 'nope' },
      });
      expectError(response, 403, 'FORBIDDEN');
    });
  });

  describe('own keys versus other users’ keys', () => {
    it('a member cannot list, generate or delete another user’s keys', async () => {
      const other = fx.users.COLLABORATOR;
      expectError(await list(fx.users.MEMBER.key, `?user=${other.user.id}`), 403, 'FORBIDDEN');
      expectError(await list(fx.users.MEMBER.key, `?user=${encodeURIComponent(other.email)}`), 403, 'FORBIDDEN');
      expectError(await create(fx.users.MEMBER.key, { name: 'theirs', user: other.email }), 403, 'FORBIDDEN');
      // Another user's key id is indistinguishable from a missing one.
      expect(expectError(await remove(fx.users.MEMBER.key, other.keyId), 404, 'NOT_FOUND').message).toBe(
        expectError(await remove(fx.users.MEMBER.key, '0'.repeat(24)), 404).message,
      );
      expect((await whoami(other.key)).statusCode).toBe(200);
    });

    it('a member may name themselves as the user (id or email in any case)', async () => {
      const me = fx.users.MEMBER;
      expect((await list(me.key, `?user=${me.user.id}`)).statusCode).toBe(200);
      expect((await list(me.key, `?user=${encodeURIComponent(me.email.toUpperCase())}`)).statusCode).toBe(200);
      const created = await create(me.key, { name: 'mine', user: me.email });
      expect(created.statusCode).toBe(201);
      expect(created.json<CreatedApiKey>().apiKey.userId).toBe(me.user.id);
    });

    it('a collaborator lists only their own keys', async () => {
      const keys = (await list(fx.users.COLLABORATOR.key)).json<ApiKeyList>().keys;
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => k.userId === fx.users.COLLABORATOR.user.id)).toBe(true);
    });

    it('an admin lists, generates and deletes anyone’s keys', async () => {
      const target = await fx.createUser('MEMBER', 'admin-target');
      const listed = await list(fx.users.ADMIN.key, `?user=${encodeURIComponent(target.email)}`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json<ApiKeyList>().keys.map((k) => k.id)).toEqual([target.keyId]);

      const created = await create(fx.users.ADMIN.key, { name: 'for them', user: target.user.id });
      expect(created.statusCode).toBe(201);
      const { key, apiKey } = created.json<CreatedApiKey>();
      expect(apiKey).toMatchObject({ userId: target.user.id, createdBy: fx.users.ADMIN.user.id });
      expect((await whoami(key)).json<WhoAmI>().user.id).toBe(target.user.id);

      expect((await remove(fx.users.ADMIN.key, target.keyId)).statusCode).toBe(204);
      expectError(await whoami(target.key), 401, 'UNAUTHENTICATED');
      expect(
        (await list(fx.users.ADMIN.key, `?user=${target.user.id}`)).json<ApiKeyList>().keys.map((k: ApiKey) => k.id),
      ).toEqual([apiKey.id]);
    });

    it('an admin cannot give a key to a guest (400) and gets 404 for an unknown user', async () => {
      expectError(await create(fx.users.ADMIN.key, { name: 'x', user: fx.users.GUEST.user.id }), 400, 'BAD_REQUEST');
      expectError(await create(fx.users.ADMIN.key, { name: 'x', user: 'nobody@example.com' }), 404, 'NOT_FOUND');
      expectError(await list(fx.users.ADMIN.key, '?user=nobody%40example.com'), 404, 'NOT_FOUND');
    });
  });

  describe('revocation', () => {
    it('deleting a key revokes it at once, even right after it was used (cached)', async () => {
      const { key, apiKey } = (await create(fx.users.MEMBER.key, { name: 'revoke me' })).json<CreatedApiKey>();
      expect((await whoami(key)).statusCode).toBe(200);
      expect((await remove(fx.users.MEMBER.key, apiKey.id)).statusCode).toBe(204);
      expectError(await whoami(key), 401, 'UNAUTHENTICATED');
      expectError(await remove(fx.users.MEMBER.key, apiKey.id), 404, 'NOT_FOUND');
    });

    it('a key can delete itself, and the very next request with it fails', async () => {
      const { key, apiKey } = (
        await create(fx.users.COLLABORATOR.key, { name: 'self destruct' })
      ).json<CreatedApiKey>();
      expect((await remove(key, apiKey.id)).statusCode).toBe(204);
      expectError(await list(key), 401, 'UNAUTHENTICATED');
    });

    it('a user demoted to GUEST is locked out at once, and back in when promoted again', async () => {
      const user = await fx.createUser('COLLABORATOR', 'demoted');
      expect((await whoami(user.key)).statusCode).toBe(200);
      const roleUrl = fillPath(PATHS.userRole, { user: user.user.id });
      expect(
        (
          await fx.inject({
            method: 'PUT',
            url: roleUrl,
            headers: keyHeaders(fx.users.ADMIN.key),
            payload: { role: 'GUEST' },
          })
        ).statusCode,
      ).toBe(200);
      expect(expectError(await whoami(user.key), 403, 'FORBIDDEN').message).toBe(GUEST_API_KEY_MESSAGE);
      expect(expectError(await list(user.key), 403).message).toBe(GUEST_API_KEY_MESSAGE);
      // The key record survives the demotion (docs/design.md §2) and works again after promotion.
      expect(
        (await list(fx.users.ADMIN.key, `?user=${user.user.id}`)).json<ApiKeyList>().keys.map((k) => k.id),
      ).toEqual([user.keyId]);
      expect(
        (
          await fx.inject({
            method: 'PUT',
            url: roleUrl,
            headers: keyHeaders(fx.users.ADMIN.key),
            payload: { role: 'COLLABORATOR' },
          })
        ).statusCode,
      ).toBe(200);
      expect((await whoami(user.key)).json<WhoAmI>().user.role).toBe('COLLABORATOR');
    });
  });
});
