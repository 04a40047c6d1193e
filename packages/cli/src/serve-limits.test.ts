// `teamset serve` takes the GraphQL depth and cost limits, the schema field limit and the reader count from flags or TEAMSET_* variables (built CLI).
import { SYSTEM_ACTOR, createServices } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, runTeamset, spawnTeamset, watchServe, type CliSandbox } from './test-support/run-teamset.js';

describe('teamset serve limits (built CLI)', () => {
  let sandbox: CliSandbox;
  beforeAll(() => {
    sandbox = createSandbox();
  });
  afterAll(() => sandbox?.cleanup());

  it('a bad limit is a usage error, from the flag or the environment', async () => {
    const depth = await runTeamset(['serve', '--port', '0', '--graphql-max-depth', '201'], { env: sandbox.env });
    expect(depth.code).toBe(2);
    expect(depth.stderr).toContain('expected a depth from 1 to 200, got 201');
    const readers = await runTeamset(['serve', '--port', '0', '--readers', '65'], { env: sandbox.env });
    expect(readers.code).toBe(2);
    expect(readers.stderr).toContain('Expected a whole number from 0 to 64.');
    const readersEnv = await runTeamset(['serve', '--port', '0'], { env: { ...sandbox.env, TEAMSET_READERS: 'all' } });
    expect(readersEnv.code).toBe(2);
    expect(readersEnv.stderr).toContain('TEAMSET_READERS: Expected a whole number from 0 to 64.');
    for (const name of ['TEAMSET_GRAPHQL_MAX_DEPTH', 'TEAMSET_GRAPHQL_MAX_COST', 'TEAMSET_MAX_SCHEMA_FIELDS']) {
      const env = await runTeamset(['serve', '--port', '0'], { env: { ...sandbox.env, [name]: '0' } });
      expect(env.code, name).toBe(2);
      expect(env.stderr).toContain(`${name}: Expected a whole number of 1 or more.`);
    }
  });

  it('the limits given reach GraphQL and the datasets', async () => {
    const services = await createServices({ databaseUri: sandbox.databaseUri, background: false });
    await services.users.create(SYSTEM_ACTOR, { email: 'admin@example.com', name: 'Admin', role: 'ADMIN' });
    const { key } = await services.keys.generate(SYSTEM_ACTOR, { name: 'admin', user: 'admin@example.com' });
    await services.datasets.create(SYSTEM_ACTOR, { name: 'limited' });
    await services.close();

    const child = spawnTeamset(['serve', '--port', '0', '--log-level', 'warn', '--graphql-max-depth', '3'], {
      ...sandbox.env,
      TEAMSET_GRAPHQL_MAX_COST: '5',
      TEAMSET_MAX_SCHEMA_FIELDS: '2',
    });
    try {
      const url = await watchServe(child).url;
      const headers = { 'x-api-key': key, 'content-type': 'application/json' };
      const graphql = async (query: string) =>
        (await fetch(`${url}/graphql/v1`, { method: 'POST', headers, body: JSON.stringify({ query }) })).json();
      expect(await graphql('{viewer{id}}')).toMatchObject({ data: { viewer: {} } });
      expect(await graphql('{viewer{userGroups{users{id}}}}')).toMatchObject({
        errors: [{ message: 'The query is 4 levels deep; the limit is 3' }],
      });
      expect(await graphql('{invitations{id}}')).toMatchObject({
        errors: [{ extensions: { details: { limit: 'cost', max: 5, measured: 11 } } }],
      });
      const added = await fetch(`${url}/api/v1/datasets/limited/samples`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ samples: [{ filepath: '/a.jpg', a: 1, b: 2, c: 3 }] }),
      });
      expect(added.status).toBe(400);
      expect(((await added.json()) as { error: { message: string } }).error.message).toMatch(
        /^A dataset may have at most 2 schema fields/,
      );
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
