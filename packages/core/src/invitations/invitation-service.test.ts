// InvitationService on SQLite and PostgreSQL: admin invites, re-invites refused unless replacing, link preview, pending list, single-use acceptance, expiry, revocation.
import { INVITATION_TTL_DAYS } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { sha256Hex } from '../secrets.js';
import type { Services } from '../services.js';
import { expectAppError, uniqueEmail, useTeamServices, type Team } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { INVALID_INVITATION_MESSAGE } from './invitation-service.js';

const BASE_URL = 'https://teamset.example.com/';
const PASSWORD = 'invitee password';

describe.each(await testDialects())('InvitationService on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), { config: { background: false } });

  const accept = (token: string, name = 'Invitee') =>
    services.invitations.accept({ token, name, password: PASSWORD, ip: '192.0.2.44' });
  const pendingIds = async () => (await services.invitations.listPending(team.as.admin)).map((i) => i.id);

  it('creates an invitation with a single-use URL that expires in 7 days; only the token digest is stored', async () => {
    const email = uniqueEmail('Invitee');
    const before = Date.now();
    const created = await services.invitations.create(
      team.as.admin,
      { email: `  ${email.toUpperCase()} `, role: 'COLLABORATOR' },
      BASE_URL,
    );
    expect(created.invitation).toMatchObject({
      email: email.toLowerCase(),
      role: 'COLLABORATOR',
      invitedBy: team.admin.id,
    });
    expect(created.url).toBe(
      `https://teamset.example.com/accept-invitation?token=${encodeURIComponent(created.token)}`,
    );
    const expiresAt = Date.parse(created.invitation.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + INVITATION_TTL_DAYS * 86_400_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + INVITATION_TTL_DAYS * 86_400_000);

    const row = await services.database.db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', created.invitation.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await pendingIds()).toContain(created.invitation.id);
  });

  it('is admin-only', async () => {
    for (const actor of [team.as.member, team.as.collaborator, team.as.guest]) {
      await expectAppError(
        services.invitations.create(actor, { email: uniqueEmail('x'), role: 'GUEST' }, BASE_URL),
        'FORBIDDEN',
      );
      await expectAppError(services.invitations.listPending(actor), 'FORBIDDEN');
      await expectAppError(services.invitations.revoke(actor, 'ffffffffffffffffffffffff'), 'FORBIDDEN');
    }
  });

  it('refuses to invite an email that already has a user (CONFLICT), in any case', async () => {
    const error = await expectAppError(
      services.invitations.create(team.as.admin, { email: team.member.email.toUpperCase(), role: 'ADMIN' }, BASE_URL),
      'CONFLICT',
    );
    expect(error.details).toEqual({ field: 'email' });
    await expectAppError(
      services.invitations.create(team.as.admin, { email: 'not an email', role: 'GUEST' }, BASE_URL),
      'BAD_REQUEST',
    );
    await expectAppError(
      services.invitations.create(team.as.admin, { email: uniqueEmail('r'), role: 'KING' as never }, BASE_URL),
      'BAD_REQUEST',
    );
  });

  it('keeps one pending invitation per email when two admins invite at once', async () => {
    const email = uniqueEmail('race');
    // Several at once, so that on PostgreSQL some transactions overlap (SQLite serializes them anyway).
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => services.invitations.create(team.as.admin, { email, role: 'GUEST' }, BASE_URL)),
    );
    for (const r of results)
      if (r.status === 'rejected')
        expect(['CONFLICT', 'INVITATION_PENDING']).toContain((r.reason as { code: string }).code);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const pending = (await services.invitations.listPending(team.as.admin)).filter((i) => i.email === email);
    expect(pending).toHaveLength(1);
  });

  it('re-inviting a pending email is refused (INVITATION_PENDING naming it) and changes nothing', async () => {
    const email = uniqueEmail('pending');
    const first = await services.invitations.create(team.as.admin, { email, role: 'MEMBER' }, BASE_URL);
    const refused = await expectAppError(
      services.invitations.create(team.as.admin, { email: email.toUpperCase(), role: 'GUEST' }, BASE_URL),
      'INVITATION_PENDING',
      /already has a pending MEMBER invitation/,
    );
    expect(refused.details).toEqual({
      field: 'email',
      pending: {
        id: first.invitation.id,
        role: 'MEMBER',
        createdAt: first.invitation.createdAt,
        expiresAt: first.invitation.expiresAt,
      },
    });
    expect(await pendingIds()).toContain(first.invitation.id);
    expect(await services.invitations.preview(first.token)).toEqual({ email: email.toLowerCase(), role: 'MEMBER' });
  });

  it('an expired invitation does not block a new one', async () => {
    const email = uniqueEmail('expired-then');
    const first = await services.invitations.create(team.as.admin, { email, role: 'MEMBER' }, BASE_URL);
    await services.database.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', first.invitation.id)
      .execute();
    const second = await services.invitations.create(team.as.admin, { email, role: 'GUEST' }, BASE_URL);
    expect(second.invitation.role).toBe('GUEST');
  });

  it('re-inviting with replace revokes the previous token', async () => {
    const email = uniqueEmail('again');
    const first = await services.invitations.create(team.as.admin, { email, role: 'GUEST' }, BASE_URL);
    const second = await services.invitations.create(
      team.as.admin,
      { email: email.toUpperCase(), role: 'MEMBER', replace: true },
      BASE_URL,
    );
    const pending = await pendingIds();
    expect(pending).not.toContain(first.invitation.id);
    expect(pending).toContain(second.invitation.id);
    await expectAppError(accept(first.token), 'NOT_FOUND', INVALID_INVITATION_MESSAGE);
    expect((await accept(second.token)).role).toBe('MEMBER');
  });

  it('accepts once: creates the user with the invited role and a password, then the token is spent', async () => {
    const email = uniqueEmail('accept');
    const { token, invitation } = await services.invitations.create(
      team.as.admin,
      { email, role: 'COLLABORATOR' },
      BASE_URL,
    );
    const user = await accept(token, '  New Person ');
    expect(user).toMatchObject({ email: email.toLowerCase(), name: 'New Person', role: 'COLLABORATOR' });
    expect(await services.users.get(team.as.admin, user.id)).toEqual(user);
    const session = await services.sessions.signIn({ email, password: PASSWORD, ip: null, userAgent: null });
    expect(session.user.id).toBe(user.id);

    expect(await pendingIds()).not.toContain(invitation.id);
    const row = await services.database.db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow();
    expect(row.accepted_user_id).toBe(user.id);
    expect(row.accepted_at).not.toBeNull();

    await expectAppError(accept(token, 'Someone Else'), 'NOT_FOUND', INVALID_INVITATION_MESSAGE);
    expect((await services.users.list(team.as.admin, { search: email })).total).toBe(1);

    const [event] = await services.audit.list(SYSTEM_ACTOR, { action: 'invitation.accept', limit: 1 });
    expect(event).toMatchObject({ actorId: user.id, targetId: invitation.id, ip: '192.0.2.44' });
  });

  it('lets only one of two concurrent acceptances of one token succeed', async () => {
    const { token } = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('race'), role: 'MEMBER' },
      BASE_URL,
    );
    const results = await Promise.allSettled([accept(token, 'First'), accept(token, 'Second')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')?.reason).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects an expired token and leaves it out of the pending list', async () => {
    const { token, invitation } = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('late'), role: 'MEMBER' },
      BASE_URL,
    );
    await services.database.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', invitation.id)
      .execute();
    expect(await pendingIds()).not.toContain(invitation.id);
    await expectAppError(accept(token), 'NOT_FOUND', INVALID_INVITATION_MESSAGE);
    expect((await services.users.list(team.as.admin, { search: invitation.email })).total).toBe(0);
  });

  it('rejects an unknown token with the same message', async () => {
    await expectAppError(accept('definitely-not-a-real-invitation-token'), 'NOT_FOUND', INVALID_INVITATION_MESSAGE);
  });

  it('previews a usable link (email and role only); unknown, used and revoked links are the same 404', async () => {
    const email = uniqueEmail('preview');
    const used = await services.invitations.create(team.as.admin, { email, role: 'COLLABORATOR' }, BASE_URL);
    expect(await services.invitations.preview(used.token)).toStrictEqual({
      email: email.toLowerCase(),
      role: 'COLLABORATOR',
    });
    await accept(used.token);
    const revoked = await services.invitations.create(team.as.admin, { email: uniqueEmail('pv') }, BASE_URL);
    await services.invitations.revoke(team.as.admin, revoked.invitation.id);
    for (const token of ['no-such-token', used.token, revoked.token])
      await expectAppError(services.invitations.preview(token), 'NOT_FOUND', INVALID_INVITATION_MESSAGE);
  });

  it('checks the token before anything else, so a bad token never costs a password hash', async () => {
    // A weak password with a bad token is NOT_FOUND, not BAD_REQUEST: the token was looked at first.
    await expectAppError(
      services.invitations.accept({ token: 'not-a-token', name: 'Ok', password: 'short', ip: null }),
      'NOT_FOUND',
      INVALID_INVITATION_MESSAGE,
    );
  });

  it('validates the name and password before spending the token', async () => {
    const { token } = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('valid'), role: 'MEMBER' },
      BASE_URL,
    );
    await expectAppError(
      services.invitations.accept({ token, name: ' ', password: PASSWORD, ip: null }),
      'BAD_REQUEST',
    );
    await expectAppError(
      services.invitations.accept({ token, name: 'Ok', password: 'short', ip: null }),
      'BAD_REQUEST',
    );
    expect((await accept(token)).role).toBe('MEMBER');
  });

  it('does not spend the token when the email was taken meanwhile', async () => {
    const email = uniqueEmail('taken');
    const { token, invitation } = await services.invitations.create(team.as.admin, { email, role: 'MEMBER' }, BASE_URL);
    await services.users.create(SYSTEM_ACTOR, { email, name: 'Made by CLI', role: 'GUEST' });
    await expectAppError(accept(token), 'CONFLICT');
    const row = await services.database.db
      .selectFrom('invitations')
      .select('accepted_at')
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow();
    expect(row.accepted_at).toBeNull();
  });

  it('revokes a pending invitation, once', async () => {
    const { token, invitation } = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('revoke'), role: 'MEMBER' },
      BASE_URL,
    );
    await services.invitations.revoke(team.as.admin, invitation.id);
    expect(await pendingIds()).not.toContain(invitation.id);
    await expectAppError(accept(token), 'NOT_FOUND', INVALID_INVITATION_MESSAGE);
    await expectAppError(services.invitations.revoke(team.as.admin, invitation.id), 'NOT_FOUND');
    await expectAppError(services.invitations.revoke(team.as.admin, 'ffffffffffffffffffffffff'), 'NOT_FOUND');
  });

  it('lists exactly the pending invitations, oldest first', async () => {
    await services.database.db.deleteFrom('invitations').execute();
    const pendingA = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('pa'), role: 'GUEST' },
      BASE_URL,
    );
    const accepted = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('acc'), role: 'GUEST' },
      BASE_URL,
    );
    const revoked = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('rev'), role: 'GUEST' },
      BASE_URL,
    );
    const expired = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('exp'), role: 'GUEST' },
      BASE_URL,
    );
    const pendingB = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('pb'), role: 'MEMBER' },
      BASE_URL,
    );
    await accept(accepted.token);
    await services.invitations.revoke(team.as.admin, revoked.invitation.id);
    await services.database.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1).toISOString() })
      .where('id', '=', expired.invitation.id)
      .execute();
    const pending = await services.invitations.listPending(team.as.admin);
    expect(pending).toEqual([pendingA.invitation, pendingB.invitation]);
  });
});
