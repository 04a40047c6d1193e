// Two processes writing one SQLite file at once: with BEGIN IMMEDIATE they queue on the lock instead of failing with SQLITE_BUSY.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../services.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-databases.js';

const CORE_DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** A child process that creates `count` users through the built core, as `teamset users create` would. */
function writer(uri: string, prefix: string, count: number): Promise<{ code: number | null; output: string }> {
  const script = `
    const { createServices, SYSTEM_ACTOR } = await import(${JSON.stringify(CORE_DIST)});
    const services = await createServices({ databaseUri: ${JSON.stringify(uri)}, background: false });
    for (let i = 0; i < ${count}; i++) {
      await services.users.create(SYSTEM_ACTOR, { email: '${prefix}' + i + '@example.com', name: 'User ' + i, role: 'MEMBER' });
    }
    await services.close();`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('SQLite shared by two processes', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    // Migrate once up front so the writers race on data, not on schema creation.
    await (await createServices({ databaseUri: tdb.uri, background: false })).close();
  });
  afterAll(async () => tdb?.drop());

  it('lets concurrent writers from two processes all succeed', async () => {
    const results = await Promise.all([writer(tdb.uri, 'a', 300), writer(tdb.uri, 'b', 300)]);
    for (const r of results) expect(r, r.output).toMatchObject({ code: 0 });
    const services = await createServices({ databaseUri: tdb.uri, background: false });
    try {
      expect(await services.users.store.count()).toBe(600);
    } finally {
      await services.close();
    }
  }, 60_000);
});
