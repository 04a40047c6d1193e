// The built `teamset` binary managing user groups and group grants, on the database directly and over the API.
import type { Dataset, DatasetGroupPermission, DatasetPermissionList, UserGroup } from '@teamset/contract';
import { startServer, type RunningServer } from '@teamset/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, createUsers, errorLines, runTeamset, type CliSandbox } from './test-support/run-teamset.js';

let sandbox: CliSandbox;
const teamset = (args: string[], env = sandbox.env) => runTeamset(args, { env });
const json = async <T>(args: string[], env = sandbox.env): Promise<T> => {
  const result = await teamset(['--json', ...args], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};
const DATASET = 'grouped runs/1';

beforeAll(async () => {
  sandbox = createSandbox();
  await createUsers(sandbox.env, [
    ['admin@example.com', 'ADMIN'],
    ['member@example.com', 'MEMBER'],
    ['collab@example.com', 'COLLABORATOR'],
    ['guest@example.com', 'GUEST'],
  ]);
  expect((await teamset(['datasets', 'create', DATASET])).code).toBe(0);
});
afterAll(() => sandbox.cleanup());

describe('teamset groups on the database directly', () => {
  it('creates, shows, lists, updates, fills, empties and deletes a group', async () => {
    const created = await json<UserGroup>([
      'groups',
      'create',
      'Annotators',
      '--description',
      'label team',
      '--users',
      'collab@example.com',
      'guest@example.com',
    ]);
    expect(created).toMatchObject({ name: 'Annotators', description: 'label team' });
    expect(created.users.map((u) => u.email)).toEqual(['collab@example.com', 'guest@example.com']);

    expect((await json<UserGroup>(['groups', 'show', 'annotators'])).id).toBe(created.id);
    const shown = await teamset(['groups', 'show', created.id]);
    expect(shown.stdout).toContain('label team');
    expect(shown.stdout).toContain('guest@example.com');

    expect((await json<{ groups: UserGroup[] }>(['groups', 'list'])).groups.map((g) => g.name)).toEqual(['Annotators']);
    const table = await teamset(['groups', 'list']);
    expect(table.stdout).toMatch(/Annotators.*label team.*2/s);

    const updated = await json<UserGroup>([
      'groups',
      'update',
      'Annotators',
      '--name',
      'Labelers',
      '--clear-description',
      '--users',
      'member@example.com',
    ]);
    expect(updated).toMatchObject({ id: created.id, name: 'Labelers', description: null });
    expect(updated.users.map((u) => u.email)).toEqual(['member@example.com']);
    expect(
      (await json<UserGroup>(['groups', 'add-users', 'Labelers', 'collab@example.com', 'guest@example.com'])).users,
    ).toHaveLength(3);
    expect(
      (await json<UserGroup>(['groups', 'remove-users', 'Labelers', 'guest@example.com'])).users.map((u) => u.email),
    ).toEqual(['collab@example.com', 'member@example.com']);
    expect((await json<UserGroup>(['groups', 'update', 'Labelers', '--no-members'])).users).toEqual([]);

    expect(await json(['groups', 'delete', 'Labelers'])).toEqual({ deleted: true, group: 'Labelers' });
    const missing = await teamset(['groups', 'show', 'Labelers']);
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr)).toEqual(['teamset: error: No user group "Labelers"']);
  });

  it('grants a group a dataset permission and removes it', async () => {
    await json(['groups', 'create', 'Editors', '--users', 'collab@example.com', 'guest@example.com']);
    const granted = await json<DatasetGroupPermission>(['permissions', 'set-group', DATASET, 'editors', 'edit']);
    expect(granted).toMatchObject({ group: { name: 'Editors' }, permission: 'EDIT' });
    const list = await json<DatasetPermissionList>(['permissions', 'list', DATASET]);
    expect(list.groups).toEqual([granted]);
    const byEmail = Object.fromEntries(list.users.map((u) => [u.user.email, u.activePermission]));
    expect(byEmail).toMatchObject({ 'collab@example.com': 'EDIT', 'guest@example.com': 'VIEW' });
    expect((await teamset(['permissions', 'set-group', DATASET, 'Editors', 'view'])).stdout).toContain(
      'Group Editors now has VIEW',
    );

    // The table: the users first (a member's ACTIVE counts the group), then the group grants.
    const table = (await teamset(['permissions', 'list', DATASET])).stdout;
    const [users = '', groups = ''] = table.split('User groups:\n');
    expect(users).toMatch(/collab@example\.com.*│\s*VIEW\s*│/);
    expect(groups).toMatch(
      new RegExp(`GROUP ID.*GROUP.*DESCRIPTION.*GRANT[\\s\\S]*${granted.group.id}.*Editors.*—.*VIEW`),
    );

    expect(await json(['permissions', 'remove-group', DATASET, 'Editors'])).toEqual({
      removed: true,
      dataset: DATASET,
      group: 'Editors',
    });
    const without = (await teamset(['permissions', 'list', DATASET])).stdout;
    expect(without).not.toContain('User groups:');
    expect(without).toContain('No user group has a grant on this dataset.');
    const again = await teamset(['permissions', 'remove-group', DATASET, 'Editors']);
    expect(again.code).toBe(1);
    expect(errorLines(again.stderr)).toHaveLength(1);
  });

  it.each([
    [['groups', 'update', 'Editors']],
    [['groups', 'update', 'Editors', '--description', 'x', '--clear-description']],
    [['groups', 'add-users', 'Editors']],
    [['permissions', 'set-group', DATASET, 'Editors', 'OWN']],
  ])('%j is a usage error: exit 2, one line', async (args) => {
    const result = await teamset(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(errorLines(result.stderr)).toHaveLength(1);
  });

  it('refuses a duplicate name and an unknown member on one line, exit 1', async () => {
    for (const args of [
      ['groups', 'create', 'EDITORS'],
      ['groups', 'add-users', 'Editors', 'ghost@example.com'],
    ]) {
      const result = await teamset(args);
      expect(result.code).toBe(1);
      expect(errorLines(result.stderr)).toHaveLength(1);
    }
  });
});

describe('teamset groups over the API', () => {
  let server: RunningServer;
  let asAdmin: Record<string, string>;
  let asMember: Record<string, string>;

  beforeAll(async () => {
    server = await startServer({ databaseUri: sandbox.databaseUri, host: '127.0.0.1', port: 0, logLevel: false });
    const keyOf = async (email: string) =>
      (await teamset(['keys', 'generate', '--user', email, '--name', 'cli groups'])).stdout.trim();
    asAdmin = { ...sandbox.env, FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: await keyOf('admin@example.com') };
    asMember = { ...sandbox.env, FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: await keyOf('member@example.com') };
  });
  afterAll(async () => {
    await server?.close();
  });

  it('an admin manages groups through the SDK; a member sees only their groups and cannot write', async () => {
    const group = await json<UserGroup>(['groups', 'create', 'Remote Team', '--users', 'member@example.com'], asAdmin);
    expect(group.users.map((u) => u.email)).toEqual(['member@example.com']);
    expect(
      (await json<UserGroup>(['groups', 'update', 'remote team', '--description', 'over http'], asAdmin)).description,
    ).toBe('over http');
    expect((await json<{ groups: UserGroup[] }>(['groups', 'list'], asMember)).groups.map((g) => g.name)).toEqual([
      'Remote Team',
    ]);
    const denied = await teamset(['groups', 'create', 'Member Made'], asMember);
    expect(denied.code).toBe(1);
    expect(errorLines(denied.stderr)).toEqual(['teamset: error: Only admins can create user groups']);
    const missing = await teamset(['groups', 'show', 'No Such Group'], asAdmin);
    expect(errorLines(missing.stderr)).toEqual(['teamset: error: No user group "No Such Group"']);

    await json(['permissions', 'set-group', DATASET, 'Remote Team', 'tag'], asAdmin);
    expect((await json<Dataset>(['datasets', 'info', DATASET], asMember)).permission).toBe('TAG');
    await json(['permissions', 'remove-group', DATASET, group.id], asAdmin);
    expect((await teamset(['datasets', 'info', DATASET], asMember)).code).toBe(1);
    expect(await json(['groups', 'delete', group.id], asAdmin)).toEqual({ deleted: true, group: group.id });
  });
});
