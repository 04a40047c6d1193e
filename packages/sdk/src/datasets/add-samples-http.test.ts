// addSamples over HTTP really batches: few NDJSON requests to the samples route, each body about 1 MB at most, each batch all-or-nothing.
import { NDJSON_CONTENT_TYPE, PATHS, fillPath } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ApiConnection } from '../connection/api-connection.js';
import { BadRequestError } from '../errors.js';
import { syntheticSamples } from '../test-support/sample-fixture.js';
import { startTeamsetTestServer, type TeamsetTestServer } from '../test-support/teamset-test-server.js';
import { createDataset } from './dataset-functions.js';

let server: TeamsetTestServer;
let connection: ApiConnection;
let fetchSpy: MockInstance<typeof fetch>;

beforeAll(async () => {
  server = await startTeamsetTestServer();
  const member = await server.addUser('member@example.com', 'MEMBER');
  connection = new ApiConnection({ apiUri: server.url, apiKey: member.key, maxAttempts: 1 });
  // Watches (and passes through) every request the SDK makes; nothing is stubbed.
  fetchSpy = vi.spyOn(globalThis, 'fetch');
});

afterAll(async () => {
  fetchSpy?.mockRestore();
  await server?.close();
});

/** Bodies of the POSTs to the dataset's samples route since the spy was last cleared: NDJSON, as the content type says. */
function addRequests(dataset: string): string[] {
  const route = new URL(server.url + fillPath(PATHS.samples, { name: dataset })).pathname;
  const calls = fetchSpy.mock.calls.filter(
    ([input, init]) => new URL(String(input)).pathname === route && init?.method === 'POST',
  );
  for (const [, init] of calls)
    expect((init?.headers as Record<string, string>)['content-type']).toBe(NDJSON_CONTENT_TYPE);
  return calls.map(([, init]) => String(init?.body));
}

/** The samples of an NDJSON body, one per line. */
const samplesOf = (body: string): unknown[] => body.split('\n').map((line) => JSON.parse(line) as unknown);

describe('addSamples over the API connection', () => {
  it('sends 5k samples (~2 MB of JSON) in a few requests of at most ~1 MB, progress once per request', async () => {
    const dataset = await createDataset('batched', {}, connection);
    fetchSpy.mockClear();
    const progress: number[] = [];
    const ids = await dataset.addSamples(syntheticSamples(5_000), { progress: ({ added }) => progress.push(added) });
    const bodies = addRequests('batched');
    expect(ids).toHaveLength(5_000);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    expect(bodies.length).toBeLessThanOrEqual(10);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1_100_000);
    const perRequest = bodies.map((body) => samplesOf(body).length);
    expect(perRequest.reduce((a, b) => a + b, 0)).toBe(5_000);
    expect(progress).toHaveLength(bodies.length);
    expect(progress).toEqual(perRequest.map((_, i) => perRequest.slice(0, i + 1).reduce((a, b) => a + b, 0)));
    expect(await dataset.count()).toBe(5_000);
  });

  it('keeps earlier batches and none of the failed one when a sample in the middle of a stream is bad', async () => {
    const dataset = await createDataset('half bad', {}, connection);
    async function* withBadSample() {
      let i = 0;
      for await (const sample of syntheticSamples(6_000)) {
        // Well inside the second ~1 MB batch.
        yield i++ === 3_000 ? { ...sample, uniqueness: 'not a number' } : sample;
      }
    }
    fetchSpy.mockClear();
    let added = 0;
    const error = await dataset
      .addSamples(withBadSample(), { returnIds: false, progress: (p) => (added = p.added) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain('uniqueness');
    const bodies = addRequests('half bad');
    const firstBatch = samplesOf(bodies[0] as string).length;
    expect(firstBatch).toBeLessThan(3_000);
    expect(added).toBeGreaterThan(0);
    // Whatever batches went through stay, whole; the one holding the bad sample left nothing behind.
    expect(await dataset.count()).toBe(added);
    expect(added).toBeLessThanOrEqual(3_000);
    // The stream stopped at the failure instead of sending the rest.
    expect(bodies.length).toBeLessThan(6);
  });
});
