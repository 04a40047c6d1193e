// The per-dataset schema field limit on SQLite and PostgreSQL: every write that can add fields is refused past it, all or nothing.
import { BUILTIN_SAMPLE_FIELDS, type SampleInput } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, expectAppError, seedTeam } from '../test-support/identity-fixtures.js';
import {
  createSampleTestContext,
  detection,
  detections,
  type SampleTestContext,
} from '../test-support/sample-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { DEFAULT_MAX_SCHEMA_FIELDS } from './field-store.js';
import { PARALLEL_MIN_BYTES } from '../samples/sample-additions.js';
import { SampleService } from '../samples/sample-service.js';

const LIMIT = 10;

/** A sample with custom fields f{from}…f{from + count - 1}. */
function withFields(from: number, count: number, filepath = `/f${from}.jpg`): SampleInput {
  const sample: Record<string, unknown> = { filepath };
  for (let i = from; i < from + count; i++) sample[`f${i}`] = i;
  return sample as SampleInput;
}

describe.each(await testDialects())('schema field limit on %s', (dialect) => {
  let t: SampleTestContext;
  let limited: SampleService;

  beforeAll(async () => {
    t = await createSampleTestContext(dialect);
    limited = new SampleService(t.services.database, t.services.datasets, t.services.viewQueries, {
      maxSchemaFields: LIMIT,
    });
  });
  afterAll(async () => {
    await limited?.close();
    await t?.close();
  });

  const member = () => t.team.as.member;
  /** The custom entries of the dataset's schema (the limit counts only these). */
  const schemaOf = async (name: string) =>
    (await limited.getFieldSchema(member(), name))
      .map((f) => f.path)
      .filter((path) => !((path.split('.')[0] as string) in BUILTIN_SAMPLE_FIELDS))
      .sort();
  const countOf = async (name: string) => (await limited.querySamples(member(), name, { limit: 1000 })).samples.length;
  const refused = (count: number) =>
    new RegExp(
      `^A dataset may have at most ${LIMIT} schema fields \\(field paths, nested ones included\\); this write would give it at least ${count}$`,
    );

  it('the default is 1,000 fields; createServices takes maxSchemaFields', async () => {
    expect(DEFAULT_MAX_SCHEMA_FIELDS).toBe(1_000);
    const configured = await createTestServices(dialect, { background: false, maxSchemaFields: 2 });
    try {
      const team = await seedTeam(configured.services, 'limitconfig');
      const { name } = await configured.services.datasets.create(team.as.member, { name: 'limit config' });
      await expectAppError(
        configured.services.samples.addSamples(team.as.member, name, [withFields(0, 3)]),
        'BAD_REQUEST',
      );
    } finally {
      await configured.close();
    }
  });

  it('a batch that would pass the limit is refused whole, naming the limit and the count; up to it is fine', async () => {
    const name = await t.newDataset('limit batch');
    await limited.addSamples(member(), name, [withFields(0, 4)]);
    const before = await schemaOf(name);
    const error = await expectAppError(
      limited.addSamples(member(), name, [withFields(100, 3), withFields(200, 5)]),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(refused(12));
    expect(error.details).toMatchObject({ maxSchemaFields: LIMIT, fields: 12 });
    expect(await schemaOf(name)).toEqual(before);
    expect(await countOf(name)).toBe(1);
    // Exactly at the limit, and more samples with the same fields.
    await limited.addSamples(member(), name, [withFields(0, 4), withFields(4, 6)]);
    expect(await schemaOf(name)).toHaveLength(LIMIT);
  });

  it('nested paths count: the attributes of a label field are entries of their own', async () => {
    const name = await t.newDataset('limit nested');
    const attributes = Object.fromEntries(Array.from({ length: LIMIT }, (_, i) => [`attr${i}`, i]));
    const error = await expectAppError(
      limited.addSamples(member(), name, [
        { filepath: '/n.jpg', ground_truth: detections(detection('cat', attributes)) } as SampleInput,
      ]),
      'BAD_REQUEST',
    );
    expect(error.details?.['fields']).toBeGreaterThan(LIMIT);
    expect(await countOf(name)).toBe(0);
    expect(await schemaOf(name)).toEqual([]);
  });

  it('an NDJSON batch large enough to be encoded in two parts is refused whole', async () => {
    const name = await t.newDataset('limit ndjson');
    const lines = Array.from({ length: 600 }, (_, i) =>
      JSON.stringify({ ...withFields(i % 8, 1, `/nd${i}.jpg`), pad: 'x'.repeat(200) }),
    );
    // The last line alone adds the fields that pass the limit, in the worker's part.
    lines.push(JSON.stringify(withFields(50, 5, '/last.jpg')));
    const body = Buffer.from(lines.join('\n'));
    expect(body.length).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const error = await expectAppError(limited.addSamplesNdjson(member(), name, body), 'BAD_REQUEST');
    expect(error.message).toMatch(/at most 10 schema fields/);
    expect(await countOf(name)).toBe(0);
    expect(await schemaOf(name)).toEqual([]);
  });

  it('edits, set values and add field are refused past the limit too', async () => {
    const name = await t.newDataset('limit edits');
    const { ids } = await limited.addSamples(member(), name, [withFields(0, LIMIT)]);
    const id = ids[0] as string;
    expect(
      (await expectAppError(limited.patchSample(member(), name, id, { set: { extra1: 1 } }), 'BAD_REQUEST')).message,
    ).toMatch(refused(LIMIT + 1));
    expect(
      (
        await expectAppError(
          limited.setValues(member(), name, { path: 'extra2', valuesById: { [id]: 'x' } }),
          'BAD_REQUEST',
        )
      ).message,
    ).toMatch(refused(LIMIT + 1));
    expect((await expectAppError(limited.addField(member(), name, 'extra3', 'string'), 'BAD_REQUEST')).message).toMatch(
      refused(LIMIT + 1),
    );
    expect(await schemaOf(name)).toHaveLength(LIMIT);
    // Writes that add no field still work at the limit.
    await limited.patchSample(member(), name, id, { set: { f0: 42 } });
  });

  it('a clone into a server with a lower limit is refused, and no dataset is left behind', async () => {
    const name = await t.newDataset('limit clone source');
    await t.services.samples.addSamples(member(), name, [withFields(0, LIMIT + 2)]);
    const error = await expectAppError(limited.clone(member(), name, { name: `${name} copy` }), 'BAD_REQUEST');
    expect(error.message).toMatch(refused(LIMIT + 2));
    await expectAppError(t.services.datasets.get(member(), `${name} copy`), 'NOT_FOUND');
  });
});
