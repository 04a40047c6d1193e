// Bodies nested 100,000 levels deep: every route answers a 400 naming the problem, never a 500 from a recursive check.
import { PATHS, fillPath } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

const LEVELS = 100_000;
const deepList = `${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}`;
const deepObject = `${'{"a":'.repeat(LEVELS)}1${'}'.repeat(LEVELS)}`;

describe('deeply nested JSON bodies', () => {
  let fx: AuthFixture;
  let headers: Record<string, string>;
  const dataset = 'Deep bodies';

  beforeAll(async () => {
    fx = await createAuthFixture();
    headers = { ...keyHeaders(fx.users.MEMBER.key), 'content-type': 'application/json' };
    expect((await fx.inject({ method: 'POST', url: PATHS.datasets, headers, payload: JSON.stringify({ name: dataset }) })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it.each([
    ['a sample field of nested lists', PATHS.samples, `{"samples":[{"filepath":"/a.jpg","x":${deepList}}]}`, /nested more than 64 levels deep/],
    ['a sample field of nested objects', PATHS.samples, `{"samples":[{"filepath":"/a.jpg","x":${deepObject}}]}`, /nested more than 64 levels deep/],
    // A NUL escape anywhere makes the validator walk every string of the body.
    ['nested lists next to a NUL', PATHS.samples, `{"samples":[{"filepath":"/a.jpg","x":${deepList},"y":"\\u0000"}]}`, /must not contain NUL characters|nested more than 64 levels deep/],
    ['a view expression', PATHS.samplesQuery, `{"view":{"stages":[{"stage":"match","filter":${'{"op":"not","args":['.repeat(30_000)}true${']}'.repeat(30_000)}}]}}`, /^Invalid view/],
  ])('%s is a 400', async (_label, path, payload, message) => {
    const response = await fx.inject({ method: 'POST', url: fillPath(path, { name: dataset }), headers, payload });
    expect(expectError(response, 400, 'BAD_REQUEST').message).toMatch(message);
  });
});
