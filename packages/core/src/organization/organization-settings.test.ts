// OrganizationService on SQLite and PostgreSQL: least-privilege defaults, admin-only updates, the default role applied to new users and invitations.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import { expectAppError, uniqueEmail, useTeamServices, type Team } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('OrganizationService on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), { config: { background: false } });

  // Runs first: the settings row does not exist yet.
  it('defaults to GUEST and NO_ACCESS', async () => {
    expect(await services.organization.get(team.as.admin)).toEqual({
      defaultUserRole: 'GUEST',
      defaultDatasetPermission: 'NO_ACCESS',
    });
    const user = await services.users.create(team.as.admin, { email: uniqueEmail('default'), name: 'Default' });
    expect(user.role).toBe('GUEST');
    const { invitation } = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('default-invite') },
      'http://localhost:5151',
    );
    expect(invitation.role).toBe('GUEST');
  });

  it('is readable and changeable by admins only', async () => {
    for (const actor of [team.as.member, team.as.collaborator, team.as.guest]) {
      await expectAppError(services.organization.get(actor), 'FORBIDDEN');
      await expectAppError(services.organization.update(actor, { defaultUserRole: 'ADMIN' }), 'FORBIDDEN');
    }
    expect((await services.organization.get(SYSTEM_ACTOR)).defaultUserRole).toBe('GUEST');
  });

  it('updates part of the settings, keeps the rest, and audits the change', async () => {
    expect(await services.organization.update(team.as.admin, { defaultDatasetPermission: 'VIEW' })).toEqual({
      defaultUserRole: 'GUEST',
      defaultDatasetPermission: 'VIEW',
    });
    expect(await services.organization.update(team.as.admin, { defaultUserRole: 'COLLABORATOR' })).toEqual({
      defaultUserRole: 'COLLABORATOR',
      defaultDatasetPermission: 'VIEW',
    });
    expect(await services.organization.get(team.as.admin)).toEqual({
      defaultUserRole: 'COLLABORATOR',
      defaultDatasetPermission: 'VIEW',
    });
    const [event] = await services.audit.list(team.as.admin, { action: 'organization.update', limit: 1 });
    expect(event).toMatchObject({
      actorId: team.admin.id,
      details: {
        before: { defaultUserRole: 'GUEST', defaultDatasetPermission: 'VIEW' },
        after: { defaultUserRole: 'COLLABORATOR', defaultDatasetPermission: 'VIEW' },
      },
    });
  });

  it('applies defaultUserRole to users and invitations created without a role, not to those with one', async () => {
    await services.organization.update(team.as.admin, { defaultUserRole: 'MEMBER' });
    expect((await services.users.create(team.as.admin, { email: uniqueEmail('no-role'), name: 'No Role' })).role).toBe(
      'MEMBER',
    );
    expect(
      (
        await services.users.create(team.as.admin, {
          email: uniqueEmail('with-role'),
          name: 'With Role',
          role: 'GUEST',
        })
      ).role,
    ).toBe('GUEST');
    const invited = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('inv-no-role') },
      'http://localhost:5151',
    );
    expect(invited.invitation.role).toBe('MEMBER');
    // The invitation keeps the role it was sent with, even if the default changes before acceptance.
    await services.organization.update(team.as.admin, { defaultUserRole: 'GUEST' });
    const user = await services.invitations.accept({
      token: invited.token,
      name: 'Invitee',
      password: 'invitee password',
      ip: null,
    });
    expect(user.role).toBe('MEMBER');
    const explicit = await services.invitations.create(
      team.as.admin,
      { email: uniqueEmail('inv-role'), role: 'COLLABORATOR' },
      'http://localhost:5151',
    );
    expect(explicit.invitation.role).toBe('COLLABORATOR');
  });

  it('rejects values outside the closed sets and leaves the settings unchanged', async () => {
    const before = await services.organization.get(team.as.admin);
    await expectAppError(
      services.organization.update(team.as.admin, { defaultUserRole: 'OWNER' as never }),
      'BAD_REQUEST',
    );
    await expectAppError(
      services.organization.update(team.as.admin, { defaultDatasetPermission: 'ALL' as never }),
      'BAD_REQUEST',
    );
    expect(await services.organization.get(team.as.admin)).toEqual(before);
  });

  it('ignores fields given as undefined', async () => {
    const before = await services.organization.get(team.as.admin);
    expect(
      await services.organization.update(team.as.admin, {
        defaultUserRole: undefined,
        defaultDatasetPermission: 'EDIT',
      }),
    ).toEqual({ ...before, defaultDatasetPermission: 'EDIT' });
    expect(await services.organization.get(team.as.admin)).toEqual({ ...before, defaultDatasetPermission: 'EDIT' });
  });
});
