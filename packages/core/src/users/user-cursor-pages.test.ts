// Cursor paging of users on SQLite and PostgreSQL: every user exactly once, in order, across deletions and additions between pages.
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import { expectAppError, uniqueEmail, useTeamServices, type Team } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('UserCursorPages on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), {
    config: { background: false },
    label: 'cursor',
  });
  beforeAll(async () => {
    for (let i = 0; i < 7; i++)
      await services.users.create(SYSTEM_ACTOR, { email: uniqueEmail('paged'), name: `Paged ${i}`, role: 'GUEST' });
  });

  const all = async (first: number): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page = await services.userPages.page(team.as.admin, { first, after });
      ids.push(...page.users.map((u) => u.user.id));
      if (!page.hasNextPage) return ids;
      after = page.endCursor;
    }
    throw new Error('paging did not end');
  };

  it('returns every user once, in the listing order, whatever the page size', async () => {
    const expected = (await services.users.list(team.as.admin, { pageSize: 200 })).users.map((u) => u.id);
    expect(expected).toHaveLength(11);
    for (const first of [1, 3, 4, 11, 50]) expect(await all(first)).toEqual(expected);
    const last = await services.userPages.page(team.as.admin, { first: 11 });
    expect(last).toMatchObject({ hasNextPage: false });
    expect(last.endCursor).toBe(last.users[10]?.cursor);
  });

  it('neither skips nor repeats when users are deleted or added between pages', async () => {
    const firstPage = await services.userPages.page(team.as.admin, { first: 3 });
    const seen = firstPage.users.map((u) => u.user.id);
    // Delete a user already seen: an offset would now skip one.
    const victim = await services.users.create(SYSTEM_ACTOR, {
      email: uniqueEmail('victim'),
      name: 'Victim',
      role: 'GUEST',
    });
    expect(seen).toContain(team.collaborator.id);
    await services.users.delete(team.as.admin, team.collaborator.id);
    const rest: string[] = [];
    let after = firstPage.endCursor;
    for (;;) {
      const page = await services.userPages.page(team.as.admin, { first: 3, after });
      rest.push(...page.users.map((u) => u.user.id));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    const everyone = (await services.users.list(team.as.admin, { pageSize: 200 })).users.map((u) => u.id);
    expect([...seen, ...rest].filter((id) => id !== team.collaborator.id)).toEqual(everyone);
    expect(rest).toContain(victim.id);
  });

  it('is admin-only, takes first = 0 and refuses a made-up cursor', async () => {
    await expectAppError(services.userPages.page(team.as.member, {}), 'FORBIDDEN');
    expect(await services.userPages.page(team.as.admin, { first: 0 })).toMatchObject({
      users: [],
      hasNextPage: true,
      endCursor: null,
    });
    for (const after of [
      'nope',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["x","y"]').toString('base64url'),
    ]) {
      expect((await expectAppError(services.userPages.page(team.as.admin, { after }), 'BAD_REQUEST')).details).toEqual({
        field: 'after',
      });
    }
  });
});
