// The built `teamset` binary managing media roots, on the database directly and over the API (where server roots show).
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { MediaRoot } from '@teamset/contract';
import { startServer, type RunningServer } from '@teamset/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, errorLines, runTeamset, type CliSandbox } from './test-support/run-teamset.js';

let sandbox: CliSandbox;
let photos: string;
let scans: string;
let fixed: string;
const teamset = (args: string[], env = sandbox.env) => runTeamset(args, { env });
const roots = async (args: string[], env = sandbox.env): Promise<MediaRoot[]> => {
  const result = await teamset(['--json', 'media-roots', ...args], env);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { roots: MediaRoot[] }).roots;
};
const failure = async (args: string[], env = sandbox.env): Promise<string[]> => {
  const result = await teamset(['media-roots', ...args], env);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  return errorLines(result.stderr);
};

beforeAll(async () => {
  sandbox = createSandbox();
  const base = realpathSync(sandbox.dir);
  [photos, scans, fixed] = [join(base, 'photos'), join(base, 'scans'), join(base, 'fixed')];
  for (const dir of [photos, scans, fixed]) mkdirSync(dir);
  for (const [email, role] of [
    ['admin@example.com', 'ADMIN'],
    ['member@example.com', 'MEMBER'],
  ] as const) {
    const created = await teamset(['users', 'create', '--email', email, '--name', role, '--role', role]);
    expect(created.code, created.stderr).toBe(0);
  }
});
afterAll(() => sandbox.cleanup());

describe('teamset media-roots on the database directly', () => {
  it("adds (stored as real paths, once each), lists and removes the organization's roots", async () => {
    expect((await teamset(['media-roots', 'list'])).stdout).toContain('No media roots');
    const organization = (path: string) => ({ path, source: 'organization', available: true });
    expect(await roots(['add', `${photos}/`, join(scans, '..', 'scans')])).toEqual([
      organization(photos),
      organization(scans),
    ]);
    expect(await roots(['add', photos])).toEqual([organization(photos), organization(scans)]);
    expect((await teamset(['media-roots', 'list'])).stdout).toMatch(
      new RegExp(`${photos}.*organization.*yes[\\s\\S]*${scans}`),
    );
    expect(await roots(['remove', `${photos}/`])).toEqual([organization(scans)]);
    expect(await roots(['list'])).toEqual([organization(scans)]);
  });

  it('refuses, changing nothing, a directory that is not a root, or not an existing absolute path', async () => {
    const before = await roots(['list']);
    expect(await failure(['remove', scans, photos])).toEqual([
      `teamset: error: ${photos} is not a media root (roots are listed as their real paths: see \`teamset media-roots list\`)`,
    ]);
    expect((await failure(['add', 'relative/dir']))[0]).toMatch(
      /^teamset: error: “relative\/dir” is not an absolute path/,
    );
    expect((await failure(['add', join(photos, 'missing')]))[0]).toMatch(/does not exist/);
    expect(await roots(['list'])).toEqual(before);
  });
});

describe('teamset media-roots over the API', () => {
  let server: RunningServer;
  let asAdmin: Record<string, string>;
  let asMember: Record<string, string>;

  beforeAll(async () => {
    server = await startServer({
      databaseUri: sandbox.databaseUri,
      host: '127.0.0.1',
      port: 0,
      logLevel: false,
      core: { mediaRoots: [fixed] },
    });
    const keyOf = async (email: string) =>
      (await teamset(['keys', 'generate', '--user', email, '--name', 'cli media roots'])).stdout.trim();
    asAdmin = { ...sandbox.env, FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: await keyOf('admin@example.com') };
    asMember = { ...sandbox.env, FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: await keyOf('member@example.com') };
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lists the server's own roots first, keeps them through changes and refuses to remove them", async () => {
    const server = { path: fixed, source: 'server', available: true };
    expect(await roots(['list'], asAdmin)).toEqual([server, { path: scans, source: 'organization', available: true }]);
    expect(await roots(['add', photos], asAdmin)).toEqual([
      server,
      { path: scans, source: 'organization', available: true },
      { path: photos, source: 'organization', available: true },
    ]);
    expect(await failure(['remove', fixed], asAdmin)).toEqual([
      `teamset: error: ${fixed} is the server's own media root: it is given to \`teamset serve\` by --media-root or TEAMSET_MEDIA_ROOTS, and removed there`,
    ]);
    expect(await roots(['remove', scans, photos], asAdmin)).toEqual([server]);
  });

  it('is for admins only', async () => {
    expect(await failure(['list'], asMember)).toEqual([expect.stringMatching(/^teamset: error: .*admin/i)]);
    expect(await failure(['add', photos], asMember)).toEqual([expect.stringMatching(/^teamset: error: .*admin/i)]);
  });
});
