// Cursor paging of visible datasets on SQLite and PostgreSQL: by name, each once, only what the caller sees, groups included.
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import { expectAppError, useTeamServices, type Team } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('DatasetCursorPages on %s', (dialect) => {
  let services: Services;
  let team: Team;
  const names = ['b birds', 'a ants', 'c cats', 'e eels', 'd dogs', 'f frogs', 'g gnats'];

  useTeamServices(dialect, (opened) => ({ services, team } = opened), {
    config: { background: false },
    label: 'dspages',
  });
  beforeAll(async () => {
    for (const name of names) await services.datasets.create(team.as.admin, { name });
    await services.datasetPermissions.setUser(team.as.admin, 'c cats', team.collaborator.id, 'EDIT');
    const group = await services.groups.create(team.as.admin, { name: 'dog people', users: [team.collaborator.id] });
    await services.datasetPermissions.setGroup(team.as.admin, 'd dogs', group.id, 'TAG');
  });

  const walk = async (actor: Team['as']['admin'], first: number): Promise<Array<[string, string]>> => {
    const out: Array<[string, string]> = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page = await services.datasetPages.page(actor, { first, after });
      out.push(...page.datasets.map(({ dataset }): [string, string] => [dataset.name, dataset.permission]));
      if (!page.hasNextPage) return out;
      after = page.endCursor;
    }
    throw new Error('paging did not end');
  };

  it('pages every visible dataset by name, each once, with the caller’s permission', async () => {
    const sorted = [...names].sort();
    for (const first of [1, 2, 3, 7, 100])
      expect(await walk(team.as.admin, first)).toEqual(sorted.map((n) => [n, 'MANAGE']));
    expect(await walk(team.as.collaborator, 1)).toEqual([
      ['c cats', 'EDIT'],
      ['d dogs', 'TAG'],
    ]);
    expect(await walk(team.as.guest, 5)).toEqual([]);
    expect(
      (await services.datasetPages.page(SYSTEM_ACTOR, { first: 2, search: 'O' })).datasets.map((d) => d.dataset.name),
    ).toEqual(['d dogs', 'f frogs']);
  });

  it('goes on after the cursor’s name even when that dataset is deleted meanwhile', async () => {
    await services.datasets.create(team.as.admin, { name: 'h hens' });
    const first = await services.datasetPages.page(team.as.admin, { first: 7 });
    expect(first.datasets.at(-1)?.dataset.name).toBe('g gnats');
    await services.datasets.delete(team.as.admin, 'g gnats');
    const next = await services.datasetPages.page(team.as.admin, { first: 7, after: first.endCursor });
    expect(next).toMatchObject({ hasNextPage: false });
    expect(next.datasets.map((d) => d.dataset.name)).toEqual(['h hens']);
  });

  it('refuses a cursor it did not make', async () => {
    expect(
      (await expectAppError(services.datasetPages.page(team.as.admin, { after: 'not-a-cursor' }), 'BAD_REQUEST'))
        .details,
    ).toEqual({ field: 'after' });
  });
});
