// NDJSON batches on SQLite and PostgreSQL: a large one is encoded in two parts at once, with exactly the outcome of one run.
import { MAX_SAMPLES_PER_BATCH, type SampleInput } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../test-support/identity-fixtures.js';
import {
  createSampleTestContext,
  detection,
  detections,
  syntheticSamples,
  type SampleTestContext,
} from '../test-support/sample-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { EncodeWorkerClient } from './encode-worker-client.js';
import { PARALLEL_MIN_BYTES, SampleAdditions } from '../samples/sample-additions.js';
import { SampleContext } from '../samples/sample-context.js';

/** The body as the server hands it over: UTF-8 bytes (text bodies are never cut in two). */
const ndjson = (samples: readonly unknown[]): Buffer => Buffer.from(samples.map((s) => JSON.stringify(s)).join('\n'));
/** Enough samples (~2 KB each) that the body is far over PARALLEL_MIN_BYTES. */
const LARGE = 300;

/** A stored sample without what differs between two runs of the same input: ids (sample and label) and timestamps. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'id' && key !== 'created_at' && key !== 'last_modified_at')
      .map(([key, v]) => [key, comparable(v)]),
  );
}

describe.each(await testDialects())('NDJSON sample batches on %s', (dialect) => {
  let t: SampleTestContext;
  let worker: EncodeWorkerClient;
  let additions: SampleAdditions;

  beforeAll(async () => {
    t = await createSampleTestContext(dialect);
    worker = new EncodeWorkerClient();
    additions = new SampleAdditions(
      new SampleContext(t.services.database, t.services.datasets, t.services.viewQueries),
      worker,
    );
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const member = () => t.team.as.member;
  const stored = async (name: string) =>
    (await t.services.samples.querySamples(member(), name, { limit: 1000 })).samples;
  const schema = async (name: string) =>
    (await t.services.samples.getFieldSchema(member(), name)).map((f) => `${f.path}:${f.type}`).sort();

  /** Adds `samples` as NDJSON and, to compare, as a JSON list to another dataset; returns both datasets' names. */
  async function addBothWays(
    label: string,
    samples: readonly SampleInput[],
  ): Promise<{ viaNdjson: string; viaJson: string; ids: string[] }> {
    const viaNdjson = await t.newDataset(`${label} ndjson`);
    const viaJson = await t.newDataset(`${label} json`);
    const { ids } = await additions.addNdjson(member(), viaNdjson, ndjson(samples));
    await t.services.samples.addSamples(member(), viaJson, [...samples]);
    return { viaNdjson, viaJson, ids };
  }

  it('a large batch is encoded in two parts and stored exactly as the same batch sent as JSON', async () => {
    const samples = syntheticSamples(LARGE, 6);
    expect(ndjson(samples).length).toBeGreaterThan(2 * PARALLEL_MIN_BYTES);
    const before = worker.jobsAnswered;
    const { viaNdjson, viaJson, ids } = await addBothWays('large', samples);
    expect(worker.jobsAnswered).toBe(before + 1);
    expect(ids).toHaveLength(LARGE);
    expect(new Set(ids).size).toBe(LARGE);
    const got = await stored(viaNdjson);
    expect(got.map((s) => s.id)).toEqual(ids);
    expect(comparable(got)).toEqual(comparable(await stored(viaJson)));
    expect(await schema(viaNdjson)).toEqual(await schema(viaJson));
    // Every label got its own id, in both parts.
    const labelIds = got.flatMap((s) =>
      (s.ground_truth as { detections: Array<{ id: string }> }).detections.map((d) => d.id),
    );
    expect(new Set(labelIds).size).toBe(LARGE * 6);
  });

  it('types reached in different parts join as in one run: an untyped list widens, a null of a field typed earlier is kept', async () => {
    const samples: SampleInput[] = syntheticSamples(LARGE, 4).map((s, i) => ({
      ...s,
      flags: i < LARGE / 2 ? [] : ['checked'],
      note: i < LARGE / 2 ? 'first half' : null,
    }));
    const before = worker.jobsAnswered;
    const { viaNdjson, viaJson } = await addBothWays('join', samples);
    expect(worker.jobsAnswered).toBe(before + 1);
    expect(await schema(viaNdjson)).toContain('flags:list<string>');
    expect(await schema(viaNdjson)).toEqual(await schema(viaJson));
    const got = await stored(viaNdjson);
    expect(got[LARGE - 1]).toHaveProperty('note', null);
    expect(comparable(got)).toEqual(comparable(await stored(viaJson)));
  });

  it('a clash between the parts fails the whole batch with the error of one run, naming the sample', async () => {
    const samples: SampleInput[] = syntheticSamples(LARGE, 4).map((s, i) => ({
      ...s,
      score: i < LARGE - 10 ? 0.5 : 'high',
    }));
    const name = await t.newDataset('clash');
    const error = await expectAppError(
      additions.addNdjson(member(), name, ndjson(samples)),
      'BAD_REQUEST',
      'Field "score" is float; got string',
    );
    expect(error.details).toMatchObject({ field: 'score', index: LARGE - 10 });
    expect(await stored(name)).toEqual([]);
    expect(await schema(name)).not.toContain('score:float');
  });

  it('an id given in both parts is a 409 naming the later sample; nothing is stored', async () => {
    const id = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    const samples: SampleInput[] = syntheticSamples(LARGE, 4).map((s, i) =>
      i === 1 || i === LARGE - 2 ? { ...s, id } : s,
    );
    const name = await t.newDataset('dup');
    const error = await expectAppError(
      additions.addNdjson(member(), name, ndjson(samples)),
      'CONFLICT',
      /appears more than once in the batch/,
    );
    expect(error.details).toMatchObject({ id, index: LARGE - 2 });
    expect(await stored(name)).toEqual([]);
  });

  it('bad JSON names its line, counted over the whole body, blank lines included', async () => {
    const lines = syntheticSamples(LARGE, 4).map((s) => JSON.stringify(s));
    lines.splice(10, 0, '');
    lines.splice(LARGE - 5, 0, '{"filepath": "/broken.jpg",');
    const name = await t.newDataset('bad json');
    const error = await expectAppError(
      additions.addNdjson(member(), name, Buffer.from(lines.join('\n'))),
      'BAD_REQUEST',
      new RegExp(`^Line ${LARGE - 4} of the body is not valid JSON`),
    );
    expect(error.details).toMatchObject({ line: LARGE - 4 });
    expect(await stored(name)).toEqual([]);
  });

  it('a bad sample in the tail is reported as in one run', async () => {
    const samples: SampleInput[] = syntheticSamples(LARGE, 4);
    (samples[LARGE - 3] as SampleInput).ground_truth = detections(detection('cat', { bounding_box: [0.1, 0.2] }));
    const name = await t.newDataset('bad sample');
    const error = await expectAppError(
      additions.addNdjson(member(), name, ndjson(samples)),
      'BAD_REQUEST',
      /bounding_box" must be 4 finite numbers/,
    );
    expect(error.details).toMatchObject({ index: LARGE - 3 });
    expect(await stored(name)).toEqual([]);
  });

  it('small bodies stay on this thread; CRLF line ends and a final newline are fine', async () => {
    const before = worker.jobsAnswered;
    const name = await t.newDataset('small');
    const { ids } = await additions.addNdjson(
      member(),
      name,
      `${JSON.stringify({ filepath: '/a.jpg' })}\r\n${JSON.stringify({ filepath: '/b.jpg', tags: ['x'] })}\r\n`,
    );
    expect(ids).toHaveLength(2);
    expect(worker.jobsAnswered).toBe(before);
    expect((await stored(name)).map((s) => [s.filepath, s.tags])).toEqual([
      ['/a.jpg', []],
      ['/b.jpg', ['x']],
    ]);
  });

  it('an id the dataset already has, given in the tail, is a 409 naming it; the batch leaves nothing', async () => {
    const name = await t.newDataset('taken');
    const [taken] = (await additions.addNdjson(member(), name, '{"filepath":"/first.jpg"}')).ids as [string];
    const samples: SampleInput[] = syntheticSamples(LARGE, 4).map((s, i) =>
      i === LARGE - 1 ? { ...s, id: taken } : s,
    );
    const before = worker.jobsAnswered;
    const error = await expectAppError(
      additions.addNdjson(member(), name, ndjson(samples)),
      'CONFLICT',
      `A sample with id "${taken}" already exists in this dataset`,
    );
    expect(worker.jobsAnswered).toBe(before + 1);
    expect(error.details).toMatchObject({ id: taken });
    expect((await stored(name)).map((s) => s.id)).toEqual([taken]);
  });

  it('an empty body or one over the batch limit is a 400; EDIT is checked first', async () => {
    const name = await t.newDataset('limits');
    await expectAppError(additions.addNdjson(member(), name, '\n\n'), 'BAD_REQUEST', /holds no samples/);
    const tooMany = Array.from({ length: MAX_SAMPLES_PER_BATCH + 1 }, (_, i) => `{"filepath":"/${i}.jpg"}`).join('\n');
    await expectAppError(
      additions.addNdjson(member(), name, tooMany),
      'BAD_REQUEST',
      /at most 10000 samples; got 10001/,
    );
    expect(await stored(name)).toEqual([]);
    const mine = await t.newDataset('private', t.team.as.admin);
    await expectAppError(additions.addNdjson(t.team.as.guest, mine, '{"filepath":"/x.jpg"}'), 'NOT_FOUND');
  });

  it('two large batches at once: the second does without the busy worker', async () => {
    const [a, b] = [await t.newDataset('at once a'), await t.newDataset('at once b')];
    const results = await Promise.all([
      additions.addNdjson(member(), a, ndjson(syntheticSamples(LARGE, 4))),
      additions.addNdjson(member(), b, ndjson(syntheticSamples(LARGE, 4, LARGE))),
    ]);
    expect(results.map((r) => r.ids.length)).toEqual([LARGE, LARGE]);
    expect((await stored(b)).map((s) => s.filepath)).toEqual(syntheticSamples(LARGE, 4, LARGE).map((s) => s.filepath));
  });
});
