// The release tarballs installed outside the repository: the CLI's server serves the web app, the README's SDK snippet runs, the SDK alone has no native modules.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unusedPort } from '../../sdk/src/test-support/http-test-server.js';
import { installProject, packRelease, readmeSnippet, run } from './test-support/release-install.js';

/** npm install compiles better-sqlite3 (no prebuilt binary download here): minutes on a busy two-core machine. */
const INSTALL_TIMEOUT_MS = 20 * 60_000;

describe('release tarballs installed outside the repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teamset-release-'));
  const home = join(dir, 'home');
  const full = join(dir, 'server-project');
  const sdkOnly = join(dir, 'sdk-project');
  const env: NodeJS.ProcessEnv = {
    // Not the developer's Teamset settings, nor what `npm test` tells its scripts about the repository's own package.
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(FIFTYONE_|TEAMSET_|npm_)/.test(name))),
    TEAMSET_HOME: join(home, '.teamset'),
    FIFTYONE_CONFIG_PATH: join(home, 'fiftyone-config.json'),
    FIFTYONE_DATABASE_URI: `sqlite:${join(dir, 'teamset.db')}`,
    // The prebuilt-binary download cannot succeed without the internet: build at once instead of waiting for it to fail.
    npm_config_build_from_source: 'true',
  };
  let server: ChildProcess | undefined;
  let serverOutput = '';
  let url = '';

  beforeAll(async () => {
    mkdirSync(home, { recursive: true });
    mkdirSync(full);
    mkdirSync(sdkOnly);
    const tarballs = await packRelease(join(dir, 'release'), env);
    expect(Object.keys(tarballs).sort()).toEqual(['cli', 'contract', 'core', 'sdk', 'server']);
    await installProject(full, Object.values(tarballs), env);
    await installProject(sdkOnly, [tarballs.contract!, tarballs.sdk!], env);

    const port = await unusedPort();
    server = spawn(join(full, 'node_modules', '.bin', 'teamset'), ['serve', '--port', String(port)], {
      cwd: full,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString('utf8')));
    server.stderr?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString('utf8')));
    const deadline = Date.now() + 60_000;
    while (!/Teamset is running at (\S+)/.test(serverOutput)) {
      if (server.exitCode !== null || Date.now() > deadline)
        throw new Error(`teamset serve did not start:\n${serverOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    url = /Teamset is running at (\S+)/.exec(serverOutput)?.[1] ?? '';
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the web app at / from the installed server package', async () => {
    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${url}${script}`)).status).toBe(200);
  });

  it("runs the README's set-up commands and SDK snippet from a project with the SDK alone", async () => {
    const teamset = join(full, 'node_modules', '.bin', 'teamset');
    const created = await run(
      teamset,
      ['users', 'create', '--email', 'ada@example.com', '--name', 'Ada', '--role', 'ADMIN', '--password-stdin'],
      {
        cwd: full,
        env,
        input: 'a-long-password\n',
      },
    );
    expect(created.code, created.stderr).toBe(0);
    const generated = await run(teamset, ['keys', 'generate', '--user', 'ada@example.com', '--name', 'laptop'], {
      cwd: full,
      env,
    });
    expect(generated.code, generated.stderr).toBe(0);
    const apiKey = /tsk_\S+/.exec(generated.stdout)?.[0];
    expect(apiKey).toBeDefined();

    writeFileSync(join(sdkOnly, 'snippet.mjs'), readmeSnippet('testApiConnection'));
    const snippet = await run(process.execPath, ['snippet.mjs'], {
      cwd: sdkOnly,
      env: { ...env, FIFTYONE_DATABASE_URI: undefined, FIFTYONE_API_URI: url, FIFTYONE_API_KEY: apiKey },
    });
    expect(snippet.code, snippet.stderr).toBe(0);
    expect(snippet.stdout).toContain('ada@example.com ADMIN');
    expect(snippet.stdout).toMatch(/ci-runner key \(store it now\): tsk_\S+/);
    expect(snippet.stdout).toContain("'ci-runner'");
  });

  it('installs the SDK without native modules, and a database connection there asks for @teamset/core', async () => {
    for (const native of ['better-sqlite3', '@node-rs/argon2', 'pg', '@teamset/core'])
      expect(existsSync(join(sdkOnly, 'node_modules', native)), native).toBe(false);
    writeFileSync(
      join(sdkOnly, 'database.mjs'),
      "import { listDatasets } from '@teamset/sdk';\nawait listDatasets();\n",
    );
    const direct = await run(process.execPath, ['database.mjs'], { cwd: sdkOnly, env });
    expect(direct.code).not.toBe(0);
    expect(direct.stderr).toContain('install @teamset/core for a database connection');
  });
});
