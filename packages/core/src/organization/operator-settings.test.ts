// Operator defaults on SQLite and PostgreSQL: FiftyOne's defaults until set, admin-only, partial updates, independent of the other settings.
import { describe, expect, it } from 'vitest';
import type { Services } from '../services.js';
import { expectAppError, useTeamServices, type Team } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('OperatorSettingsService on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), { config: { background: false }, label: 'ops' });

  it('starts at MEMBER / EDIT, stores partial changes and leaves the other settings alone', async () => {
    expect(await services.operatorSettings.get(team.as.admin)).toEqual({
      defaultOperatorMinimumRole: 'MEMBER',
      defaultOperatorMinimumDatasetPermission: 'EDIT',
    });
    // No settings row exists yet: the update creates it with the current defaults of the other settings.
    expect(
      await services.operatorSettings.update(team.as.admin, { defaultOperatorMinimumRole: 'COLLABORATOR' }),
    ).toEqual({
      defaultOperatorMinimumRole: 'COLLABORATOR',
      defaultOperatorMinimumDatasetPermission: 'EDIT',
    });
    expect(await services.organization.get(team.as.admin)).toEqual({
      defaultUserRole: 'GUEST',
      defaultDatasetPermission: 'NO_ACCESS',
    });
    await services.organization.update(team.as.admin, { defaultUserRole: 'MEMBER' });
    await services.operatorSettings.update(team.as.admin, { defaultOperatorMinimumDatasetPermission: 'MANAGE' });
    expect(await services.operatorSettings.get(team.as.admin)).toEqual({
      defaultOperatorMinimumRole: 'COLLABORATOR',
      defaultOperatorMinimumDatasetPermission: 'MANAGE',
    });
    expect((await services.organization.get(team.as.admin)).defaultUserRole).toBe('MEMBER');
    const events = await services.audit.list(team.as.admin, { action: 'organization.update', limit: 1 });
    expect(events[0]).toMatchObject({ details: { after: { defaultOperatorMinimumDatasetPermission: 'MANAGE' } } });
  });

  it('is admin-only and validates values', async () => {
    await expectAppError(services.operatorSettings.get(team.as.member), 'FORBIDDEN');
    await expectAppError(
      services.operatorSettings.update(team.as.member, { defaultOperatorMinimumRole: 'GUEST' }),
      'FORBIDDEN',
    );
    await expectAppError(
      services.operatorSettings.update(team.as.admin, { defaultOperatorMinimumRole: 'OWNER' as never }),
      'BAD_REQUEST',
    );
    await expectAppError(
      services.operatorSettings.update(team.as.admin, { defaultOperatorMinimumDatasetPermission: 'ALL' as never }),
      'BAD_REQUEST',
    );
  });
});
