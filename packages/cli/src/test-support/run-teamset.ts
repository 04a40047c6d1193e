// Runs the BUILT `teamset` binary in a child process with an isolated home, config path and database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWellFormedApiKey } from '@teamset/contract';
import { expect } from 'vitest';

export const TEAMSET_BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface CliSandbox {
  dir: string;
  configPath: string;
  databaseUri: string;
  /** The child's environment: inherited, minus any FIFTYONE_* of the developer's own, plus the sandbox's. */
  env: Record<string, string>;
  cleanup(): void;
}

export function createSandbox(): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'teamset-cli-'));
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('FIFTYONE_'),
    ),
  );
  const configPath = join(dir, 'config.json');
  const databaseUri = `sqlite:${join(dir, 'teamset.db')}`;
  return {
    dir,
    configPath,
    databaseUri,
    env: {
      ...inherited,
      TEAMSET_HOME: join(dir, 'home'),
      FIFTYONE_CONFIG_PATH: configPath,
      FIFTYONE_DATABASE_URI: databaseUri,
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnTeamset(args: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [TEAMSET_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** A spawned `teamset serve`: its URL once it says it is running, and everything it has printed so far. */
export function watchServe(child: ChildProcess): { url: Promise<string>; output(): string } {
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`teamset serve did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Teamset is running at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`teamset serve exited with ${code}: ${output}`)));
  });
  return { url, output: () => output };
}

/** Runs to completion; `input` is written to stdin, which is then closed (so the CLI never waits on it). */
export function runTeamset(
  args: readonly string[],
  options: { env: Record<string, string>; input?: string },
): Promise<CliResult> {
  const child = spawnTeamset(args, options.env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin?.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** stderr's lines other than the informational "working on the database …" note. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !line.startsWith('teamset: working on the database'));
}

/** A usage error as the CLI reports one: exit 2, nothing on stdout, one `teamset: error: …` line on stderr. */
export function expectUsageError(result: CliResult): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = errorLines(result.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^teamset: error: /);
}

/** Creates users on the sandbox's database (`[email, role]` each, named after the email's local part). */
export async function createUsers(env: Record<string, string>, users: ReadonlyArray<readonly [string, string]>) {
  for (const [email, role] of users) {
    const name = email.split('@')[0] ?? email;
    const created = await runTeamset(['users', 'create', '--email', email, '--name', name, '--role', role], { env });
    expect(created.code, created.stderr).toBe(0);
  }
}

/** A TCP port free on 127.0.0.1 right now, for a server the test starts. */
export async function freePort(): Promise<number> {
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

/**
 * Makes admin@example.com the admin on the sandbox's database, exactly as an admin would (on the database, while
 * the server runs), and returns the environment that runs the CLI over the API at `url` with the admin's new key.
 */
export async function adminApiEnv(sandbox: CliSandbox, url: string): Promise<Record<string, string>> {
  await runTeamset(['users', 'create', '--email', 'admin@example.com', '--name', 'Admin', '--role', 'ADMIN'], {
    env: sandbox.env,
  });
  const key = (
    await runTeamset(['keys', 'generate', '--user', 'admin@example.com', '--name', 'bootstrap'], { env: sandbox.env })
  ).stdout.trim();
  expect(isWellFormedApiKey(key)).toBe(true);
  return { ...sandbox.env, FIFTYONE_API_URI: url, FIFTYONE_API_KEY: key };
}
