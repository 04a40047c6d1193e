// Hostile request bodies: bytes that are not UTF-8 (JSON, NDJSON on both of its paths, GraphQL) and JSON nested tens of thousands deep are 400s.
import { PATHS, fillPath, type SamplePage } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

/** A lone continuation byte: no UTF-8 decoder accepts it; Node's replaces it with U+FFFD. */
const BAD_BYTE = Buffer.from([0x80]);
const bytesWithBadByte = (before: string, after: string): Buffer =>
  Buffer.concat([Buffer.from(before), BAD_BYTE, Buffer.from(after)]);

const LEVELS = 100_000;
const deepList = `${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}`;
const deepObject = `${'{"a":'.repeat(LEVELS)}1${'}'.repeat(LEVELS)}`;

describe('hostile bodies', () => {
  let fx: AuthFixture;
  let headers: Record<string, string>;
  const dataset = 'Hostile bodies';

  beforeAll(async () => {
    fx = await createAuthFixture();
    headers = keyHeaders(fx.users.MEMBER.key);
    const created = await fx.inject({ method: 'POST', url: PATHS.datasets, headers, payload: { name: dataset } });
    expect(created.statusCode).toBe(201);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const samplesUrl = () => fillPath(PATHS.samples, { name: dataset });
  const stored = async (): Promise<string[]> => {
    const page = await fx.inject({
      method: 'POST',
      url: fillPath(PATHS.samplesQuery, { name: dataset }),
      headers,
      payload: { limit: 1000 },
    });
    return page.json<SamplePage>().samples.map((s) => s.filepath);
  };

  it('a JSON body is a 400 naming the encoding; valid multi-byte text still passes', async () => {
    const bad = await fx.inject({
      method: 'POST',
      url: samplesUrl(),
      headers: { ...headers, 'content-type': 'application/json' },
      payload: bytesWithBadByte('{"samples":[{"filepath":"/a', '.jpg"}]}'),
    });
    expect(expectError(bad, 400, 'BAD_REQUEST').message).toBe('The request body is not valid UTF-8');
    const good = await fx.inject({
      method: 'POST',
      url: samplesUrl(),
      headers: { ...headers, 'content-type': 'application/json' },
      payload: Buffer.from('{"samples":[{"filepath":"/ünï 猫.jpg"}]}'),
    });
    expect(good.statusCode).toBe(201);
    expect(await stored()).toEqual(['/ünï 猫.jpg']);
  });

  it('an NDJSON body is a 400 whether small (one run) or large (its tail encoded by the worker); nothing is stored', async () => {
    const ndjson = { ...headers, 'content-type': 'application/x-ndjson' };
    const small = await fx.inject({
      method: 'POST',
      url: samplesUrl(),
      headers: ndjson,
      payload: bytesWithBadByte('{"filepath":"/small', '.jpg"}\n'),
    });
    expect(expectError(small, 400, 'BAD_REQUEST').message).toBe('The body is not valid UTF-8');
    // Over 64 KiB, cut at 40 %: the bad byte sits in the last line, the worker's part.
    const lines = Array.from({ length: 2_000 }, (_, i) =>
      JSON.stringify({ filepath: `/large/${i}.jpg`, note: 'x'.repeat(40) }),
    );
    const large = await fx.inject({
      method: 'POST',
      url: samplesUrl(),
      headers: ndjson,
      payload: Buffer.concat([
        Buffer.from(`${lines.join('\n')}\n`),
        bytesWithBadByte('{"filepath":"/last', '.jpg"}\n'),
      ]),
    });
    expect(expectError(large, 400, 'BAD_REQUEST').message).toBe('The body is not valid UTF-8');
    expect(await stored()).toEqual(['/ünï 猫.jpg']);
  });

  it('a GraphQL body is a 400 too: there is no text to answer about', async () => {
    const response = await fx.inject({
      method: 'POST',
      url: '/graphql/v1',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: bytesWithBadByte('{"query":"{viewer{name}}","variables":{"x":"', '"}}'),
    });
    expect(expectError(response, 400, 'BAD_REQUEST').message).toBe('The request body is not valid UTF-8');
  });

  it.each([
    [
      'a sample field of nested lists',
      PATHS.samples,
      `{"samples":[{"filepath":"/a.jpg","x":${deepList}}]}`,
      /nested more than 64 levels deep/,
    ],
    [
      'a sample field of nested objects',
      PATHS.samples,
      `{"samples":[{"filepath":"/a.jpg","x":${deepObject}}]}`,
      /nested more than 64 levels deep/,
    ],
    // A NUL escape anywhere makes the validator walk every string of the body.
    [
      'nested lists next to a NUL',
      PATHS.samples,
      `{"samples":[{"filepath":"/a.jpg","x":${deepList},"y":"\\u0000"}]}`,
      /must not contain NUL characters|nested more than 64 levels deep/,
    ],
    [
      'a view expression',
      PATHS.samplesQuery,
      `{"view":{"stages":[{"stage":"match","filter":${'{"op":"not","args":['.repeat(30_000)}true${']}'.repeat(30_000)}}]}}`,
      /^Invalid view/,
    ],
  ])('JSON nested tens of thousands deep: %s is a 400', async (_label, path, payload, message) => {
    const response = await fx.inject({
      method: 'POST',
      url: fillPath(path, { name: dataset }),
      headers: { ...headers, 'content-type': 'application/json' },
      payload,
    });
    expect(expectError(response, 400, 'BAD_REQUEST').message).toMatch(message);
  });
});
