// The built `teamset` binary working on the database directly (no api_uri): bootstrap, keys, exit codes, --json.
import { writeFileSync } from 'node:fs';
import { isWellFormedApiKey, type ApiKey, type User, type UserPage } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSandbox,
  errorLines,
  expectUsageError,
  runTeamset,
  type CliSandbox,
} from './test-support/run-teamset.js';

let sandbox: CliSandbox;
const teamset = (args: string[], input?: string) => runTeamset(args, { env: sandbox.env, input });

beforeAll(() => {
  sandbox = createSandbox();
});
afterAll(() => sandbox.cleanup());

describe('teamset on the database directly', () => {
  let adminKey = '';

  it('creates the first admin with --password-stdin, then a key for them, printed once', async () => {
    const created = await teamset(
      [
        '--json',
        'users',
        'create',
        '--email',
        'Admin@Example.com',
        '--name',
        'Ada Admin',
        '--role',
        'admin',
        '--password-stdin',
      ],
      'correct horse battery\n',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout) as User).toMatchObject({
      email: 'admin@example.com',
      name: 'Ada Admin',
      role: 'ADMIN',
    });

    const generated = await teamset([
      'keys',
      'generate',
      '--user',
      'admin@example.com',
      '--name',
      'bootstrap',
      '--expires-in',
      '90d',
    ]);
    expect(generated.code, generated.stderr).toBe(0);
    adminKey = generated.stdout.trim();
    expect(isWellFormedApiKey(adminKey)).toBe(true);
    expect(generated.stdout).toBe(`${adminKey}\n`);
    expect(generated.stderr).toContain('it will not be shown again');
    expect(generated.stderr).not.toContain(adminKey);
  });

  it('lists keys as JSON without any secret', async () => {
    const listed = await teamset(['keys', 'list', '--user', 'admin@example.com', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const { keys } = JSON.parse(listed.stdout) as { keys: ApiKey[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ name: 'bootstrap', prefix: adminKey.slice(4, 12) });
    expect(keys[0]?.expiresAt).not.toBeNull();
    expect(listed.stdout).not.toContain(adminKey);
    expect(listed.stderr).not.toContain(adminKey);

    const table = await teamset(['keys', 'list']);
    expect(table.stdout).toContain(`tsk_${adminKey.slice(4, 12)}…`);
    expect(table.stdout).toContain('admin@example.com');
    expect(table.stdout).not.toContain(keys[0]?.userId ?? 'no key');
    expect(table.stdout).not.toContain(adminKey);
  });

  it('lists, re-roles and deletes users', async () => {
    expect((await teamset(['users', 'create', '--email', 'bob@example.com', '--name', 'Bob'])).code).toBe(0);
    const roled = await teamset(['--json', 'users', 'set-role', 'bob@example.com', 'COLLABORATOR']);
    expect((JSON.parse(roled.stdout) as User).role).toBe('COLLABORATOR');
    const page = JSON.parse((await teamset(['users', 'list', '--search', 'bob', '--json'])).stdout) as UserPage;
    expect(page.users.map((u) => u.email)).toEqual(['bob@example.com']);
    expect((await teamset(['users', 'delete', 'bob@example.com'])).code).toBe(0);
    expect((JSON.parse((await teamset(['users', 'list', '--json'])).stdout) as UserPage).total).toBe(1);
  });

  it('deletes a key by id', async () => {
    const generated = await teamset(['--json', 'keys', 'generate', '--user', 'admin@example.com', '--name', 'temp']);
    const { apiKey } = JSON.parse(generated.stdout) as { apiKey: ApiKey };
    expect((await teamset(['keys', 'delete', apiKey.id])).code).toBe(0);
    const { keys } = JSON.parse((await teamset(['--json', 'keys', 'list'])).stdout) as { keys: ApiKey[] };
    expect(keys.map((k) => k.id)).not.toContain(apiKey.id);
  });

  it('applies migrations idempotently', async () => {
    const migrated = await teamset(['migrate', '--json']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(JSON.parse(migrated.stdout)).toEqual({ database: sandbox.databaseUri, applied: [] });
  });
});

describe('teamset errors', () => {
  it.each([
    [['keys', 'generate', '--user', 'a@b.c', '--name', 'x', '--expires-in', '10w']],
    [['keys', 'generate', '--user', 'a@b.c', '--name', 'x', '--expires-in', '1.5h']],
    [['users', 'set-role', 'a@b.c', 'OWNER']],
    [['users', 'list', '--page', '0']],
    [['usr', 'list']],
    [['keys', 'generate']],
  ])('%j is a usage error: exit 2, one line', async (args) => {
    expectUsageError(await teamset(args));
  });

  it('rejects --password-stdin with nothing on stdin (exit 2)', async () => {
    const result = await teamset(['users', 'create', '--email', 'c@example.com', '--name', 'C', '--password-stdin']);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual(['teamset: error: --password-stdin was given but stdin was empty']);
  });

  it('reports a failure (duplicate user) on one line with exit 1', async () => {
    const result = await teamset(['users', 'create', '--email', 'ADMIN@example.com', '--name', 'Again']);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual(['teamset: error: A user with this email already exists']);
  });

  it('says a server is needed for whoami and invitations', async () => {
    for (const args of [['whoami'], ['invitations', 'list']]) {
      const result = await teamset(args);
      expect(result.code).toBe(1);
      expect(errorLines(result.stderr)).toHaveLength(1);
      expect(result.stderr).toContain('needs a Teamset server: set FIFTYONE_API_URI and FIFTYONE_API_KEY');
    }
  });
});

describe('teamset config show', () => {
  it('masks the key and names each source', async () => {
    const key = (await teamset(['keys', 'generate', '--user', 'admin@example.com', '--name', 'cfg'])).stdout.trim();
    writeFileSync(sandbox.configPath, JSON.stringify({ api_uri: 'http://teamset.invalid:5151', api_key: key }));
    try {
      const human = await teamset(['config', 'show']);
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toContain(`${key.slice(0, 12)}…`);
      expect(human.stdout).not.toContain(key);
      expect(human.stdout).toContain(`api_key in ${sandbox.configPath}`);
      expect(human.stdout).toContain('environment variable FIFTYONE_DATABASE_URI');

      const json = await teamset(['config', 'show', '--json']);
      expect(json.stdout).not.toContain(key);
      expect(JSON.parse(json.stdout)).toMatchObject({
        connection: 'api',
        apiUri: 'http://teamset.invalid:5151',
        apiKey: `${key.slice(0, 12)}…`,
        databaseUri: sandbox.databaseUri,
        sources: {
          apiKey: { type: 'file', path: sandbox.configPath, key: 'api_key' },
          databaseUri: { type: 'env', variable: 'FIFTYONE_DATABASE_URI' },
        },
      });
    } finally {
      writeFileSync(sandbox.configPath, '{}');
    }
  });

  it('fails on one line, without echoing the value, for a malformed key', async () => {
    const result = await runTeamset(['config', 'show'], {
      env: {
        ...sandbox.env,
        FIFTYONE_API_URI: 'http://localhost:5151',
        FIFTYONE_API_KEY: 'tsk_not-really-a-key-but-secret',
      },
    });
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain('does not look like a Teamset API key');
    expect(result.stderr).not.toContain('not-really-a-key-but-secret');
  });
});
