// Bodies whose bytes are not UTF-8 are refused with a 400 (JSON, NDJSON on both of its paths, GraphQL), never stored as U+FFFD.
import { PATHS, fillPath, type SamplePage } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

/** A lone continuation byte: no UTF-8 decoder accepts it; Node's replaces it with U+FFFD. */
const BAD_BYTE = Buffer.from([0x80]);
const bytesWithBadByte = (before: string, after: string): Buffer => Buffer.concat([Buffer.from(before), BAD_BYTE, Buffer.from(after)]);

describe('bodies that are not UTF-8', () => {
  let fx: AuthFixture;
  let headers: Record<string, string>;
  const dataset = 'Utf8 checks';

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
    const page = await fx.inject({ method: 'POST', url: fillPath(PATHS.samplesQuery, { name: dataset }), headers, payload: { limit: 1000 } });
    return page.json<SamplePage>().samples.map((s) => s.filepath);
  };

  it('a JSON body is a 400 naming the encoding; valid multi-byte text still passes', async () => {
    const bad = await fx.inject({ method: 'POST', url: samplesUrl(), headers: { ...headers, 'content-type': 'application/json' }, payload: bytesWithBadByte('{"samples":[{"filepath":"/a', '.jpg"}]}') });
    expect(expectError(bad, 400, 'BAD_REQUEST').message).toBe('The request body is not valid UTF-8');
    const good = await fx.inject({ method: 'POST', url: samplesUrl(), headers: { ...headers, 'content-type': 'application/json' }, payload: Buffer.from('{"samples":[{"filepath":"/ünï 猫.jpg"}]}') });
    expect(good.statusCode).toBe(201);
    expect(await stored()).toEqual(['/ünï 猫.jpg']);
  });

  it('an NDJSON body is a 400 whether small (one run) or large (its tail encoded by the worker); nothing is stored', async () => {
    const ndjson = { ...headers, 'content-type': 'application/x-ndjson' };
    const small = await fx.inject({ method: 'POST', url: samplesUrl(), headers: ndjson, payload: bytesWithBadByte('{"filepath":"/small', '.jpg"}\n') });
    expect(expectError(small, 400, 'BAD_REQUEST').message).toBe('The body is not valid UTF-8');
    // Over 64 KiB, cut at 40 %: the bad byte sits in the last line, the worker's part.
    const lines = Array.from({ length: 2_000 }, (_, i) => JSON.stringify({ filepath: `/large/${i}.jpg`, note: 'x'.repeat(40) }));
    const large = await fx.inject({ method: 'POST', url: samplesUrl(), headers: ndjson, payload: Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), bytesWithBadByte('{"filepath":"/last', '.jpg"}\n')]) });
    expect(expectError(large, 400, 'BAD_REQUEST').message).toBe('The body is not valid UTF-8');
    expect(await stored()).toEqual(['/ünï 猫.jpg']);
  });

  it('a GraphQL body is a 400 too: there is no text to answer about', async () => {
    const response = await fx.inject({ method: 'POST', url: '/graphql/v1', headers: { ...headers, 'content-type': 'application/json' }, payload: bytesWithBadByte('{"query":"{viewer{name}}","variables":{"x":"', '"}}') });
    expect(expectError(response, 400, 'BAD_REQUEST').message).toBe('The request body is not valid UTF-8');
  });
});
