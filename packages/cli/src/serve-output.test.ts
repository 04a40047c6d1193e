// `teamset serve` (the built binary) as a person sees it: a banner with the setup token on its own line, a quiet log, a hint on a busy port.
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { unusedPort } from '../../sdk/src/test-support/http-test-server.js';
import { createSandbox, runTeamset, spawnTeamset, type CliSandbox } from './test-support/run-teamset.js';

interface Served {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
}

const running: { served: Served; sandbox: CliSandbox }[] = [];

async function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const sandbox = createSandbox();
  const child = spawnTeamset(['serve', ...args], { ...sandbox.env, ...env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const served = { child, url: '', stdout: () => stdout, stderr: () => stderr };
  running.push({ served, sandbox });
  const deadline = Date.now() + 30_000;
  while (!/running at (\S+)/.test(stderr)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`teamset serve did not start:\n${stderr}\n${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  served.url = /running at (\S+)/.exec(stderr)?.[1] ?? '';
  return served;
}

afterEach(async () => {
  for (const { served, sandbox } of running.splice(0)) {
    if (served.child.exitCode === null) {
      const exited = new Promise((resolve) => served.child.once('exit', resolve));
      served.child.kill('SIGTERM');
      await exited;
    }
    sandbox.cleanup();
  }
});

/** Lets the server write what a request logs. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

describe('teamset serve output', () => {
  it('starts with a banner: URL, database, where the log goes, and the setup token on its own line', async () => {
    const served = await serve(['--port', '0']);
    const banner = served.stderr();
    expect(banner).toContain(`running at ${served.url}`);
    expect(banner).toMatch(/database {2}sqlite:\S+teamset\.db/);
    expect(banner).toContain('log       standard output, JSON lines, level info');
    const token = /one-time setup token:\n\n {4}([A-Za-z0-9_-]+)\n/.exec(banner)?.[1];
    expect(token).toBeDefined();
    // The token is for the person at the console: the log (which may be shipped elsewhere) never has it.
    expect(served.stdout()).not.toContain(token);
    const setup = await fetch(`${served.url}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, email: 'ada@example.com', name: 'Ada', password: 'a-long-password' }),
    });
    expect(setup.status).toBe(201);
  });

  it('logs no request at the default level, JSON lines when stdout is not a terminal', async () => {
    const served = await serve(['--port', '0']);
    await fetch(`${served.url}/health`);
    await settle();
    const lines = served
      .stdout()
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(served.stdout()).not.toContain('incoming request');
  });

  it('logs every request at --log-level debug (or TEAMSET_LOG_LEVEL), readable with --log-format pretty', async () => {
    const served = await serve(['--port', '0', '--log-format', 'pretty'], { TEAMSET_LOG_LEVEL: 'debug' });
    await fetch(`${served.url}/health`);
    await settle();
    expect(served.stdout()).toMatch(
      /^\d\d:\d\d:\d\d {2}DEBUG {2}request completed {2}GET \/health {2}200 {2}\d+\.\d ms$/m,
    );
    expect(served.stderr()).toContain('readable lines, level debug (with every request');
  });

  it('refuses a bad log level, naming the variable', async () => {
    const sandbox = createSandbox();
    try {
      const result = await runTeamset(['serve', '--port', '0'], { env: { ...sandbox.env, TEAMSET_LOG_LEVEL: 'loud' } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'TEAMSET_LOG_LEVEL: log level must be one of fatal, error, warn, info, debug, trace',
      );
    } finally {
      sandbox.cleanup();
    }
  });

  it('on a busy port, says so and suggests --port', async () => {
    const port = await unusedPort();
    await serve(['--port', String(port)]);
    const sandbox = createSandbox();
    try {
      const second = await runTeamset(['serve', '--port', String(port)], { env: sandbox.env });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`teamset: error: port ${port} is already in use`);
      expect(second.stderr).toContain('--port <n>');
    } finally {
      sandbox.cleanup();
    }
  });
});
