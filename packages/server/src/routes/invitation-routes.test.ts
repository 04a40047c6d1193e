// Invitation routes over HTTP: create with a one-time URL (409 for a pending email unless replacing), list pending, revoke, look a link up, accept once (user + session), password rules.
import {
  CSRF_COOKIE,
  PATHS,
  SESSION_COOKIE,
  fillPath,
  type CreatedInvitation,
  type InvitationList,
  type SessionInfo,
  type WhoAmI,
} from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthFixture,
  keyHeaders,
  sessionFromResponse,
  sessionHeaders,
  uniquePassword,
  type AuthFixture,
} from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

describe('invitation routes', () => {
  let fx: AuthFixture;
  let admin: Record<string, string>;
  beforeAll(async () => {
    fx = await createAuthFixture({ publicUrl: 'https://teamset.example.com/' });
    admin = keyHeaders(fx.users.ADMIN.key);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const invite = async (email: string, role?: string, replace?: boolean): Promise<CreatedInvitation> => {
    const response = await fx.inject({
      method: 'POST',
      url: PATHS.invitations,
      headers: admin,
      payload: { email, ...(role ? { role } : {}), ...(replace === undefined ? {} : { replace }) },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    return response.json<CreatedInvitation>();
  };
  const pending = async (): Promise<InvitationList['invitations']> =>
    (await fx.inject({ method: 'GET', url: PATHS.invitations, headers: admin })).json<InvitationList>().invitations;
  const accept = (body: Record<string, unknown>) =>
    fx.inject({ method: 'POST', url: PATHS.acceptInvitation, payload: body });

  it('creates an invitation whose URL carries the token, on the public URL', async () => {
    const created = await invite('New.Person@Example.com', 'MEMBER');
    expect(created.invitation).toMatchObject({
      email: 'new.person@example.com',
      role: 'MEMBER',
      invitedBy: fx.users.ADMIN.user.id,
    });
    expect(created.token.length).toBeGreaterThanOrEqual(20);
    expect(created.url).toBe(
      `https://teamset.example.com/accept-invitation?token=${encodeURIComponent(created.token)}`,
    );
    const days = (Date.parse(created.invitation.expiresAt) - Date.parse(created.invitation.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);
  });

  it('lists pending invitations without their tokens', async () => {
    const created = await invite('listed@example.com', 'COLLABORATOR');
    const response = await fx.inject({ method: 'GET', url: PATHS.invitations, headers: admin });
    expect(response.statusCode).toBe(200);
    expect(response.json<InvitationList>().invitations.map((i) => i.id)).toContain(created.invitation.id);
    expect(response.body).not.toContain(created.token);
  });

  it('an invitation without a role gets the organization default role', async () => {
    expect((await invite('defaulted@example.com')).invitation.role).toBe('GUEST');
  });

  const lookup = (token: unknown) => fx.inject({ method: 'POST', url: PATHS.invitationLookup, payload: { token } });

  it('re-inviting a pending email → 409 INVITATION_PENDING naming the pending role and dates; nothing changes', async () => {
    const first = await invite('pending-once@example.com', 'MEMBER');
    for (const replace of [undefined, false]) {
      const response = await fx.inject({
        method: 'POST',
        url: PATHS.invitations,
        headers: admin,
        payload: { email: 'Pending-Once@example.com', ...(replace === undefined ? {} : { replace }) },
      });
      const error = expectError(response, 409, 'INVITATION_PENDING');
      expect(error.message).toMatch(/pending-once@example\.com already has a pending MEMBER invitation/);
      expect(error.details).toEqual({
        field: 'email',
        pending: {
          id: first.invitation.id,
          role: 'MEMBER',
          createdAt: first.invitation.createdAt,
          expiresAt: first.invitation.expiresAt,
        },
      });
    }
    expect((await pending()).map((i) => i.id)).toContain(first.invitation.id);
    expect((await lookup(first.token)).json()).toEqual({ email: 'pending-once@example.com', role: 'MEMBER' });
  });

  it('re-inviting with replace: true replaces the pending invitation: only the newest link works', async () => {
    const first = await invite('twice@example.com', 'MEMBER');
    const second = await invite('twice@example.com', 'COLLABORATOR', true);
    const ids = (await pending()).map((i) => i.id);
    expect(ids).not.toContain(first.invitation.id);
    expect(ids).toContain(second.invitation.id);
    expectError(
      await accept({ token: first.token, name: 'Twice', password: uniquePassword('twice') }),
      404,
      'NOT_FOUND',
    );
    expect(
      (await accept({ token: second.token, name: 'Twice', password: uniquePassword('twice') })).json<SessionInfo>().user
        .role,
    ).toBe('COLLABORATOR');
  });

  it('inviting an existing user’s email → 409', async () => {
    const response = await fx.inject({
      method: 'POST',
      url: PATHS.invitations,
      headers: admin,
      payload: { email: fx.users.MEMBER.email.toUpperCase() },
    });
    expectError(response, 409, 'CONFLICT');
  });

  it('revokes a pending invitation: gone from the list, token dead, second revoke 404', async () => {
    const created = await invite('revoked@example.com', 'MEMBER');
    const url = fillPath(PATHS.invitation, { id: created.invitation.id });
    expect((await fx.inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(204);
    expect((await pending()).map((i) => i.id)).not.toContain(created.invitation.id);
    expectError(
      await accept({ token: created.token, name: 'Too Late', password: uniquePassword('late') }),
      404,
      'NOT_FOUND',
    );
    expectError(await fx.inject({ method: 'DELETE', url, headers: admin }), 404, 'NOT_FOUND');
  });

  it('accepting creates the user with the invited role and signs them in with session cookies', async () => {
    const created = await invite('joiner@example.com', 'COLLABORATOR');
    const password = uniquePassword('joiner');
    const response = await accept({ token: created.token, name: 'Joiner', password });
    expect(response.statusCode, response.body).toBe(201);
    const info = response.json<SessionInfo>();
    expect(info.user).toMatchObject({ email: 'joiner@example.com', name: 'Joiner', role: 'COLLABORATOR' });
    const cookies = Object.fromEntries(response.cookies.map((c) => [c.name, c]));
    expect(cookies[SESSION_COOKIE]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies[CSRF_COOKIE]?.value).toBe(info.csrfToken);

    const session = sessionFromResponse(response);
    const me = await fx.inject({ method: 'GET', url: PATHS.whoami, headers: sessionHeaders(session) });
    expect(me.json<WhoAmI>()).toMatchObject({
      authMethod: 'session',
      user: { id: info.user.id, role: 'COLLABORATOR' },
    });
    // The password chosen at acceptance signs in.
    expect((await fx.signIn('joiner@example.com', password)).token).not.toBe(session.token);
    expect((await pending()).map((i) => i.id)).not.toContain(created.invitation.id);
  });

  it('a token works once: the second acceptance → 404', async () => {
    const created = await invite('once@example.com', 'MEMBER');
    expect((await accept({ token: created.token, name: 'Once', password: uniquePassword('once') })).statusCode).toBe(
      201,
    );
    expectError(
      await accept({ token: created.token, name: 'Again', password: uniquePassword('again') }),
      404,
      'NOT_FOUND',
    );
  });

  it('looking a link up (public, no credentials) answers only its email and role, uncached', async () => {
    const created = await invite('Looked.Up@example.com', 'COLLABORATOR');
    const response = await lookup(created.token);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toStrictEqual({ email: 'looked.up@example.com', role: 'COLLABORATOR' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('looking up an unknown, used or revoked link → the same 404; a malformed body → 400', async () => {
    const used = await invite('used-lookup@example.com', 'GUEST');
    expect((await accept({ token: used.token, name: 'Used', password: uniquePassword('used') })).statusCode).toBe(201);
    const revoked = await invite('revoked-lookup@example.com', 'GUEST');
    await fx.inject({
      method: 'DELETE',
      url: fillPath(PATHS.invitation, { id: revoked.invitation.id }),
      headers: admin,
    });
    const messages = new Set<string>();
    for (const token of ['never-issued', used.token, revoked.token])
      messages.add(expectError(await lookup(token), 404, 'NOT_FOUND').message);
    expect(messages.size).toBe(1);
    expectError(await lookup(''), 400, 'BAD_REQUEST');
    expectError(await lookup(42), 400, 'BAD_REQUEST');
  });

  it('an unknown token → 404', async () => {
    expectError(
      await accept({ token: 'no-such-invitation-token', name: 'X', password: uniquePassword('x') }),
      404,
      'NOT_FOUND',
    );
  });

  it('a weak password → 400 naming body.password, and the token stays usable', async () => {
    const created = await invite('weak@example.com', 'MEMBER');
    const weak = await accept({ token: created.token, name: 'Weak', password: 'short' });
    expect(expectError(weak, 400, 'BAD_REQUEST').message).toContain('body.password');
    expect(
      expectError(await accept({ token: created.token, name: '', password: uniquePassword('w') }), 400).message,
    ).toContain('body.name');
    expect(expectError(await accept({ token: created.token, name: 'Weak' }), 400).message).toContain('body.password');
    expect((await accept({ token: created.token, name: 'Weak', password: uniquePassword('strong') })).statusCode).toBe(
      201,
    );
  });

  it('rejects a bad email or role when inviting', async () => {
    const bad = (payload: Record<string, unknown>) =>
      fx.inject({ method: 'POST', url: PATHS.invitations, headers: admin, payload });
    expect(expectError(await bad({ email: 'not-an-email' }), 400, 'BAD_REQUEST').message).toContain('body.email');
    expect(expectError(await bad({ email: 'a@b.c', role: 'OWNER' }), 400).message).toContain('body.role');
    expect(expectError(await bad({ role: 'MEMBER' }), 400).message).toContain('body.email');
  });
});

describe('invitation URL without a public URL', () => {
  it('is built from the request host (and https behind a trusted proxy)', async () => {
    const fx = await createAuthFixture({ trustProxy: true });
    try {
      const response = await fx.inject({
        method: 'POST',
        url: PATHS.invitations,
        headers: { ...keyHeaders(fx.users.ADMIN.key), host: 'teams.internal:8443', 'x-forwarded-proto': 'https' },
        payload: { email: 'host@example.com' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<CreatedInvitation>().url).toMatch(
        /^https:\/\/teams\.internal:8443\/accept-invitation\?token=/,
      );
    } finally {
      await fx.close();
    }
  });
});
