// Bench helpers: a fresh SQLite or PostgreSQL database, and real `teamset serve` processes (the built CLI) on it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_ADMIN = process.env.TEAMSET_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLI = new URL('../packages/cli/dist/main.js', import.meta.url).pathname;

/** A new, empty database of the dialect: `{ uri, drop }`. */
export async function createBenchDatabase(dialect) {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'teamset-bench-'));
    return { uri: `sqlite:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `teamset_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    uri: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Starts `teamset serve` (plus `serveArgs`) on the database and port, resolving once /health answers: `{ url, pid, stop }`. */
export async function startServe(databaseUri, port, serveArgs = []) {
  const child = spawn(
    process.execPath,
    [
      // Node options for the server alone, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      CLI,
      'serve',
      ...['--host', '127.0.0.1', '--port', String(port), '--log-level', 'error', ...serveArgs],
    ],
    {
      env: { ...process.env, FIFTYONE_DATABASE_URI: databaseUri },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  // Up to 60 s: on a loaded machine, starting (and migrating) takes a while.
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`teamset serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok)
        return { url, pid: child.pid, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('teamset serve did not start');
}
