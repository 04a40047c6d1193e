// setUserOrInvite on SQLite and PostgreSQL: an unknown email is refused without invite, invited with it, and the grant lands on acceptance.
import type { Dataset } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import type { Services } from '../services.js';
import { expectAppError, uniqueEmail, useTeamServices, type Team } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

const BASE = 'https://teamset.example.com';
let seq = 0;

describe.each(await testDialects())('dataset grants by invitation on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), { config: { background: false } });

  const create = (): Promise<Dataset> =>
    services.datasets.create(team.as.member, { name: `invite ${(seq += 1)} ${Date.now().toString(36)}` });
  const tokenOf = (url: string | null): string => new URL(url ?? 'missing:').searchParams.get('token') ?? '';
  const accept = (token: string) =>
    services.invitations.accept({ token, name: 'New Person', password: 'correct horse battery', ip: null });

  it('without invite, an unknown email is a 404 that says how to invite', async () => {
    const ds = await create();
    const email = uniqueEmail('nobody');
    await expectAppError(
      services.datasetPermissions.setUserOrInvite(team.as.admin, ds.name, email, 'VIEW', { acceptUrlBase: BASE }),
      'NOT_FOUND',
      /invite: true/,
    );
    expect(await services.invitations.listPending(team.as.admin)).not.toContainEqual(
      expect.objectContaining({ email }),
    );
  });

  it('with invite, an admin invites the email and acceptance grants the permission', async () => {
    const ds = await create();
    const other = await create();
    const email = uniqueEmail('invitee');
    const first = await services.datasetPermissions.setUserOrInvite(
      team.as.admin,
      ds.name,
      email.toUpperCase(),
      'VIEW',
      { invite: true, acceptUrlBase: BASE },
    );
    if (first.kind !== 'invited') throw new Error('expected an invitation');
    expect(first.invitation.invitation).toMatchObject({ email, role: 'GUEST' });
    expect(first.invitation.url).toMatch(/^https:\/\/teamset\.example\.com\/accept-invitation\?token=/);

    // A second grant joins the pending invitation: no new link, the first stays valid.
    const second = await services.datasetPermissions.setUserOrInvite(team.as.admin, other.name, email, 'VIEW', {
      invite: true,
      acceptUrlBase: BASE,
    });
    if (second.kind !== 'invited') throw new Error('expected an invitation');
    expect(second.invitation).toMatchObject({
      invitation: { id: first.invitation.invitation.id },
      url: null,
      token: null,
    });

    const user = await accept(tokenOf(first.invitation.url));
    const mine = await services.datasetPermissions.forUser(team.as.admin, user.id);
    expect(mine.datasets.map((d) => [d.datasetName, d.userPermission, d.activePermission]).sort()).toEqual(
      [
        [ds.name, 'VIEW', 'VIEW'],
        [other.name, 'VIEW', 'VIEW'],
      ].sort(),
    );
    // Now a user: the same call grants directly.
    const again = await services.datasetPermissions.setUserOrInvite(team.as.admin, ds.name, email, 'NO_ACCESS', {
      invite: true,
      acceptUrlBase: BASE,
    });
    expect(again).toMatchObject({ kind: 'granted', permission: { userPermission: 'NO_ACCESS' } });
  });

  it('re-inviting the email (replacing) carries the waiting grants to the new invitation', async () => {
    const ds = await create();
    const email = uniqueEmail('reinvite');
    await services.datasetPermissions.setUserOrInvite(team.as.admin, ds.name, email, 'VIEW', {
      invite: true,
      acceptUrlBase: BASE,
    });
    const fresh = await services.invitations.create(team.as.admin, { email, role: 'MEMBER', replace: true }, BASE);
    const user = await accept(fresh.token);
    expect((await services.datasetPermissions.getUser(team.as.admin, ds.name, user.id)).userPermission).toBe('VIEW');
  });

  it('the invitee role caps the permission, and only admins invite', async () => {
    const ds = await create();
    const capped = await expectAppError(
      services.datasetPermissions.setUserOrInvite(team.as.admin, ds.name, uniqueEmail('capped'), 'EDIT', {
        invite: true,
        acceptUrlBase: BASE,
      }),
      'BAD_REQUEST',
      /join as GUEST, who can be granted at most VIEW/,
    );
    expect(capped.details).toMatchObject({ field: 'permission', cap: 'VIEW' });
    // The member manages the dataset but cannot invite people into the organization.
    await expectAppError(
      services.datasetPermissions.setUserOrInvite(team.as.member, ds.name, uniqueEmail('by-member'), 'VIEW', {
        invite: true,
        acceptUrlBase: BASE,
      }),
      'FORBIDDEN',
    );
    // Without MANAGE the dataset stays invisible, invite or not.
    await expectAppError(
      services.datasetPermissions.setUserOrInvite(team.as.collaborator, ds.name, uniqueEmail('x'), 'VIEW', {
        invite: true,
        acceptUrlBase: BASE,
      }),
      'NOT_FOUND',
    );
  });

  it('revoking the invitation or deleting the dataset drops the waiting grant', async () => {
    const ds = await create();
    const email = uniqueEmail('dropped');
    const result = await services.datasetPermissions.setUserOrInvite(team.as.admin, ds.name, email, 'VIEW', {
      invite: true,
      acceptUrlBase: BASE,
    });
    if (result.kind !== 'invited') throw new Error('expected an invitation');
    await services.datasets.delete(team.as.member, ds.name);
    const user = await accept(tokenOf(result.invitation.url));
    expect((await services.datasetPermissions.forUser(team.as.admin, user.id)).datasets).toEqual([]);
  });
});
