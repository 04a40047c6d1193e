// View reads over HTTP past their time budget: the core's QUERY_TIMEOUT reaches the client as 422 in the error shape.
import { PATHS, fillPath } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@teamset/core/testing';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';
import { heavyView } from '../test-support/heavy-view.js';

const SAMPLES = 10_000;
/** A regex over every label and a sort by an expression: far more than 1 ms of work on either database. */
const HEAVY = heavyView('l.*[0-6]$');

describe.each(await testDialects())('view reads past their budget on %s', (dialect) => {
  let fx: AuthFixture;
  const name = 'budget';
  beforeAll(async () => {
    fx = await createAuthFixture({ dialect, queryTimeoutMs: 1 });
    await fx.services.datasets.create(SYSTEM_ACTOR, { name });
    const detections = (i: number) =>
      Array.from({ length: 5 }, (_, j) => ({
        _cls: 'Detection',
        label: `label${(i + j) % 10}`,
        bounding_box: [0.1, 0.1, 0.2, 0.2],
      }));
    const samples = Array.from({ length: SAMPLES }, (_, i) => ({
      filepath: `/budget/${i}.jpg`,
      // Tagged, so counting tags must evaluate the view (with no tag at all the index answers at once).
      tags: [`tag${i % 3}`],
      uniqueness: (i % 100) / 100,
      ground_truth: { _cls: 'Detections', detections: detections(i) },
    }));
    await fx.services.samples.addSamples(SYSTEM_ACTOR, name, samples);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it.each([
    [PATHS.samplesQuery, { view: HEAVY, limit: 10 }],
    [PATHS.values, { view: HEAVY, path: 'uniqueness' }],
    [PATHS.aggregate, { view: HEAVY, aggregations: [{ type: 'count' }] }],
    [PATHS.countTags, { view: HEAVY }],
  ])('%s → 422 QUERY_TIMEOUT naming the budget', async (path, payload) => {
    const response = await fx.inject({
      method: 'POST',
      url: fillPath(path, { name }),
      headers: keyHeaders(fx.users.MEMBER.key),
      payload,
    });
    // The member cannot see the dataset: the permission check comes before any query.
    expectError(response, 404, 'NOT_FOUND');
    const admin = await fx.inject({
      method: 'POST',
      url: fillPath(path, { name }),
      headers: keyHeaders(fx.users.ADMIN.key),
      payload,
    });
    const error = expectError(admin, 422, 'QUERY_TIMEOUT');
    expect(error.message).toMatch(/budget/);
    expect(error.details).toEqual({ budgetMs: 1 });
  });
});
