// Sample writes on SQLite and PostgreSQL: all-or-nothing batches, typing and clashes, label ids, duplicate ids, get, patch, delete by id.
import type { FieldInfo, Sample, SampleInput } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import { expectAppError } from '../test-support/identity-fixtures.js';
import {
  createSampleTestContext,
  detection,
  detections,
  type SampleTestContext,
} from '../test-support/sample-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

const HEX24 = /^[0-9a-f]{24}$/;

describe.each(await testDialects())('sample writes on %s', (dialect) => {
  let t: SampleTestContext;
  let services: Services;

  beforeAll(async () => {
    t = await createSampleTestContext(dialect);
    services = t.services;
  });
  afterAll(async () => {
    await t?.close();
  });

  const customFields = async (name: string): Promise<FieldInfo[]> =>
    (await services.samples.getFieldSchema(SYSTEM_ACTOR, name)).filter((f) => !f.builtin);
  const countOf = async (name: string): Promise<number> => {
    const dataset = await services.datasets.get(SYSTEM_ACTOR, name);
    const row = await services.database.db
      .selectFrom('samples')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('dataset_id', '=', dataset.id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  describe('addSamples and getSample', () => {
    it('returns ids in input order and reads back a flat sample: built-ins, then custom fields', async () => {
      const name = await t.newDataset('add');
      const before = await services.datasets.get(SYSTEM_ACTOR, name);
      const { ids } = await services.samples.addSamples(t.team.as.member, name, [
        {
          filepath: '/a.jpg',
          tags: ['train', 'train'],
          metadata: { width: 640, height: 480 },
          uniqueness: 0.25,
          note: 'first',
          flags: ['x'],
        },
        { filepath: '/b.jpg' },
      ]);
      expect(ids).toHaveLength(2);
      for (const id of ids) expect(id).toMatch(HEX24);
      const first = await services.samples.getSample(t.team.as.member, name, ids[0] as string);
      expect(first).toEqual({
        id: ids[0],
        filepath: '/a.jpg',
        tags: ['train'],
        metadata: { width: 640, height: 480 },
        created_at: expect.any(String),
        last_modified_at: expect.any(String),
        uniqueness: 0.25,
        note: 'first',
        flags: ['x'],
      });
      expect(Object.keys(first).slice(0, 6)).toEqual([
        'id',
        'filepath',
        'tags',
        'metadata',
        'created_at',
        'last_modified_at',
      ]);
      expect(first.created_at).toBe(first.last_modified_at);
      expect(Date.parse(first.created_at)).toBeGreaterThanOrEqual(Date.parse(before.lastModifiedAt));
      expect(await services.samples.getSample(t.team.as.member, name, ids[1] as string)).toMatchObject({
        filepath: '/b.jpg',
        tags: [],
        metadata: null,
      });
      expect(await customFields(name)).toEqual([
        { path: 'flags', type: 'list<string>', builtin: false },
        { path: 'note', type: 'string', builtin: false },
        { path: 'uniqueness', type: 'float', builtin: false },
      ]);
      const after = await services.datasets.get(SYSTEM_ACTOR, name);
      expect(Date.parse(after.lastModifiedAt)).toBeGreaterThan(Date.parse(before.lastModifiedAt) - 1);
      expect(after.lastModifiedAt).toBe(first.created_at);
    });

    it('keeps insertion order in the dataset and an empty batch changes nothing', async () => {
      const name = await t.newDataset('order');
      const { ids } = await services.samples.addSamples(
        SYSTEM_ACTOR,
        name,
        Array.from({ length: 30 }, (_, i) => ({ filepath: `/${i}.jpg`, rank: i })),
      );
      expect(await services.samples.addSamples(SYSTEM_ACTOR, name, [])).toEqual({ ids: [] });
      const dataset = await services.datasets.get(SYSTEM_ACTOR, name);
      const rows = await services.database.db
        .selectFrom('samples')
        .select(['id', 'filepath'])
        .where('dataset_id', '=', dataset.id)
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => r.id)).toEqual(ids);
      expect(rows.map((r) => r.filepath)).toEqual(ids.map((_, i) => `/${i}.jpg`));
    });

    it('assigns an id to every label without one and keeps the ids given', async () => {
      const name = await t.newDataset('labels');
      const given = 'aaaaaaaaaaaaaaaaaaaaaaa1';
      const { ids } = await services.samples.addSamples(SYSTEM_ACTOR, name, [
        {
          filepath: '/a.jpg',
          ground_truth: detections(detection('cat'), detection('dog', { id: given, iscrowd: 1 })),
          weather: { _cls: 'Classification', label: 'sunny' },
        },
      ]);
      const sample = await services.samples.getSample(SYSTEM_ACTOR, name, ids[0] as string);
      const gt = sample.ground_truth as { _cls: string; detections: Array<Record<string, unknown>> };
      expect(gt._cls).toBe('Detections');
      expect(gt.detections[0]).toEqual({ ...detection('cat'), id: expect.stringMatching(HEX24), tags: [] });
      expect(gt.detections[1]).toEqual({ ...detection('dog'), id: given, iscrowd: 1, tags: [] });
      expect((sample.weather as { id: string }).id).toMatch(HEX24);
      expect(await customFields(name)).toEqual([
        { path: 'ground_truth', type: 'Detections', builtin: false },
        { path: 'ground_truth.detections.iscrowd', type: 'float', builtin: false },
        { path: 'weather', type: 'Classification', builtin: false },
      ]);
      // Ids stay the same on every read.
      expect(await services.samples.getSample(SYSTEM_ACTOR, name, ids[0] as string)).toEqual(sample);
    });

    it('is all-or-nothing: one bad sample leaves samples and schema unchanged, and the error says which sample', async () => {
      const name = await t.newDataset('atomic');
      await services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/ok.jpg', uniqueness: 0.5 }]);
      const schemaBefore = await customFields(name);
      const error = await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [
          { filepath: '/1.jpg', uniqueness: 0.1, brand_new: 'x', gt: detections(detection('cat')) },
          { filepath: '/2.jpg', gt: detections(detection('cat', { bounding_box: [1, 2] })) },
          { filepath: '/3.jpg' },
        ]),
        'BAD_REQUEST',
      );
      expect(error.details).toMatchObject({ field: 'gt.detections.bounding_box', index: 1 });
      expect(await countOf(name)).toBe(1);
      expect(await customFields(name)).toEqual(schemaBefore);
    });

    it('rolls back a large batch whose bad sample comes after the first samples were written', async () => {
      const name = await t.newDataset('atomic large');
      const batch: SampleInput[] = Array.from({ length: 2_500 }, (_, i) => ({
        filepath: `/${i}.jpg`,
        fresh: i,
        items: i < 2_000 ? [] : ['a'],
      }));
      batch[2_400] = { filepath: '/bad.jpg', fresh: 'not a number', items: [] };
      const error = await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, batch),
        'BAD_REQUEST',
        'Field "fresh" is float; got string',
      );
      expect(error.details).toMatchObject({ index: 2_400 });
      expect(await countOf(name)).toBe(0);
      expect(await customFields(name)).toEqual([]);
      batch[2_400] = { filepath: '/fixed.jpg', fresh: 1, items: [] };
      const { ids } = await services.samples.addSamples(SYSTEM_ACTOR, name, batch);
      expect(ids).toHaveLength(2_500);
      expect(await countOf(name)).toBe(2_500);
      expect(await customFields(name)).toEqual([
        { path: 'fresh', type: 'float', builtin: false },
        { path: 'items', type: 'list<string>', builtin: false },
      ]);
    });

    it('reports a type clash naming the field and both types, across batches and within one, changing nothing', async () => {
      const name = await t.newDataset('clash');
      await services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/a.jpg', uniqueness: 0.7 }]);
      const across = await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/b.jpg', uniqueness: 'high' }]),
        'BAD_REQUEST',
        'Field "uniqueness" is float; got string',
      );
      expect(across.details).toEqual({ field: 'uniqueness', expected: 'float', actual: 'string', index: 0 });
      const within = await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [
          { filepath: '/c.jpg', label: 'cat' },
          { filepath: '/d.jpg', label: 3 },
        ]),
        'BAD_REQUEST',
        'Field "label" is string; got float',
      );
      expect(within.details).toMatchObject({ index: 1 });
      await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [
          { filepath: '/e.jpg', uniqueness: { _cls: 'Classification', label: 'x' } },
        ]),
        'BAD_REQUEST',
        'Field "uniqueness" is float; got Classification',
      );
      expect(await countOf(name)).toBe(1);
      expect((await customFields(name)).map((f) => f.path)).toEqual(['uniqueness']);
    });

    it('widens list<any> on the first typed list, accepts nulls everywhere and drops nulls of untyped fields', async () => {
      const name = await t.newDataset('lists');
      const { ids } = await services.samples.addSamples(SYSTEM_ACTOR, name, [
        { filepath: '/a.jpg', items: [], nothing: null },
      ]);
      expect(await customFields(name)).toEqual([{ path: 'items', type: 'list<any>', builtin: false }]);
      await services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/b.jpg', items: ['a', 'b'] }]);
      await services.samples.addSamples(SYSTEM_ACTOR, name, [
        { filepath: '/c.jpg', items: [] },
        { filepath: '/d.jpg', items: null },
      ]);
      expect(await customFields(name)).toEqual([{ path: 'items', type: 'list<string>', builtin: false }]);
      await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/e.jpg', items: [1] }]),
        'BAD_REQUEST',
        'Field "items" is list<string>; got list<float>',
      );
      expect(Object.hasOwn(await services.samples.getSample(SYSTEM_ACTOR, name, ids[0] as string), 'nothing')).toBe(
        false,
      );
    });

    it('accepts only integers into a field declared int', async () => {
      const name = await t.newDataset('ints');
      await services.samples.addField(SYSTEM_ACTOR, name, 'count', 'int');
      await services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/a.jpg', count: 3 }]);
      await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/b.jpg', count: 3.5 }]),
        'BAD_REQUEST',
        'Field "count" is int; got float',
      );
    });

    it('refuses a duplicate sample id in the dataset or twice in the batch with 409 naming it; another dataset may reuse it', async () => {
      const name = await t.newDataset('dupes');
      const other = await t.newDataset('dupes other');
      const id = 'abcdefabcdefabcdefabcdef';
      expect((await services.samples.addSamples(SYSTEM_ACTOR, name, [{ id, filepath: '/a.jpg' }])).ids).toEqual([id]);
      const again = await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/x.jpg' }, { id, filepath: '/b.jpg' }]),
        'CONFLICT',
      );
      expect(again.message).toContain(id);
      // Ids are unique per dataset, as in FiftyOne: a re-imported export keeps its ids next to the original.
      expect((await services.samples.addSamples(SYSTEM_ACTOR, other, [{ id, filepath: '/b.jpg' }])).ids).toEqual([id]);
      expect((await services.samples.getSample(SYSTEM_ACTOR, other, id)).filepath).toBe('/b.jpg');
      expect((await services.samples.getSample(SYSTEM_ACTOR, name, id)).filepath).toBe('/a.jpg');
      const twice = 'abcdefabcdefabcdefabcde0';
      const inBatch = await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, other, [
          { id: twice, filepath: '/c.jpg' },
          { id: twice, filepath: '/d.jpg' },
        ]),
        'CONFLICT',
      );
      expect(inBatch.details).toMatchObject({ id: twice, index: 1 });
      expect(await countOf(name)).toBe(1);
      expect(await countOf(other)).toBe(1);
    });

    it('lets exactly one of two concurrent batches claim a new field with its type', async () => {
      const name = await t.newDataset('race');
      const results = await Promise.allSettled([
        services.samples.addSamples(SYSTEM_ACTOR, name, [
          { filepath: '/a.jpg', contested: 'text' },
          { filepath: '/a2.jpg' },
        ]),
        services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/b.jpg', contested: 1 }]),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0]?.reason as { code: string }).code).toBe('BAD_REQUEST');
      expect((lost[0]?.reason as Error).message).toMatch(/^Field "contested" is (string|float); got (float|string)$/);
      const fields = await customFields(name);
      expect(fields).toHaveLength(1);
      expect(await countOf(name)).toBe(fields[0]?.type === 'string' ? 2 : 1);
    });

    it('answers 404 for a sample that is missing or belongs to another dataset', async () => {
      const name = await t.newDataset('get');
      const other = await t.newDataset('get other');
      const { ids } = await services.samples.addSamples(SYSTEM_ACTOR, other, [{ filepath: '/o.jpg' }]);
      await expectAppError(
        services.samples.getSample(SYSTEM_ACTOR, name, ids[0] as string),
        'NOT_FOUND',
        `Sample ${ids[0]} not found in dataset ${JSON.stringify(name)}`,
      );
      await expectAppError(services.samples.getSample(SYSTEM_ACTOR, name, 'ffffffffffffffffffffffff'), 'NOT_FOUND');
    });
  });

  describe('patchSample', () => {
    let name: string;
    let id: string;
    beforeAll(async () => {
      name = await t.newDataset('patch');
      ({
        ids: [id = ''],
      } = await services.samples.addSamples(SYSTEM_ACTOR, name, [
        { filepath: '/a.jpg', tags: ['a'], uniqueness: 0.5, note: 'x', gt: detections(detection('cat')) },
      ]));
    });

    it('sets built-ins and custom fields (labels validated, new fields typed) and unsets custom fields', async () => {
      const before = await services.samples.getSample(SYSTEM_ACTOR, name, id);
      const patched: Sample = await services.samples.patchSample(t.team.as.member, name, id, {
        set: {
          filepath: '/b.jpg',
          tags: ['b', 'b'],
          metadata: { width: 10 },
          uniqueness: 0.9,
          weather: { _cls: 'Classification', label: 'rain' },
        },
        unset: ['note'],
      });
      expect(patched).toMatchObject({
        id,
        filepath: '/b.jpg',
        tags: ['b'],
        metadata: { width: 10 },
        uniqueness: 0.9,
        gt: before.gt,
        created_at: before.created_at,
      });
      expect(patched.weather).toEqual({
        _cls: 'Classification',
        label: 'rain',
        id: expect.stringMatching(HEX24),
        tags: [],
      });
      expect(Object.hasOwn(patched, 'note')).toBe(false);
      expect(patched.last_modified_at >= before.last_modified_at).toBe(true);
      expect(await services.samples.getSample(SYSTEM_ACTOR, name, id)).toEqual(patched);
      expect((await customFields(name)).map((f) => [f.path, f.type])).toContainEqual(['weather', 'Classification']);
    });

    it('types values like adds and refuses read-only, built-in and unknown unsets without changing anything', async () => {
      const before = await services.samples.getSample(SYSTEM_ACTOR, name, id);
      await expectAppError(
        services.samples.patchSample(SYSTEM_ACTOR, name, id, { set: { uniqueness: 'high' } }),
        'BAD_REQUEST',
        'Field "uniqueness" is float; got string',
      );
      await expectAppError(
        services.samples.patchSample(SYSTEM_ACTOR, name, id, { set: { id: 'ffffffffffffffffffffffff' } }),
        'BAD_REQUEST',
        '"id" is read-only',
      );
      await expectAppError(
        services.samples.patchSample(SYSTEM_ACTOR, name, id, { set: { created_at: 'x' } }),
        'BAD_REQUEST',
        '"created_at" is read-only',
      );
      await expectAppError(
        services.samples.patchSample(SYSTEM_ACTOR, name, id, { unset: ['filepath'] }),
        'BAD_REQUEST',
        '"filepath" is a built-in field and cannot be unset',
      );
      await expectAppError(
        services.samples.patchSample(SYSTEM_ACTOR, name, id, { unset: ['nope'] }),
        'BAD_REQUEST',
        /no field "nope"/,
      );
      await expectAppError(
        services.samples.patchSample(SYSTEM_ACTOR, name, id, {
          set: { gt: detections(detection('x', { bounding_box: 'wide' })) },
        }),
        'BAD_REQUEST',
        /bounding_box/,
      );
      await expectAppError(
        services.samples.patchSample(SYSTEM_ACTOR, name, id, {}),
        'BAD_REQUEST',
        /Nothing to change/,
      );
      await expectAppError(
        services.samples.patchSample(SYSTEM_ACTOR, name, 'ffffffffffffffffffffffff', { set: { uniqueness: 1 } }),
        'NOT_FOUND',
      );
      expect(await services.samples.getSample(SYSTEM_ACTOR, name, id)).toEqual(before);
    });
  });

  describe('deleteSamples by id', () => {
    it('deletes the given samples of the dataset only and counts them', async () => {
      const name = await t.newDataset('delete');
      const other = await t.newDataset('delete other');
      const { ids } = await services.samples.addSamples(SYSTEM_ACTOR, name, [
        { filepath: '/1' },
        { filepath: '/2' },
        { filepath: '/3' },
      ]);
      const { ids: otherIds } = await services.samples.addSamples(SYSTEM_ACTOR, other, [{ filepath: '/o' }]);
      expect(
        await services.samples.deleteSamples(t.team.as.member, name, {
          ids: [ids[0] as string, ids[2] as string, otherIds[0] as string, ids[0] as string],
        }),
      ).toEqual({ deleted: 2 });
      expect(await countOf(name)).toBe(1);
      expect(await countOf(other)).toBe(1);
      await services.samples.getSample(SYSTEM_ACTOR, name, ids[1] as string);
      await expectAppError(services.samples.deleteSamples(SYSTEM_ACTOR, name, { ids: ['nope'] }), 'BAD_REQUEST');
      await expectAppError(
        services.samples.deleteSamples(SYSTEM_ACTOR, name, {}),
        'BAD_REQUEST',
        'Give exactly one of ids and view',
      );
      expect(await services.samples.deleteSamples(SYSTEM_ACTOR, name, { ids: [] })).toEqual({ deleted: 0 });
    });
  });
});
