// Service accounts on SQLite and PostgreSQL: no sign-in or invitation, role at most MEMBER, admin-managed keys,
// keys that obey the role, and disabling that refuses the keys at once on a second server too.
import { SERVICE_ACCOUNT_EMAIL_DOMAIN } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { actorFor, expectAppError, keyStatus, pollUntil, useTwoServers } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

let seq = 0;
const uniqueName = (label: string): string => `${label}-${++seq}-${Date.now().toString(36)}`;

describe.each(await testDialects())('service accounts on %s', (dialect) => {
  const servers = useTwoServers(dialect);

  const createAccount = (role: 'MEMBER' | 'COLLABORATOR' | 'GUEST' = 'MEMBER', label = 'job') =>
    servers.a.serviceAccounts.create(servers.team.as.admin, { name: uniqueName(label), role });

  it('admins create them as users of kind service, with a reserved email and no password', async () => {
    const name = uniqueName('Nightly-Import');
    const account = await servers.a.serviceAccounts.create(servers.team.as.admin, { name, role: 'MEMBER' });
    expect(account).toMatchObject({
      name: name.toLowerCase(),
      email: `${name.toLowerCase()}@${SERVICE_ACCOUNT_EMAIL_DOMAIN}`,
      role: 'MEMBER',
      disabledAt: null,
      keyCount: 0,
    });
    const user = await servers.a.users.get(servers.team.as.admin, account.id);
    expect(user.kind).toBe('service');
    expect(await servers.a.users.store.findPasswordHash(account.id)).toBeUndefined();
    expect((await servers.a.serviceAccounts.list(servers.team.as.admin)).map((a) => a.id)).toContain(account.id);
    // By name, id or email alike.
    for (const ref of [account.name, account.id, account.email])
      expect((await servers.a.serviceAccounts.get(servers.team.as.admin, ref)).id).toBe(account.id);
    await expectAppError(servers.a.serviceAccounts.create(servers.team.as.admin, { name, role: 'MEMBER' }), 'CONFLICT');
  });

  it('only admins manage them; a person is no service account', async () => {
    for (const actor of [servers.team.as.member, servers.team.as.collaborator, servers.team.as.guest]) {
      await expectAppError(
        servers.a.serviceAccounts.create(actor, { name: uniqueName('x'), role: 'MEMBER' }),
        'FORBIDDEN',
      );
      await expectAppError(servers.a.serviceAccounts.list(actor), 'FORBIDDEN');
    }
    await expectAppError(
      servers.a.serviceAccounts.disable(servers.team.as.admin, servers.team.member.email),
      'NOT_FOUND',
    );
  });

  it('hold MEMBER at most, at creation and on a role change', async () => {
    await expectAppError(
      servers.a.serviceAccounts.create(servers.team.as.admin, { name: uniqueName('boss'), role: 'ADMIN' }),
      'BAD_REQUEST',
    );
    const account = await createAccount('COLLABORATOR');
    await expectAppError(servers.a.users.setRole(servers.team.as.admin, account.id, 'ADMIN'), 'BAD_REQUEST');
    expect((await servers.a.users.setRole(servers.team.as.admin, account.id, 'MEMBER')).role).toBe('MEMBER');
  });

  it('cannot sign in, be invited, or set a password; nobody can take their reserved email', async () => {
    const account = await createAccount();
    await expectAppError(
      servers.a.sessions.signIn({ email: account.email, password: 'any password at all', ip: null, userAgent: null }),
      'UNAUTHENTICATED',
    );
    await expectAppError(
      servers.a.invitations.create(servers.team.as.admin, { email: account.email, role: 'MEMBER' }, 'http://x'),
      'BAD_REQUEST',
    );
    await expectAppError(
      servers.a.users.create(SYSTEM_ACTOR, { email: `someone@${SERVICE_ACCOUNT_EMAIL_DOMAIN}`, name: 'Someone' }),
      'BAD_REQUEST',
    );
    const self = actorFor(await servers.a.users.get(servers.team.as.admin, account.id), 'api_key');
    await expectAppError(
      servers.a.sessions.changePassword(self, { currentPassword: 'nothing-here', newPassword: 'a new password' }),
      'FORBIDDEN',
    );
    await expectAppError(servers.a.users.updateOwnProfile(self, { name: 'renamed' }), 'FORBIDDEN');
  });

  it('have their keys generated, rotated and deleted by admins only; the key acts with the account’s role', async () => {
    const collaborator = await createAccount('COLLABORATOR', 'reader');
    const created = await servers.a.keys.generate(servers.team.as.admin, { name: 'job', user: collaborator.id });
    const verified = await servers.a.keyVerifier.verify(created.key);
    expect(verified.user).toMatchObject({ id: collaborator.id, kind: 'service', role: 'COLLABORATOR' });
    const self = actorFor(verified.user, 'api_key');
    await expectAppError(servers.a.keys.generate(self, { name: 'more' }), 'FORBIDDEN');
    await expectAppError(servers.a.keys.rotate(self, created.apiKey.id), 'FORBIDDEN');
    await expectAppError(servers.a.keys.delete(self, created.apiKey.id), 'FORBIDDEN');
    expect((await servers.a.keys.list(self)).map((k) => k.id)).toEqual([created.apiKey.id]);
    // A COLLABORATOR may not create datasets; a MEMBER service account may.
    await expectAppError(servers.a.datasets.create(self, { name: uniqueName('ds') }), 'FORBIDDEN');
    const member = await createAccount('MEMBER', 'writer');
    const memberKey = await servers.a.keys.generate(servers.team.as.admin, { name: 'job', user: member.email });
    const asMember = actorFor((await servers.a.keyVerifier.verify(memberKey.key)).user, 'api_key');
    expect((await servers.a.datasets.create(asMember, { name: uniqueName('ds') })).name).toBeTruthy();
    // Other members may not touch it either.
    await expectAppError(servers.a.keys.delete(servers.team.as.member, created.apiKey.id), 'NOT_FOUND');
    const rotated = await servers.a.keys.rotate(servers.team.as.admin, created.apiKey.id, { graceSeconds: 0 });
    expect(await keyStatus(servers.a, rotated.key)).toBe(200);
    await servers.a.keys.delete(servers.team.as.admin, created.apiKey.id);
    expect(await keyStatus(servers.a, rotated.key)).toBe(401);
  });

  it('join groups and hold dataset grants like any user', async () => {
    const account = await createAccount();
    const group = await servers.a.groups.create(servers.team.as.admin, {
      name: uniqueName('bots'),
      users: [account.id],
    });
    expect(group.users.map((u) => u.id)).toContain(account.id);
    const dataset = await servers.a.datasets.create(servers.team.as.admin, { name: uniqueName('grants') });
    const grant = await servers.a.datasetPermissions.setUser(
      servers.team.as.admin,
      dataset.name,
      account.email,
      'EDIT',
    );
    expect(grant.userPermission).toBe('EDIT');
  });

  it('disabling refuses its keys at once, on a second server that had them cached too; enabling restores them', async () => {
    const account = await createAccount();
    const { key } = await servers.a.keys.generate(servers.team.as.admin, { name: 'job', user: account.id });
    expect(await keyStatus(servers.a, key)).toBe(200);
    expect(await keyStatus(servers.b, key)).toBe(200);
    const disabled = await servers.a.serviceAccounts.disable(servers.team.as.admin, account.name);
    expect(disabled.disabledAt).not.toBeNull();
    expect(await keyStatus(servers.a, key)).toBe(401);
    await pollUntil(async () => (await keyStatus(servers.b, key)) === 401, 5000);
    expect(await keyStatus(servers.b, key)).toBe(401);
    const enabled = await servers.a.serviceAccounts.enable(servers.team.as.admin, account.name);
    expect(enabled.disabledAt).toBeNull();
    expect(await keyStatus(servers.a, key)).toBe(200);
    await pollUntil(async () => (await keyStatus(servers.b, key)) === 200, 5000);
    const audit = await servers.a.audit.list(servers.team.as.admin, { limit: 50 });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['service_account.create', 'service_account.disable', 'service_account.enable']),
    );
  });

  it('deleting one deletes its keys, refused everywhere', async () => {
    const account = await createAccount();
    const { key } = await servers.a.keys.generate(servers.team.as.admin, { name: 'job', user: account.id });
    expect(await keyStatus(servers.b, key)).toBe(200);
    await servers.a.serviceAccounts.delete(servers.team.as.admin, account.name);
    expect(await keyStatus(servers.a, key)).toBe(401);
    await pollUntil(async () => (await keyStatus(servers.b, key)) === 401, 5000);
    await expectAppError(servers.a.serviceAccounts.get(servers.team.as.admin, account.name), 'NOT_FOUND');
  });
});
