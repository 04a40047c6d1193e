// AuditLog on SQLite and PostgreSQL: who did what to whom for keys and users, never a secret; admin-only, paged by `before`.
import type { AuditEvent } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { sha256Hex } from '../secrets.js';
import type { Services } from '../services.js';
import { actorFor, createTestServices, expectAppError, type TestServices } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

const ADMIN_PASSWORD = 'admin password 123';
const WRONG_PASSWORD = 'wrong password 456';
const INVITEE_PASSWORD = 'invitee password 789';

describe.each(await testDialects())('AuditLog on %s', (dialect) => {
  let ctx: TestServices;
  let services: Services;
  /** Every secret the scenario below handled: none may appear in the audit table. */
  const secrets: string[] = [ADMIN_PASSWORD, WRONG_PASSWORD, INVITEE_PASSWORD];
  let adminId: string;
  let memberId: string;
  let keyId: string;

  beforeAll(async () => {
    ctx = await createTestServices(dialect, { background: false });
    services = ctx.services;

    // A whole identity lifecycle, through the same calls the server makes.
    const setupToken = (await services.setup.issueToken()) ?? '';
    secrets.push(setupToken);
    const admin = await services.setup.complete({
      token: setupToken,
      email: 'admin@example.com',
      name: 'Admin',
      password: ADMIN_PASSWORD,
      ip: '192.0.2.1',
    });
    adminId = admin.id;
    const asAdmin = actorFor(admin, 'session');

    const session = await services.sessions.signIn({
      email: 'admin@example.com',
      password: ADMIN_PASSWORD,
      ip: '192.0.2.1',
      userAgent: null,
    });
    secrets.push(session.token, session.csrfToken);
    await expectAppError(
      services.sessions.signIn({
        email: 'admin@example.com',
        password: WRONG_PASSWORD,
        ip: '192.0.2.66',
        userAgent: null,
      }),
      'UNAUTHENTICATED',
    );

    const invitation = await services.invitations.create(
      asAdmin,
      { email: 'member@example.com', role: 'MEMBER' },
      'https://teamset.example.com',
    );
    secrets.push(invitation.token, sha256Hex(invitation.token));
    const member = await services.invitations.accept({
      token: invitation.token,
      name: 'Member',
      password: INVITEE_PASSWORD,
      ip: '192.0.2.2',
    });
    memberId = member.id;

    const own = await services.keys.generate(actorFor(member, 'session'), {
      name: 'member laptop',
      expiresInSeconds: 3600,
    });
    const forMember = await services.keys.generate(asAdmin, { name: 'issued by admin', user: member.email });
    const cliKey = await services.keys.generate(SYSTEM_ACTOR, { name: 'bootstrap', user: admin.email });
    for (const { key } of [own, forMember, cliKey]) secrets.push(key, key.slice(12), sha256Hex(key));
    keyId = own.apiKey.id;
    await services.keyVerifier.verify(own.key);
    await services.keys.delete(asAdmin, own.apiKey.id);

    await services.organization.update(asAdmin, { defaultUserRole: 'COLLABORATOR' });
    await services.users.setRole(asAdmin, member.id, 'COLLABORATOR');
    const temp = await services.users.create(asAdmin, {
      email: 'temp@example.com',
      name: 'Temp',
      role: 'GUEST',
      password: 'temporary password',
    });
    secrets.push('temporary password');
    await services.users.delete(asAdmin, temp.id);
    await services.sessions.signOut(session.token, '192.0.2.1');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const asAdmin = () =>
    actorFor({
      id: adminId,
      email: 'admin@example.com',
      name: 'Admin',
      kind: 'person',
      role: 'ADMIN',
      createdAt: new Date().toISOString(),
    });
  const events = async (action: AuditEvent['action']) => services.audit.list(asAdmin(), { action });

  it('records key creation and deletion with actor, target and time', async () => {
    const created = await events('key.create');
    expect(created).toHaveLength(3);
    const own = created.find((e) => e.targetId === keyId);
    expect(own).toMatchObject({
      actorId: memberId,
      targetType: 'api_key',
      details: { ownerId: memberId, name: 'member laptop', via: 'session' },
    });
    expect(Math.abs(Date.parse(own?.at ?? '') - Date.now())).toBeLessThan(60_000);
    expect(created.find((e) => e.details.name === 'issued by admin')).toMatchObject({
      actorId: adminId,
      details: { ownerId: memberId },
    });
    expect(created.find((e) => e.details.name === 'bootstrap')).toMatchObject({
      actorId: null,
      details: { ownerId: adminId, via: 'system' },
    });

    const [deleted] = await events('key.delete');
    expect(deleted).toMatchObject({
      actorId: adminId,
      targetType: 'api_key',
      targetId: keyId,
      ip: '203.0.113.7',
      details: { ownerId: memberId, name: 'member laptop' },
    });
  });

  it('records role changes and user deletion with actor and target', async () => {
    const [change] = await events('user.role_change');
    expect(change).toMatchObject({
      actorId: adminId,
      targetType: 'user',
      targetId: memberId,
      details: { from: 'MEMBER', to: 'COLLABORATOR' },
    });
    const [deleted] = await events('user.delete');
    expect(deleted).toMatchObject({
      actorId: adminId,
      targetType: 'user',
      details: { email: 'temp@example.com', role: 'GUEST' },
    });
    expect(deleted?.targetId).toMatch(/^[0-9a-f]{24}$/);
  });

  it('records sign-ins, failures, setup, invitations and settings', async () => {
    expect(await events('auth.setup')).toHaveLength(1);
    expect(await events('auth.sign_in')).toMatchObject([{ actorId: adminId, ip: '192.0.2.1' }]);
    expect(await events('auth.sign_in_failed')).toMatchObject([{ targetId: adminId, ip: '192.0.2.66' }]);
    expect(await events('auth.sign_out')).toHaveLength(1);
    expect(await events('invitation.create')).toHaveLength(1);
    expect(await events('invitation.accept')).toMatchObject([{ actorId: memberId }]);
    expect(await events('organization.update')).toHaveLength(1);
  });

  it('never contains a key, a token, a password or their digests', async () => {
    const rows = await services.database.db.selectFrom('audit_events').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(14);
    const dump = JSON.stringify(rows);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(dump.includes(secret), `audit log contains a secret (${secret.slice(0, 4)}…)`).toBe(false);
    }
    expect(dump).not.toMatch(/tsk_[0-9A-Za-z]{38}/);
  });

  it('is admin-only', async () => {
    const member = await services.users.get(SYSTEM_ACTOR, memberId);
    await expectAppError(services.audit.list(actorFor(member), {}), 'FORBIDDEN');
    expect((await services.audit.list(SYSTEM_ACTOR, { limit: 1 })).length).toBe(1);
  });

  it('lists newest first and pages by `before`', async () => {
    const all = await services.audit.list(asAdmin(), { limit: 500 });
    const ids = all.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(typeof ids[0]).toBe('number');

    const paged: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await services.audit.list(asAdmin(), { limit: 4, ...(before === undefined ? {} : { before }) });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(4);
      paged.push(...page.map((e) => e.id));
      before = page[page.length - 1]?.id;
    }
    expect(paged).toEqual(ids);

    const keyEvents = await services.audit.list(asAdmin(), { action: 'key.create', limit: 2 });
    expect(keyEvents).toHaveLength(2);
    const older = await services.audit.list(asAdmin(), { action: 'key.create', before: keyEvents[1]?.id ?? 0 });
    expect(older).toHaveLength(1);
    expect(older[0]?.id).toBeLessThan(keyEvents[1]?.id ?? 0);
  });
});
