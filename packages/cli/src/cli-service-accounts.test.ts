// `teamset service-accounts` and the key inventory, over the API against a real `teamset serve`, and on the database.
import type { ChildProcess } from 'node:child_process';
import {
  isWellFormedApiKey,
  type ApiKey,
  type BulkRevokeResult,
  type CreatedApiKey,
  type KeyInventoryPage,
  type ServiceAccount,
  type WhoAmI,
} from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminApiEnv,
  createSandbox,
  runTeamset,
  spawnTeamset,
  watchServe,
  type CliSandbox,
} from './test-support/run-teamset.js';

let sandbox: CliSandbox;
let serve: ChildProcess;
let apiEnv: Record<string, string>;

const overApi = (args: string[], env: Record<string, string> = apiEnv) => runTeamset(args, { env });
const json = async <T>(args: string[], env?: Record<string, string>): Promise<T> => {
  const result = await overApi(['--json', ...args], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};

beforeAll(async () => {
  sandbox = createSandbox();
  serve = spawnTeamset(['serve', '--port', '0', '--log-level', 'warn'], sandbox.env);
  apiEnv = await adminApiEnv(sandbox, await watchServe(serve).url);
});

afterAll(() => {
  if (serve.exitCode === null) serve.kill('SIGKILL');
  sandbox.cleanup();
});

describe('teamset service-accounts', () => {
  it('creates one, generates its key, disables and enables it, and deletes it', async () => {
    const account = await json<ServiceAccount>([
      'service-accounts',
      'create',
      '--name',
      'nightly-import',
      '--role',
      'member',
    ]);
    expect(account).toMatchObject({ name: 'nightly-import', role: 'MEMBER', disabledAt: null });
    const table = await overApi(['service-accounts', 'list']);
    expect(table.stdout).toMatch(/nightly-import\s*│\s*MEMBER/);

    const generated = await overApi(['keys', 'generate', '--service-account', 'nightly-import', '--name', 'job']);
    expect(generated.code, generated.stderr).toBe(0);
    const botKey = generated.stdout.trim();
    expect(isWellFormedApiKey(botKey)).toBe(true);
    expect(generated.stderr).toContain('for service account nightly-import');
    const botEnv = { ...apiEnv, FIFTYONE_API_KEY: botKey };
    expect((await json<WhoAmI>(['whoami'], botEnv)).user).toMatchObject({ id: account.id, kind: 'service' });
    // The job cannot mint itself more keys.
    const selfMint = await overApi(['keys', 'generate', '--name', 'more'], botEnv);
    expect(selfMint.code).not.toBe(0);

    const disabled = await overApi(['service-accounts', 'disable', 'nightly-import']);
    expect(disabled.stdout).toContain('Disabled service account nightly-import');
    expect((await overApi(['whoami'], botEnv)).code).not.toBe(0);
    await overApi(['service-accounts', 'enable', 'nightly-import']);
    expect((await overApi(['whoami'], botEnv)).code).toBe(0);

    const deleted = await overApi(['service-accounts', 'delete', 'nightly-import']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await overApi(['whoami'], botEnv)).code).not.toBe(0);
  });

  it('refuses an admin role before asking the server', async () => {
    const result = await overApi(['service-accounts', 'create', '--name', 'boss', '--role', 'admin']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/MEMBER, COLLABORATOR, GUEST/);
  });
});

describe('teamset keys list --all and keys revoke', () => {
  it('lists every key with filters, revokes in bulk, and warns when the key in use expires soon', async () => {
    await json(['service-accounts', 'create', '--name', 'ci-bot', '--role', 'collaborator']);
    const bot = await json<CreatedApiKey>(['keys', 'generate', '--service-account', 'ci-bot', '--name', 'ci']);
    const soon = await json<CreatedApiKey>([
      'keys',
      'generate',
      '--service-account',
      'ci-bot',
      '--name',
      'soon',
      '--expires-in',
      '3d',
    ]);

    const all = await json<KeyInventoryPage>(['keys', 'list', '--all']);
    expect(all.items.map((i) => i.key.id)).toEqual(expect.arrayContaining([bot.apiKey.id, soon.apiKey.id]));
    const mineOnly = await json<KeyInventoryPage>(['keys', 'list', '--all', '--service-account', 'ci-bot']);
    expect(mineOnly.items.map((i) => i.key.name).sort()).toEqual(['ci', 'soon']);
    const expiring = await json<KeyInventoryPage>(['keys', 'list', '--all', '--state', 'expiring']);
    expect(expiring.items.map((i) => i.key.id)).toEqual([soon.apiKey.id]);
    const table = await overApi(['keys', 'list', '--all', '--service-accounts']);
    expect(table.stdout).toContain('ci-bot (service account)');
    expect(table.stdout).toContain('EXPIRES SOON');

    // A command run with the soon-expiring key warns on stderr, leaving stdout to the result.
    const withSoon = await overApi(['whoami', '--json'], { ...apiEnv, FIFTYONE_API_KEY: soon.key });
    expect(withSoon.code, withSoon.stderr).toBe(0);
    expect(withSoon.stderr).toContain('the API key in use expires');
    expect(() => JSON.parse(withSoon.stdout) as unknown).not.toThrow();
    expect((await overApi(['whoami'])).stderr).not.toContain('expires');

    const revoked = await json<BulkRevokeResult>(['keys', 'revoke', bot.apiKey.id, soon.apiKey.id]);
    expect(revoked.revoked.sort()).toEqual([bot.apiKey.id, soon.apiKey.id].sort());
    const after = await json<KeyInventoryPage>(['keys', 'list', '--all', '--service-account', 'ci-bot']);
    expect(after.items.every((i) => i.key.revokedReason === 'revoked by an admin')).toBe(true);
  });

  it('shows usage in the owner’s own list', async () => {
    const { keys } = await json<{ keys: ApiKey[] }>(['keys', 'list']);
    expect(keys[0]?.usage).toMatchObject({ requestsLast30Days: expect.any(Number) });
    const table = await overApi(['keys', 'list']);
    expect(table.stdout).toContain('REQUESTS (30D)');
  });
});

describe('on the database directly', () => {
  it('creates and lists service accounts without a server', async () => {
    const created = await runTeamset(
      ['--json', 'service-accounts', 'create', '--name', 'offline-job', '--role', 'guest'],
      { env: sandbox.env },
    );
    expect(created.code, created.stderr).toBe(0);
    const listed = await runTeamset(['--json', 'service-accounts', 'list'], { env: sandbox.env });
    const names = (JSON.parse(listed.stdout) as { serviceAccounts: ServiceAccount[] }).serviceAccounts.map(
      (a) => a.name,
    );
    expect(names).toContain('offline-job');
  });
});
