// `teamset serve` as a real child process, then the CLI over the API (through the SDK) as its admin, then SIGTERM.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  isWellFormedApiKey,
  type ApiKey,
  type CreatedApiKey,
  type CreatedInvitation,
  type Dataset,
  type DatasetPage,
  type DatasetPermissionList,
  type Invitation,
  type WhoAmI,
} from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSandbox,
  errorLines,
  runTeamset,
  spawnTeamset,
  watchServe,
  type CliSandbox,
} from './test-support/run-teamset.js';

let sandbox: CliSandbox;
let serve: ChildProcess;
let serveOutput: () => string;
let url = '';
let apiEnv: Record<string, string>;

const overApi = (args: string[]) => runTeamset(args, { env: apiEnv });

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  sandbox = createSandbox();
  serve = spawnTeamset(['serve', '--port', '0', '--log-level', 'warn'], sandbox.env);
  const watched = watchServe(serve);
  serveOutput = watched.output;
  url = await watched.url;
  // Bootstrap exactly as an admin would: on the database, while the server runs.
  await runTeamset(['users', 'create', '--email', 'admin@example.com', '--name', 'Admin', '--role', 'ADMIN'], {
    env: sandbox.env,
  });
  const key = (
    await runTeamset(['keys', 'generate', '--user', 'admin@example.com', '--name', 'bootstrap'], { env: sandbox.env })
  ).stdout.trim();
  expect(isWellFormedApiKey(key)).toBe(true);
  apiEnv = { ...sandbox.env, FIFTYONE_API_URI: url, FIFTYONE_API_KEY: key };
});

afterAll(() => {
  if (serve.exitCode === null) serve.kill('SIGKILL');
  sandbox.cleanup();
});

describe('teamset over the API', () => {
  it("whoami names the key's user", async () => {
    const result = await overApi(['whoami', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const me = JSON.parse(result.stdout) as WhoAmI;
    expect(me).toMatchObject({ user: { email: 'admin@example.com', role: 'ADMIN' }, authMethod: 'api_key' });
  });

  it('creates, lists and revokes an invitation', async () => {
    const created = JSON.parse(
      (await overApi(['--json', 'invitations', 'create', 'new@example.com', '--role', 'member'])).stdout,
    ) as CreatedInvitation;
    expect(created.invitation).toMatchObject({ email: 'new@example.com', role: 'MEMBER' });
    expect(created.url).toContain(created.token);
    const { invitations } = JSON.parse((await overApi(['--json', 'invitations', 'list'])).stdout) as {
      invitations: Invitation[];
    };
    expect(invitations.map((i) => i.id)).toContain(created.invitation.id);
    expect((await overApi(['invitations', 'revoke', created.invitation.id])).code).toBe(0);
    const after = JSON.parse((await overApi(['--json', 'invitations', 'list'])).stdout) as {
      invitations: Invitation[];
    };
    expect(after.invitations.map((i) => i.id)).not.toContain(created.invitation.id);
  });

  it('re-inviting a pending email fails with a hint unless --replace, which replaces it', async () => {
    const first = JSON.parse(
      (await overApi(['--json', 'invitations', 'create', 'again@example.com', '--role', 'member'])).stdout,
    ) as CreatedInvitation;
    const refused = await overApi(['invitations', 'create', 'again@example.com']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /again@example\.com already has a pending MEMBER invitation \(sent .+\); add --replace/,
    );
    const replaced = JSON.parse(
      (await overApi(['--json', 'invitations', 'create', 'again@example.com', '--replace'])).stdout,
    ) as CreatedInvitation;
    const { invitations } = JSON.parse((await overApi(['--json', 'invitations', 'list'])).stdout) as {
      invitations: Invitation[];
    };
    expect(invitations.map((i) => i.id)).toContain(replaced.invitation.id);
    expect(invitations.map((i) => i.id)).not.toContain(first.invitation.id);
  });

  it('generates your own key without --user, lists it without the secret, and deleting it revokes it', async () => {
    const generated = await overApi(['--json', 'keys', 'generate', '--name', 'laptop', '--expires-in', '12h']);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stderr).toContain('it will not be shown again');
    const created = JSON.parse(generated.stdout) as CreatedApiKey;
    expect(isWellFormedApiKey(created.key)).toBe(true);

    const listed = await overApi(['keys', 'list', '--json']);
    expect(listed.stdout).not.toContain(created.key);
    const table = await overApi(['keys', 'list']);
    expect(table.stdout).toMatch(/\bUSER\b/);
    expect(table.stdout).toContain('admin@example.com');
    expect(table.stdout).not.toContain(created.apiKey.userId);
    expect((JSON.parse(listed.stdout) as { keys: ApiKey[] }).keys.map((k) => k.id)).toContain(created.apiKey.id);

    expect((await overApi(['keys', 'delete', created.apiKey.id])).code).toBe(0);
    const rejected = await runTeamset(['whoami'], { env: { ...apiEnv, FIFTYONE_API_KEY: created.key } });
    expect(rejected.code).toBe(1);
    // The one line says where the refused key came from and how to get a new one.
    expect(errorLines(rejected.stderr)).toEqual([
      'teamset: error: Invalid or expired API key. The API key from environment variable FIFTYONE_API_KEY was refused: it may have been deleted, expired or mistyped. ' +
        'Generate a new one in the web app (account menu › API keys) or with `teamset keys generate`, and put it in FIFTYONE_API_KEY.',
    ]);
    expect(rejected.stderr).not.toContain(created.key);
  });

  it('rotates a key: the new secret alone on stdout, the old one working through its grace and listed with its end', async () => {
    const created = JSON.parse(
      (await overApi(['--json', 'keys', 'generate', '--name', 'rotating'])).stdout,
    ) as CreatedApiKey;
    const rotated = await overApi(['keys', 'rotate', created.apiKey.id, '--grace', '1h']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const newKey = rotated.stdout.trim();
    expect(isWellFormedApiKey(newKey)).toBe(true);
    expect(newKey).not.toBe(created.key);
    expect(rotated.stderr).toContain('it will not be shown again');
    expect(rotated.stderr).toContain(`the old secret (${created.apiKey.prefix}…) works until`);
    expect(rotated.stderr).not.toContain(newKey);

    const table = await overApi(['keys', 'list']);
    expect(table.stdout).toContain('OLD SECRETS');
    expect(table.stdout).toContain(`tsk_${created.apiKey.prefix}… until`);
    for (const key of [created.key, newKey])
      expect((await runTeamset(['whoami'], { env: { ...apiEnv, FIFTYONE_API_KEY: key } })).code).toBe(0);

    const again = await overApi(['--json', 'keys', 'rotate', created.apiKey.id, '--grace', '0']);
    expect(again.code, again.stderr).toBe(0);
    const json = JSON.parse(again.stdout) as CreatedApiKey;
    expect(json.apiKey.id).toBe(created.apiKey.id);
    expect((await runTeamset(['whoami'], { env: { ...apiEnv, FIFTYONE_API_KEY: newKey } })).code).toBe(1);
    expect((await runTeamset(['whoami'], { env: { ...apiEnv, FIFTYONE_API_KEY: json.key } })).code).toBe(0);

    const badGrace = await overApi(['keys', 'rotate', created.apiKey.id, '--grace', '1w']);
    expect(badGrace.code).not.toBe(0);
  });

  it('generates a scoped key: --max-permission, repeated --dataset, --read-only-management; list and whoami show it', async () => {
    for (const name of ['cli birds', 'cli cars']) expect((await overApi(['datasets', 'create', name])).code).toBe(0);
    const generated = await overApi([
      '--json',
      'keys',
      'generate',
      '--name',
      'ci',
      '--max-permission',
      'view',
      '--dataset',
      'cli birds',
      '--dataset',
      'cli cars',
      '--read-only-management',
    ]);
    expect(generated.code, generated.stderr).toBe(0);
    const created = JSON.parse(generated.stdout) as CreatedApiKey;
    expect(created.apiKey.scope).toMatchObject({
      maxPermission: 'VIEW',
      datasets: [{ name: 'cli birds' }, { name: 'cli cars' }],
      readOnlyManagement: true,
    });
    const table = await overApi(['keys', 'list']);
    expect(table.stdout).toContain('SCOPE');
    expect(table.stdout).toContain('max VIEW; datasets cli birds, cli cars; read-only management');
    const me = await runTeamset(['whoami'], { env: { ...apiEnv, FIFTYONE_API_KEY: created.key } });
    expect(me.stdout).toMatch(/key scope\s+│ max VIEW; datasets cli birds, cli cars; read-only management/);
    expect((await overApi(['keys', 'generate', '--name', 'x', '--max-permission', 'MANAGE'])).code).toBe(2);
  });

  it('points users create at invitations or --database, and --database does it', async () => {
    const refused = await overApi(['users', 'create', '--email', 'direct@example.com', '--name', 'Direct']);
    expect(refused.code).toBe(1);
    expect(errorLines(refused.stderr)).toHaveLength(1);
    expect(refused.stderr).toContain('teamset invitations create');
    const direct = await overApi([
      '--database',
      '--json',
      'users',
      'create',
      '--email',
      'direct@example.com',
      '--name',
      'Direct',
      '--role',
      'MEMBER',
    ]);
    expect(direct.code, direct.stderr).toBe(0);
    const roled = await overApi(['--json', 'users', 'set-role', 'direct@example.com', 'COLLABORATOR']);
    expect(JSON.parse(roled.stdout)).toMatchObject({ email: 'direct@example.com', role: 'COLLABORATOR' });
  });

  it('manages a dataset and its permissions through the SDK, names with spaces and slashes included', async () => {
    const name = 'api runs/2024 v1';
    const created = await overApi(['--json', 'datasets', 'create', name, '--media-type', 'image']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      name,
      permission: 'MANAGE',
      createdBy: expect.any(String) as unknown,
    });
    expect((JSON.parse((await overApi(['--json', 'datasets', 'info', name])).stdout) as Dataset).name).toBe(name);
    // People read emails: the table names the creator by email, not by user id.
    const info = await overApi(['datasets', 'info', name]);
    expect(info.stdout).toMatch(/Created by\s+│\s+admin@example\.com/);
    expect(info.stdout).not.toContain((JSON.parse(created.stdout) as Dataset).createdBy);

    const granted = await overApi(['--json', 'permissions', 'set', name, 'direct@example.com', 'view']);
    expect(granted.code, granted.stderr).toBe(0);
    expect(JSON.parse(granted.stdout)).toMatchObject({ user: { email: 'direct@example.com' }, userPermission: 'VIEW' });
    expect((await overApi(['permissions', 'default', name, 'no-access'])).code).toBe(0);
    const list = JSON.parse((await overApi(['--json', 'permissions', 'list', name])).stdout) as DatasetPermissionList;
    expect(list.defaultPermission).toBe('NO_ACCESS');
    expect(list.users.map((u) => u.user.email)).toEqual(
      expect.arrayContaining(['admin@example.com', 'direct@example.com']),
    );
    expect((await overApi(['permissions', 'remove', name, 'direct@example.com'])).code).toBe(0);

    expect((await overApi(['datasets', 'rename', name, `${name} renamed`])).code).toBe(0);
    const page = JSON.parse((await overApi(['--json', 'datasets', 'list'])).stdout) as DatasetPage;
    expect(page.datasets.map((d) => d.name)).toEqual([`${name} renamed`]);
    expect((await overApi(['datasets', 'delete', `${name} renamed`])).code).toBe(0);
    const missing = await overApi(['datasets', 'info', `${name} renamed`]);
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr)).toHaveLength(1);
  });

  it('reports an unreachable server on one line naming it', async () => {
    const closed = `http://127.0.0.1:${await unusedPort()}`;
    const result = await runTeamset(['whoami'], { env: { ...apiEnv, FIFTYONE_API_URI: closed } });
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([
      `teamset: error: Could not reach the Teamset server at ${closed}: connection refused — is the server running, and is the port right?`,
    ]);
  });

  it('serve shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)));
    serve.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(serveOutput()).toContain('Received SIGTERM, shutting down');
  });
});
