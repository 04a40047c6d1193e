// A real `teamset serve` child process (the built CLI) on a fresh SQLite database in a temp folder, with its setup token.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../cli/dist/main.js', import.meta.url));
export const WEB_DIST_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));

export interface TeamsetProcess {
  url: string;
  /** The one-time token `serve` prints while no user exists. */
  setupToken: string;
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The child's environment: ours without any FIFTYONE_* of the developer's own, plus a private database and home. */
function childEnv(dir: string, extra: Record<string, string>): Record<string, string> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('FIFTYONE_'),
    ),
  );
  return {
    ...inherited,
    FIFTYONE_DATABASE_URI: `sqlite:${join(dir, 'teamset.db')}`,
    TEAMSET_HOME: join(dir, 'home'),
    FIFTYONE_CONFIG_PATH: join(dir, 'no-config.json'),
    ...extra,
  };
}

/** `env`: more environment for the server alone (e.g. TEAMSET_MEDIA_ROOTS), leaving this process's own untouched. */
export async function startTeamset(options: { env?: Record<string, string> } = {}): Promise<TeamsetProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  if (!existsSync(WEB_DIST_INDEX))
    throw new Error(`${WEB_DIST_INDEX} is missing: run \`npm run build\` first (it builds the web app)`);
  const dir = mkdtempSync(join(tmpdir(), 'teamset-web-e2e-'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env: childEnv(dir, options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Generous: on a loaded 2-CPU CI machine a cold start (migrations, reader threads) has taken 19 s.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const token = /one-time setup token:\s+([A-Za-z0-9_-]+)/.exec(output)?.[1];
    if (token) return { url: `http://127.0.0.1:${port}`, setupToken: token, output: () => output, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`teamset serve did not start or printed no setup token:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
