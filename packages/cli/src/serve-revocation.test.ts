// Two real `teamset serve` processes on one PostgreSQL: a key deleted (or a user demoted) on one is refused by the other within 1 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, createServices } from '@teamset/core';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '@teamset/core/testing';
import { freePort } from './test-support/run-teamset.js';

const CLI = fileURLToPath(new URL('../dist/main.js', import.meta.url));

async function startServe(databaseUri: string): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env: {
      ...process.env,
      FIFTYONE_DATABASE_URI: databaseUri,
      FIFTYONE_API_URI: '',
      FIFTYONE_API_KEY: '',
      FIFTYONE_CONFIG_PATH: '/nonexistent/config.json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`teamset serve exited early: ${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child, output: () => output };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`teamset serve did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function status(url: string, key: string): Promise<number> {
  return (await fetch(`${url}/api/v1/whoami`, { headers: { 'x-api-key': key } })).status;
}

/** Polls until the server answers `expected`, returning the time it took. */
async function timeUntil(url: string, key: string, expected: number, limitMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if ((await status(url, key)) === expected) return Date.now() - started;
    if (Date.now() - started > limitMs) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(await postgresAvailable())('key revocation across two serve processes (PostgreSQL)', () => {
  let tdb: TestDatabase;
  const servers: ChildProcess[] = [];
  let a: string;
  let b: string;
  let adminKey: string;
  let memberKey: string;
  let memberKeyId: string;
  let collaboratorKey: string;

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    const services = await createServices({ databaseUri: tdb.uri, background: false });
    await services.users.create(SYSTEM_ACTOR, { email: 'admin@example.com', name: 'Admin', role: 'ADMIN' });
    await services.users.create(SYSTEM_ACTOR, { email: 'member@example.com', name: 'Member', role: 'MEMBER' });
    await services.users.create(SYSTEM_ACTOR, { email: 'collab@example.com', name: 'Collab', role: 'COLLABORATOR' });
    adminKey = (await services.keys.generate(SYSTEM_ACTOR, { name: 'admin', user: 'admin@example.com' })).key;
    const member = await services.keys.generate(SYSTEM_ACTOR, { name: 'member', user: 'member@example.com' });
    memberKey = member.key;
    memberKeyId = member.apiKey.id;
    collaboratorKey = (await services.keys.generate(SYSTEM_ACTOR, { name: 'collab', user: 'collab@example.com' })).key;
    await services.close();
    const [first, second] = await Promise.all([startServe(tdb.uri), startServe(tdb.uri)]);
    servers.push(first.child, second.child);
    a = first.url;
    b = second.url;
  }, 60_000);

  afterAll(async () => {
    for (const child of servers) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    }
    await tdb?.drop();
  });

  it('deleting a key on A refuses it on A at once and on B within 1 s', async () => {
    // Both servers have verified (and cached) the key.
    expect(await status(a, memberKey)).toBe(200);
    expect(await status(b, memberKey)).toBe(200);
    const deleted = await fetch(`${a}/api/v1/keys/${memberKeyId}`, {
      method: 'DELETE',
      headers: { 'x-api-key': adminKey },
    });
    expect(deleted.status).toBe(204);
    expect(await status(a, memberKey)).toBe(401);
    const elapsed = await timeUntil(b, memberKey, 401, 3000);
    expect(elapsed).toBeLessThan(1000);
  });

  it('demoting a user to GUEST on A locks their key out on B within 1 s', async () => {
    expect(await status(a, collaboratorKey)).toBe(200);
    expect(await status(b, collaboratorKey)).toBe(200);
    const demoted = await fetch(`${a}/api/v1/users/collab%40example.com/role`, {
      method: 'PUT',
      headers: { 'x-api-key': adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'GUEST' }),
    });
    expect(demoted.status).toBe(200);
    expect(await status(a, collaboratorKey)).toBe(403);
    const elapsed = await timeUntil(b, collaboratorKey, 403, 3000);
    expect(elapsed).toBeLessThan(1000);
  });

  it('an expiring key stops working on both servers once it expires', async () => {
    const created = await fetch(`${a}/api/v1/keys`, {
      method: 'POST',
      headers: { 'x-api-key': adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'short-lived', expiresInSeconds: 1 }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    expect(await status(b, key)).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await status(a, key)).toBe(401);
    expect(await status(b, key)).toBe(401);
  });
});
