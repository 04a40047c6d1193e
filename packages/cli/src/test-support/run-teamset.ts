// Runs the BUILT `teamset` binary in a child process with an isolated home, config path and database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
