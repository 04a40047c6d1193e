// The built `teamset` binary managing datasets and dataset permissions on the database directly (system actor).
import type { Dataset, DatasetPage, DatasetPermissionList, DatasetUserPermission } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSandbox,
  createUsers,
  errorLines,
  expectUsageError,
  runTeamset,
  type CliSandbox,
} from './test-support/run-teamset.js';

let sandbox: CliSandbox;
const teamset = (args: string[]) => runTeamset(args, { env: sandbox.env });
const json = async <T>(args: string[]): Promise<T> => {
  const result = await teamset(['--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};
const NAME = 'team a/b runs';

beforeAll(async () => {
  sandbox = createSandbox();
  await createUsers(sandbox.env, [
    ['member@example.com', 'MEMBER'],
    ['collab@example.com', 'COLLABORATOR'],
  ]);
});
afterAll(() => sandbox.cleanup());

describe('teamset datasets on the database directly', () => {
  it('creates a dataset with a media type and shows it', async () => {
    const created = await json<Dataset>(['datasets', 'create', NAME, '--media-type', 'Video']);
    expect(created).toMatchObject({
      name: NAME,
      slug: 'team-a-b-runs',
      mediaType: 'video',
      createdBy: null,
      permission: 'MANAGE',
    });
    expect((await json<Dataset>(['datasets', 'info', NAME])).id).toBe(created.id);

    const human = await teamset(['datasets', 'info', NAME]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Media type');
    expect(human.stdout).toContain('video');
  });

  it('lists datasets as JSON and as a table', async () => {
    expect((await teamset(['datasets', 'create', 'other'])).code).toBe(0);
    const page = await json<DatasetPage>(['datasets', 'list', '--search', 'A/B']);
    expect(page.datasets.map((d) => d.name)).toEqual([NAME]);
    expect(page.total).toBe(1);
    const table = await teamset(['datasets', 'list']);
    expect(table.stdout).toContain(NAME);
    expect(table.stdout).toContain('other');
    expect(table.stdout).toContain('Page 1 of 1 · 2 datasets');
  });

  it('renames and deletes', async () => {
    expect((await json<Dataset>(['datasets', 'rename', 'other', 'other / renamed'])).name).toBe('other / renamed');
    const deleted = await json<{ deleted: boolean; name: string }>(['datasets', 'delete', 'other / renamed']);
    expect(deleted).toEqual({ deleted: true, name: 'other / renamed' });
    const missing = await teamset(['datasets', 'info', 'other / renamed']);
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr)).toHaveLength(1);
  });
});

describe('teamset permissions on the database directly', () => {
  it('sets the default, grants, lists and removes', async () => {
    expect((await json<Dataset>(['permissions', 'default', NAME, 'view'])).defaultPermission).toBe('VIEW');

    const granted = await json<DatasetUserPermission>(['permissions', 'set', NAME, 'collab@example.com', 'edit']);
    expect(granted).toMatchObject({
      user: { email: 'collab@example.com' },
      userPermission: 'EDIT',
      activePermission: 'EDIT',
    });

    const list = await json<DatasetPermissionList>(['permissions', 'list', NAME]);
    expect(list).toMatchObject({ dataset: NAME, defaultPermission: 'VIEW' });
    const byEmail = Object.fromEntries(list.users.map((u) => [u.user.email, u]));
    expect(byEmail['collab@example.com']).toMatchObject({ userPermission: 'EDIT', activePermission: 'EDIT' });
    expect(byEmail['member@example.com']).toMatchObject({ userPermission: null, activePermission: 'VIEW' });

    const table = await teamset(['permissions', 'list', NAME]);
    expect(table.stdout).toContain('default permission for members: VIEW');
    expect(table.stdout).toContain('collab@example.com');

    expect(await json(['permissions', 'remove', NAME, 'collab@example.com'])).toEqual({
      removed: true,
      dataset: NAME,
      user: 'collab@example.com',
    });
    const after = await json<DatasetPermissionList>(['permissions', 'list', NAME]);
    expect(after.users.map((u) => u.user.email)).not.toContain('collab@example.com');
  });

  it('refuses a grant above the role cap on one line, exit 1', async () => {
    const result = await teamset(['permissions', 'set', NAME, 'collab@example.com', 'MANAGE']);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toHaveLength(1);
  });

  it.each([
    [['permissions', 'set', NAME, 'collab@example.com', 'OWN']],
    [['permissions', 'default', NAME]],
    [['datasets', 'create', 'x', '--media-type', 'audio']],
    [['datasets', 'rename', NAME]],
  ])('%j is a usage error: exit 2, one line', async (args) => {
    expectUsageError(await teamset(args));
  });
});
