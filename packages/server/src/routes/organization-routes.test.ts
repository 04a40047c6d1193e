// Organization settings and audit log over HTTP: admin-only, strict bodies, and an audit trail that never holds a secret.
import {
  PATHS,
  fillPath,
  type AuditEvent,
  type AuditEventList,
  type CreatedApiKey,
  type CreatedInvitation,
  type OrganizationSettings,
} from '@teamset/contract';
import { sha256Hex } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthFixture,
  createTestApp,
  keyHeaders,
  sessionFromResponse,
  sessionHeaders,
  uniquePassword,
  type AuthFixture,
} from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

describe('organization settings', () => {
  let fx: AuthFixture;
  let admin: Record<string, string>;
  beforeAll(async () => {
    fx = await createAuthFixture();
    admin = keyHeaders(fx.users.ADMIN.key);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const patch = (payload: unknown, headers = admin) =>
    fx.inject({
      method: 'PATCH',
      url: PATHS.organizationSettings,
      headers,
      payload: payload as Record<string, unknown>,
    });
  const read = (headers = admin) => fx.inject({ method: 'GET', url: PATHS.organizationSettings, headers });

  it('an admin reads the least-privilege defaults, changes one setting and reads it back', async () => {
    expect((await read()).json<OrganizationSettings>()).toEqual({
      defaultUserRole: 'GUEST',
      defaultDatasetPermission: 'NO_ACCESS',
    });
    const changed = await patch({ defaultUserRole: 'COLLABORATOR' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<OrganizationSettings>()).toEqual({
      defaultUserRole: 'COLLABORATOR',
      defaultDatasetPermission: 'NO_ACCESS',
    });
    expect(
      (await patch({ defaultDatasetPermission: 'VIEW' }, sessionHeaders(fx.adminSession))).json<OrganizationSettings>(),
    ).toEqual({ defaultUserRole: 'COLLABORATOR', defaultDatasetPermission: 'VIEW' });
    expect((await read()).json<OrganizationSettings>()).toEqual({
      defaultUserRole: 'COLLABORATOR',
      defaultDatasetPermission: 'VIEW',
    });
  });

  it('the default role applies to invitations without a role', async () => {
    await patch({ defaultUserRole: 'MEMBER' });
    const created = await fx.inject({
      method: 'POST',
      url: PATHS.invitations,
      headers: admin,
      payload: { email: 'default-role@example.com' },
    });
    expect(created.json<CreatedInvitation>().invitation.role).toBe('MEMBER');
    await patch({ defaultUserRole: 'GUEST' });
  });

  it('is admin-only: member and collaborator get 403 for read and change, and nothing changes', async () => {
    const before = (await read()).json<OrganizationSettings>();
    for (const headers of [
      keyHeaders(fx.users.MEMBER.key),
      keyHeaders(fx.users.COLLABORATOR.key),
      sessionHeaders(await fx.newSession('MEMBER')),
    ]) {
      expectError(await read(headers), 403, 'FORBIDDEN');
      expectError(await patch({ defaultUserRole: 'ADMIN' }, headers), 403, 'FORBIDDEN');
    }
    expect((await read()).json<OrganizationSettings>()).toEqual(before);
  });

  it('an unknown field → 400 naming it', async () => {
    expect(
      expectError(await patch({ defaultUserRole: 'GUEST', allowSignups: true }), 400, 'BAD_REQUEST').message,
    ).toContain('body.allowSignups');
  });

  it('an empty body → 400', async () => {
    expectError(await patch({}), 400, 'BAD_REQUEST');
    expectError(
      await fx.inject({ method: 'PATCH', url: PATHS.organizationSettings, headers: admin }),
      400,
      'BAD_REQUEST',
    );
  });

  it('a wrong value → 400 listing the allowed values', async () => {
    const role = expectError(await patch({ defaultUserRole: 'OWNER' }), 400).message;
    expect(role).toContain('body.defaultUserRole');
    for (const allowed of ['GUEST', 'COLLABORATOR', 'MEMBER', 'ADMIN']) expect(role).toContain(allowed);
    const permission = expectError(await patch({ defaultDatasetPermission: 'READ' }), 400).message;
    expect(permission).toContain('body.defaultDatasetPermission');
    for (const allowed of ['NO_ACCESS', 'VIEW', 'TAG', 'EDIT', 'MANAGE']) expect(permission).toContain(allowed);
  });
});

describe('audit log', () => {
  it('records sign-ins, failures, keys, roles, users and invitations, for admins only, and never a secret', async () => {
    const t = await createTestApp();
    try {
      // Everything set up over HTTP, so every secret the server ever saw is known here.
      const secrets: string[] = [];
      const setupToken = (await t.services.setup.issueToken()) ?? '';
      const rootPassword = uniquePassword('root');
      secrets.push(setupToken, rootPassword);
      const setup = await t.inject({
        method: 'POST',
        url: PATHS.setup,
        payload: { token: setupToken, email: 'root@example.com', name: 'Root', password: rootPassword },
      });
      expect(setup.statusCode).toBe(201);
      const rootSession = sessionFromResponse(setup);
      secrets.push(rootSession.token, rootSession.csrfToken);
      const asRoot = sessionHeaders(rootSession);

      const adminKey = (
        await t.inject({ method: 'POST', url: PATHS.keys, headers: asRoot, payload: { name: 'root laptop' } })
      ).json<CreatedApiKey>();
      secrets.push(adminKey.key);
      const admin = keyHeaders(adminKey.key);

      const invitation = (
        await t.inject({
          method: 'POST',
          url: PATHS.invitations,
          headers: admin,
          payload: { email: 'mem@example.com', role: 'MEMBER' },
        })
      ).json<CreatedInvitation>();
      secrets.push(invitation.token);
      const memberPassword = uniquePassword('mem');
      secrets.push(memberPassword);
      const accepted = await t.inject({
        method: 'POST',
        url: PATHS.acceptInvitation,
        payload: { token: invitation.token, name: 'Mem', password: memberPassword },
      });
      expect(accepted.statusCode).toBe(201);
      const memberSession = sessionFromResponse(accepted);
      secrets.push(memberSession.token, memberSession.csrfToken);
      const memberId = accepted.json<{ user: { id: string } }>().user.id;

      const wrongPassword = uniquePassword('typo');
      secrets.push(wrongPassword);
      expect(
        (
          await t.inject({
            method: 'POST',
            url: PATHS.login,
            payload: { email: 'mem@example.com', password: wrongPassword },
          })
        ).statusCode,
      ).toBe(401);
      const signIn = await t.inject({
        method: 'POST',
        url: PATHS.login,
        payload: { email: 'mem@example.com', password: memberPassword },
      });
      const memberSession2 = sessionFromResponse(signIn);
      secrets.push(memberSession2.token, memberSession2.csrfToken);

      const memberKey = (
        await t.inject({
          method: 'POST',
          url: PATHS.keys,
          headers: sessionHeaders(memberSession2),
          payload: { name: 'mem key' },
        })
      ).json<CreatedApiKey>();
      secrets.push(memberKey.key);
      expect(
        (await t.inject({ method: 'GET', url: PATHS.whoami, headers: keyHeaders(memberKey.key) })).statusCode,
      ).toBe(200);
      expect(
        (await t.inject({ method: 'DELETE', url: fillPath(PATHS.key, { keyId: memberKey.apiKey.id }), headers: admin }))
          .statusCode,
      ).toBe(204);
      expect(
        (
          await t.inject({
            method: 'PUT',
            url: fillPath(PATHS.userRole, { user: memberId }),
            headers: admin,
            payload: { role: 'COLLABORATOR' },
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await t.inject({
            method: 'PATCH',
            url: PATHS.organizationSettings,
            headers: admin,
            payload: { defaultUserRole: 'COLLABORATOR' },
          })
        ).statusCode,
      ).toBe(200);

      // Members cannot read it.
      expectError(
        await t.inject({ method: 'GET', url: PATHS.audit, headers: sessionHeaders(memberSession2) }),
        403,
        'FORBIDDEN',
      );

      expect(
        (await t.inject({ method: 'POST', url: PATHS.logout, headers: sessionHeaders(memberSession2) })).statusCode,
      ).toBe(204);
      expect(
        (await t.inject({ method: 'DELETE', url: fillPath(PATHS.user, { user: memberId }), headers: admin }))
          .statusCode,
      ).toBe(204);

      const response = await t.inject({ method: 'GET', url: `${PATHS.audit}?limit=500`, headers: admin });
      expect(response.statusCode).toBe(200);
      const events = response.json<AuditEventList>().events;
      const find = (action: AuditEvent['action']): AuditEvent[] => events.filter((e) => e.action === action);

      expect(find('auth.setup')).toHaveLength(1);
      expect(find('auth.sign_in_failed')[0]).toMatchObject({ actorId: memberId, targetId: memberId, ip: '127.0.0.1' });
      expect(find('auth.sign_in')[0]).toMatchObject({ actorId: memberId });
      expect(find('auth.sign_out')).toHaveLength(1);
      const keyCreates = find('key.create');
      expect(keyCreates.map((e) => e.targetId).sort()).toEqual([adminKey.apiKey.id, memberKey.apiKey.id].sort());
      expect(keyCreates.find((e) => e.targetId === memberKey.apiKey.id)).toMatchObject({
        actorId: memberId,
        targetType: 'api_key',
      });
      expect(find('key.delete')[0]).toMatchObject({
        targetId: memberKey.apiKey.id,
        actorId: setup.json<{ user: { id: string } }>().user.id,
      });
      expect(find('user.role_change')[0]).toMatchObject({
        targetId: memberId,
        details: { from: 'MEMBER', to: 'COLLABORATOR' },
      });
      expect(find('user.delete')[0]).toMatchObject({ targetId: memberId });
      expect(find('invitation.create')).toHaveLength(1);
      expect(find('invitation.accept')).toHaveLength(1);
      expect(find('organization.update')).toHaveLength(1);
      for (const event of events) expect(Number.isNaN(Date.parse(event.at))).toBe(false);
      // Newest first.
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => b - a));

      const everything = JSON.stringify(events);
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(10);
        expect(everything).not.toContain(secret);
      }
      for (const key of [adminKey.key, memberKey.key]) expect(everything).not.toContain(sha256Hex(key));

      // Filtering and paging.
      const onlyKeys = (
        await t.inject({ method: 'GET', url: `${PATHS.audit}?action=key.create`, headers: admin })
      ).json<AuditEventList>().events;
      expect(onlyKeys.map((e) => e.action)).toEqual(['key.create', 'key.create']);
      const page = (
        await t.inject({ method: 'GET', url: `${PATHS.audit}?limit=2`, headers: admin })
      ).json<AuditEventList>().events;
      expect(page).toHaveLength(2);
      const next = (
        await t.inject({ method: 'GET', url: `${PATHS.audit}?limit=2&before=${page[1]?.id}`, headers: admin })
      ).json<AuditEventList>().events;
      expect(next[0]?.id).toBeLessThan(page[1]?.id ?? 0);
      expect(
        expectError(await t.inject({ method: 'GET', url: `${PATHS.audit}?limit=501`, headers: admin }), 400).message,
      ).toContain('query.limit');
    } finally {
      await t.close();
    }
  });
});
