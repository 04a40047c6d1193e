// A client's regex cannot stall the server: the catastrophic-backtracking probe answers at once, /health meanwhile.
import { PATHS, fillPath } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@teamset/core/testing';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

const name = 'rx';
/** The probe's request: six `.*` before an `x` that never comes took 229 s against 100 `a`s with a backtracking engine. */
const PROBE = {
  view: {
    stages: [
      {
        stage: 'match',
        filter: {
          op: 'matches',
          args: [
            { op: 'field', path: 'filepath' },
            { op: 'lit', value: '.*.*.*.*.*.*x' },
          ],
        },
      },
    ],
  },
  limit: 10,
};

describe.each(await testDialects())('view regexes over HTTP on %s', (dialect) => {
  let fx: AuthFixture;
  let base: string;
  beforeAll(async () => {
    fx = await createAuthFixture({ dialect });
    await fx.services.datasets.create(SYSTEM_ACTOR, { name });
    await fx.services.samples.addSamples(SYSTEM_ACTOR, name, [
      { filepath: 'a'.repeat(100) },
      { filepath: `${'a'.repeat(99)}x` },
    ]);
    const url = fillPath(PATHS.datasetUserPermission, { name, user: fx.users.COLLABORATOR.email });
    const shared = await fx.inject({
      method: 'PUT',
      url,
      headers: keyHeaders(fx.users.ADMIN.key),
      payload: { permission: 'VIEW' },
    });
    expect(shared.statusCode).toBe(200);
    base = await fx.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('the probe answers within seconds (it took minutes), and /health answers alongside it', async () => {
    const started = Date.now();
    const query = fetch(`${base}${fillPath(PATHS.samplesQuery, { name })}`, {
      method: 'POST',
      headers: { ...keyHeaders(fx.users.COLLABORATOR.key), 'content-type': 'application/json' },
      body: JSON.stringify(PROBE),
    });
    const health = fetch(`${base}${PATHS.health}`);
    const [answer, healthy] = await Promise.all([query, health]);
    expect(healthy.status).toBe(200);
    expect(answer.status, await answer.clone().text()).toBe(200);
    const body = (await answer.json()) as { samples: Array<{ filepath: string }> };
    expect(body.samples.map((s) => s.filepath)).toEqual([`${'a'.repeat(99)}x`]);
    // A generous bound: the point is "does not hang", not speed.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a pattern whose meaning differs between the engines is a 400 naming it, before any query', async () => {
    const payload = {
      view: {
        stages: [
          {
            stage: 'match',
            filter: {
              op: 'matches',
              args: [
                { op: 'field', path: 'filepath' },
                { op: 'lit', value: '\\bx' },
              ],
            },
          },
        ],
      },
    };
    const response = await fx.inject({
      method: 'POST',
      url: fillPath(PATHS.samplesQuery, { name }),
      headers: keyHeaders(fx.users.COLLABORATOR.key),
      payload,
    });
    const error = expectError(response, 400, 'BAD_REQUEST');
    expect(error.details?.['problems']).toEqual([
      { path: 'stages[0].filter.args[1].value', message: expect.stringMatching(/word boundaries/) },
    ]);
  });
});
