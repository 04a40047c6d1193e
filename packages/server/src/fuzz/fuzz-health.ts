// After each fuzzed route: the server still answers /health and a known-good request on data no generated request names.
import { API_KEY_HEADER } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { expect } from 'vitest';
import type { AuthFixture } from '../test-support/auth-fixture.js';
import { SEED_SAMPLES } from '../test-support/matrix-seed.js';
import { injectWithin } from './response-checks.js';

/** The dataset the known-good request reads; no generated request names it. */
const ANCHOR_DATASET = 'fuzz anchor';

/** The server still serves: /health, the caller's identity, and a view query on a dataset no request touched. */
export async function expectHealthy(fx: AuthFixture, after: string): Promise<void> {
  const admin = { [API_KEY_HEADER]: fx.users.ADMIN.key };
  const health = await injectWithin(fx.app, { method: 'GET', url: '/health' });
  expect(health.statusCode, `/health after ${after}: ${health.body}`).toBe(200);
  const whoami = await injectWithin(fx.app, { method: 'GET', url: '/api/v1/whoami', headers: admin });
  expect(whoami.statusCode, `whoami after ${after}: ${whoami.body}`).toBe(200);
  const query = await injectWithin(fx.app, {
    method: 'POST',
    url: `/api/v1/datasets/${encodeURIComponent(ANCHOR_DATASET)}/samples/query`,
    headers: { ...admin, 'content-type': 'application/json' },
    payload: '{}',
  });
  expect(query.statusCode, `known-good query after ${after}: ${query.body}`).toBe(200);
}

export async function seedAnchor(fx: AuthFixture): Promise<void> {
  await fx.services.datasets.create(SYSTEM_ACTOR, { name: ANCHOR_DATASET });
  await fx.services.samples.addSamples(
    SYSTEM_ACTOR,
    ANCHOR_DATASET,
    SEED_SAMPLES.map((s) => ({ ...s, tags: [...s.tags] })),
  );
}
