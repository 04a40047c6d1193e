// Over real sockets: a long view query does not hold up /health, and a client that hangs up cancels its query.
import { request as httpRequest } from 'node:http';
import { PATHS, fillPath } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil, syntheticSamples, testDialects } from '@teamset/core/testing';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { heavyView } from '../test-support/heavy-view.js';

const name = 'heavy';
const SAMPLES = 40_000;
/** Every label through a regex and every sample sorted by a computed key: about a second or more of SQL. */
const HEAVY_VIEW = heavyView('.*[a-z].*[rgtn]$');
const HEAVY_AGGREGATE = {
  view: HEAVY_VIEW,
  aggregations: [
    { type: 'count_values', path: 'ground_truth.detections.label' },
    { type: 'histogram_values', path: 'ground_truth.detections.confidence', bins: 10 },
  ],
};

describe.each(await testDialects())('long view queries over HTTP on %s', (dialect) => {
  let fx: AuthFixture;
  let base: string;
  const post = (path: string, body: unknown) =>
    fetch(`${base}${fillPath(path, { name })}`, {
      method: 'POST',
      headers: { ...keyHeaders(fx.users.ADMIN.key), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    fx = await createAuthFixture({ dialect, queryTimeoutMs: 120_000 });
    await fx.services.datasets.create(SYSTEM_ACTOR, { name });
    for (let offset = 0; offset < SAMPLES; offset += 10_000)
      await fx.services.samples.addSamples(SYSTEM_ACTOR, name, syntheticSamples(10_000, 5, offset));
    base = await fx.app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await fx?.close();
  });

  it('/health answers while a long aggregate runs, before it ends', async () => {
    const order: string[] = [];
    const heavy = post(PATHS.aggregate, HEAVY_AGGREGATE).then(async (response) => {
      order.push('aggregate');
      return response;
    });
    // Let the aggregate reach the database first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await fetch(`${base}${PATHS.health}`);
    order.push('health');
    expect(health.status).toBe(200);
    const answer = await heavy;
    expect(answer.status, await answer.clone().text()).toBe(200);
    const body = (await answer.json()) as { results: unknown[] };
    expect(body.results).toHaveLength(2);
    if (dialect === 'sqlite') expect(order).toEqual(['health', 'aggregate']);
  });

  it.runIf(dialect === 'sqlite')(
    'a client that hangs up cancels its query, and its reader thread is free again',
    async () => {
      const pool = fx.services.database.readerPool;
      if (!pool) throw new Error('a file database has readers');
      // A thread ready first: the measure is of this read, not of a thread's start.
      expect((await post(PATHS.samplesQuery, { limit: 1 })).status).toBe(200);
      const cancelled = pool.stats.cancelled;
      const started = pool.threadsStarted;
      // A connection of its own (no pool that might open a spare one), closed by the client mid-query.
      const body = JSON.stringify({ view: HEAVY_VIEW, limit: 10 });
      const request = httpRequest(`${base}${fillPath(PATHS.samplesQuery, { name })}`, {
        method: 'POST',
        agent: false,
        headers: { ...keyHeaders(fx.users.ADMIN.key), 'content-type': 'application/json' },
      });
      const failed = new Promise((resolve) => request.once('error', resolve));
      request.end(body);
      await new Promise((resolve) => setTimeout(resolve, 150));
      request.destroy();
      await failed;
      await pollUntil(async () => pool.stats.cancelled > cancelled, 5_000);
      expect(pool.stats.cancelled).toBe(cancelled + 1);
      // Stopped by its cancel flag, not by ending the thread.
      expect(pool.threadsStarted).toBe(started);
      expect(pool.stats.terminated).toBe(0);
      const health = await fetch(`${base}${PATHS.health}`);
      expect(health.status).toBe(200);
    },
  );
});
