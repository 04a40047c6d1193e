// KeyService on SQLite and PostgreSQL: shown-once plaintext, only the digest stored, name/expiry validation, who may manage whose keys.
import { API_KEY_LENGTH, MAX_KEY_LIFETIME_SECONDS, isWellFormedApiKey } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { sha256Hex } from '../secrets.js';
import type { Services } from '../services.js';
import { expectAppError, useTeamServices, type Team } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('KeyService on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened));

  describe('generate', () => {
    it('returns a well-formed plaintext key once and stores only its SHA-256', async () => {
      const before = Date.now();
      const { key, apiKey } = await services.keys.generate(team.as.collaborator, { name: 'laptop' });
      expect(key).toHaveLength(API_KEY_LENGTH);
      expect(isWellFormedApiKey(key)).toBe(true);
      expect(apiKey).toMatchObject({
        name: 'laptop',
        userId: team.collaborator.id,
        createdBy: team.collaborator.id,
        prefix: key.slice(4, 12),
        lastUsedAt: null,
        expiresAt: null,
      });
      expect(Date.parse(apiKey.createdAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(JSON.stringify(apiKey)).not.toContain(key);

      const row = await services.database.db
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', apiKey.id)
        .executeTakeFirstOrThrow();
      expect(row.key_hash).toBe(sha256Hex(key));
      expect(row.display_prefix).toBe(key.slice(4, 12));
      for (const [column, value] of Object.entries(row)) {
        expect(String(value), `column ${column}`).not.toContain(key);
        expect(String(value), `column ${column}`).not.toContain(key.slice(12));
      }
      // Listing never carries the key or its digest.
      const listed = await services.keys.list(team.as.collaborator);
      expect(listed.map((k) => k.id)).toContain(apiKey.id);
      expect(JSON.stringify(listed)).not.toContain(key.slice(12));
      expect(JSON.stringify(listed)).not.toContain(row.key_hash);
    });

    it('gives every key a different value', async () => {
      const a = await services.keys.generate(team.as.member, { name: 'a' });
      const b = await services.keys.generate(team.as.member, { name: 'b' });
      expect(a.key).not.toBe(b.key);
      expect(a.apiKey.id).not.toBe(b.apiKey.id);
    });

    it('requires a name of 1–100 characters after trimming', async () => {
      await expectAppError(services.keys.generate(team.as.member, { name: '' }), 'BAD_REQUEST');
      const blank = await expectAppError(services.keys.generate(team.as.member, { name: '   \t ' }), 'BAD_REQUEST');
      expect(blank.details).toEqual({ field: 'name' });
      await expectAppError(services.keys.generate(team.as.member, { name: 'x'.repeat(101) }), 'BAD_REQUEST');
      expect((await services.keys.generate(team.as.member, { name: 'y'.repeat(100) })).apiKey.name).toHaveLength(100);
      expect((await services.keys.generate(team.as.member, { name: `  ${'z'.repeat(100)}  ` })).apiKey.name).toBe(
        'z'.repeat(100),
      );
      expect((await services.keys.generate(team.as.member, { name: '  ci runner ' })).apiKey.name).toBe('ci runner');
    });

    it('validates expiresInSeconds and sets expiresAt from it', async () => {
      for (const bad of [0, -5, 1.5, Number.NaN, MAX_KEY_LIFETIME_SECONDS + 1]) {
        const error = await expectAppError(
          services.keys.generate(team.as.member, { name: 'exp', expiresInSeconds: bad }),
          'BAD_REQUEST',
        );
        expect(error.details).toEqual({ field: 'expiresInSeconds' });
      }
      const before = Date.now();
      const { apiKey } = await services.keys.generate(team.as.member, { name: 'exp', expiresInSeconds: 3600 });
      const expiresAt = Date.parse(apiKey.expiresAt ?? '');
      expect(expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
      const stored = await services.database.db
        .selectFrom('api_keys')
        .select('expires_at')
        .where('id', '=', apiKey.id)
        .executeTakeFirstOrThrow();
      expect(new Date(stored.expires_at ?? 0).toISOString()).toBe(apiKey.expiresAt);
      expect(
        (await services.keys.generate(team.as.member, { name: 'max', expiresInSeconds: MAX_KEY_LIFETIME_SECONDS }))
          .apiKey.expiresAt,
      ).not.toBeNull();
    });

    it('lets COLLABORATOR, MEMBER and ADMIN create their own keys', async () => {
      for (const who of ['collaborator', 'member', 'admin'] as const) {
        const { apiKey } = await services.keys.generate(team.as[who], {
          name: `own ${who}`,
          user: team[who].email.toUpperCase(),
        });
        expect(apiKey.userId).toBe(team[who].id);
      }
    });

    it('forbids a GUEST from creating a key', async () => {
      await expectAppError(services.keys.generate(team.as.guest, { name: 'mine' }), 'FORBIDDEN');
      await expectAppError(services.keys.generate(team.as.guest, { name: 'mine', user: team.guest.id }), 'FORBIDDEN');
      expect(await services.keys.list(SYSTEM_ACTOR, { user: team.guest.id })).toEqual([]);
    });

    it('forbids a non-admin from creating a key for someone else, whether or not they exist', async () => {
      await expectAppError(
        services.keys.generate(team.as.member, { name: 'theirs', user: team.collaborator.id }),
        'FORBIDDEN',
      );
      await expectAppError(
        services.keys.generate(team.as.collaborator, { name: 'theirs', user: team.admin.email }),
        'FORBIDDEN',
      );
      await expectAppError(
        services.keys.generate(team.as.member, { name: 'theirs', user: 'nobody@example.com' }),
        'FORBIDDEN',
      );
    });

    it('lets an admin create a key for anyone but a guest', async () => {
      const { key, apiKey } = await services.keys.generate(team.as.admin, {
        name: 'for collab',
        user: team.collaborator.email,
      });
      expect(apiKey).toMatchObject({ userId: team.collaborator.id, createdBy: team.admin.id });
      expect((await services.keyVerifier.verify(key)).user.id).toBe(team.collaborator.id);
      const error = await expectAppError(
        services.keys.generate(team.as.admin, { name: 'for guest', user: team.guest.id }),
        'BAD_REQUEST',
      );
      expect(error.details).toEqual({ field: 'user' });
      await expectAppError(
        services.keys.generate(team.as.admin, { name: 'for ghost', user: 'ghost@example.com' }),
        'NOT_FOUND',
      );
    });

    it('needs a user when the system actor generates', async () => {
      const error = await expectAppError(services.keys.generate(SYSTEM_ACTOR, { name: 'bootstrap' }), 'BAD_REQUEST');
      expect(error.details).toEqual({ field: 'user' });
      const { apiKey } = await services.keys.generate(SYSTEM_ACTOR, { name: 'bootstrap', user: team.member.email });
      expect(apiKey).toMatchObject({ userId: team.member.id, createdBy: null });
      await expectAppError(
        services.keys.generate(SYSTEM_ACTOR, { name: 'bootstrap', user: team.guest.email }),
        'BAD_REQUEST',
      );
    });
  });

  describe('list', () => {
    it('lists the caller’s own keys only', async () => {
      const own = await services.keys.generate(team.as.collaborator, { name: 'list-own' });
      const other = await services.keys.generate(team.as.member, { name: 'list-other' });
      const keys = await services.keys.list(team.as.collaborator);
      expect(keys.every((k) => k.userId === team.collaborator.id)).toBe(true);
      expect(keys.map((k) => k.id)).toContain(own.apiKey.id);
      expect(keys.map((k) => k.id)).not.toContain(other.apiKey.id);
      expect(await services.keys.list(team.as.collaborator, { user: team.collaborator.email })).toEqual(keys);
    });

    it('forbids a non-admin from listing another user’s keys, and a guest from listing any', async () => {
      await expectAppError(services.keys.list(team.as.collaborator, { user: team.member.id }), 'FORBIDDEN');
      await expectAppError(services.keys.list(team.as.member, { user: team.admin.email }), 'FORBIDDEN');
      await expectAppError(services.keys.list(team.as.guest), 'FORBIDDEN');
    });

    it('lets an admin list anyone’s keys, and the system actor everyone’s', async () => {
      const theirs = await services.keys.generate(team.as.member, { name: 'admin-can-see' });
      const listed = await services.keys.list(team.as.admin, { user: team.member.email });
      expect(listed.map((k) => k.id)).toContain(theirs.apiKey.id);
      expect(listed.every((k) => k.userId === team.member.id)).toBe(true);
      const mine = await services.keys.generate(team.as.collaborator, { name: 'system-sees-all' });
      const all = (await services.keys.list(SYSTEM_ACTOR)).map((k) => k.id);
      expect(all).toEqual(expect.arrayContaining([theirs.apiKey.id, mine.apiKey.id]));
      const rows = await services.database.db.selectFrom('api_keys').select('id').execute();
      expect(all).toHaveLength(rows.length);
      await expectAppError(services.keys.list(team.as.admin, { user: 'ghost@example.com' }), 'NOT_FOUND');
    });
  });

  describe('delete', () => {
    it('deletes the caller’s own key, revoking it at once', async () => {
      const { key, apiKey } = await services.keys.generate(team.as.collaborator, { name: 'to delete' });
      await services.keyVerifier.verify(key);
      await services.keys.delete(team.as.collaborator, apiKey.id);
      expect((await services.keys.list(team.as.collaborator)).map((k) => k.id)).not.toContain(apiKey.id);
      await expectAppError(services.keyVerifier.verify(key), 'UNAUTHENTICATED');
      await expectAppError(services.keys.delete(team.as.collaborator, apiKey.id), 'NOT_FOUND');
    });

    it('answers NOT_FOUND when a non-admin deletes someone else’s key, and keeps the key', async () => {
      const { key, apiKey } = await services.keys.generate(team.as.member, { name: 'not yours' });
      const error = await expectAppError(services.keys.delete(team.as.collaborator, apiKey.id), 'NOT_FOUND');
      const unknown = await expectAppError(
        services.keys.delete(team.as.collaborator, 'ffffffffffffffffffffffff'),
        'NOT_FOUND',
      );
      expect(error.message).toBe(unknown.message);
      expect((await services.keyVerifier.verify(key)).keyId).toBe(apiKey.id);
    });

    it('lets an admin and the system actor delete anyone’s key', async () => {
      const a = await services.keys.generate(team.as.member, { name: 'admin deletes' });
      const b = await services.keys.generate(team.as.collaborator, { name: 'system deletes' });
      await services.keys.delete(team.as.admin, a.apiKey.id);
      await services.keys.delete(SYSTEM_ACTOR, b.apiKey.id);
      const remaining = (await services.keys.list(SYSTEM_ACTOR)).map((k) => k.id);
      expect(remaining).not.toContain(a.apiKey.id);
      expect(remaining).not.toContain(b.apiKey.id);
    });
  });
});
