// Reads and writes through views on SQLite and PostgreSQL: pages, values/setValues round trips, delete by view, tags on samples and labels.
import type { View } from '@teamset/contract';
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

const F = (path: string) => ({ op: 'field' as const, path });
const lit = (value: string | number | boolean | null) => ({ op: 'lit' as const, value });
const elem = (path: string) => ({ op: 'elem' as const, path });

/** Samples whose uniqueness is above 0.25: the last two. */
const HIGH: View = { stages: [{ stage: 'match', filter: { op: 'gt', args: [F('uniqueness'), lit(0.25)] } }] };
/** Only cat detections. */
const CATS: View = {
  stages: [{ stage: 'filter_labels', field: 'gt', filter: { op: 'eq', args: [elem('label'), lit('cat')] } }],
};

describe.each(await testDialects())('views in sample operations on %s', (dialect) => {
  let t: SampleTestContext;
  let services: Services;

  beforeAll(async () => {
    t = await createSampleTestContext(dialect);
    services = t.services;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Four samples: uniqueness 0.1–0.4; sample i holds i+1 detections alternating cat/dog (first is a cat). */
  async function seeded(label: string): Promise<{ name: string; ids: string[] }> {
    const name = await t.newDataset(label);
    const { ids } = await services.samples.addSamples(
      SYSTEM_ACTOR,
      name,
      [0, 1, 2, 3].map((i) => ({
        filepath: `/${i}.jpg`,
        tags: i % 2 === 0 ? ['even'] : ['odd'],
        uniqueness: (i + 1) / 10,
        gt: detections(...Array.from({ length: i + 1 }, (_, j) => detection(j % 2 === 0 ? 'cat' : 'dog'))),
      })),
    );
    return { name, ids };
  }

  describe('querySamples, values and aggregate', () => {
    it('pages a view in view order as flat samples, with filter_labels applied', async () => {
      const { name, ids } = await seeded('query');
      const first = await services.samples.querySamples(t.team.as.member, name, { view: HIGH, limit: 2 });
      expect(first.samples.map((s) => s.id)).toEqual([ids[2], ids[3]]);
      expect(first.samples[0]).toMatchObject({
        filepath: '/2.jpg',
        tags: ['even'],
        uniqueness: 0.3,
        gt: { _cls: 'Detections' },
      });
      expect(first.nextCursor).toBeNull();
      const all = [];
      let after: string | undefined;
      do {
        const page = await services.samples.querySamples(SYSTEM_ACTOR, name, { limit: 3, ...(after ? { after } : {}) });
        all.push(...page.samples);
        after = page.nextCursor ?? undefined;
      } while (after);
      expect(all.map((s) => s.id)).toEqual(ids);
      const cats = await services.samples.querySamples(SYSTEM_ACTOR, name, { view: CATS });
      expect(
        cats.samples.map((s) => (s.gt as { detections: Array<{ label: string }> }).detections.map((d) => d.label)),
      ).toEqual([['cat'], ['cat'], ['cat', 'cat'], ['cat', 'cat']]);
      await expectAppError(services.samples.querySamples(SYSTEM_ACTOR, name, { limit: 0 }), 'BAD_REQUEST');
      await expectAppError(
        services.samples.querySamples(SYSTEM_ACTOR, name, {
          view: { stages: [{ stage: 'match', filter: F('nope') }] },
        }),
        'BAD_REQUEST',
      );
    });

    it('answers values and several aggregations over a view', async () => {
      const { name } = await seeded('values');
      expect(await services.samples.values(SYSTEM_ACTOR, name, { view: HIGH, path: 'uniqueness' })).toEqual([0.3, 0.4]);
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'gt.detections.label', view: HIGH })).toEqual([
        ['cat', 'dog', 'cat'],
        ['cat', 'dog', 'cat', 'dog'],
      ]);
      const { results } = await services.samples.aggregate(SYSTEM_ACTOR, name, {
        aggregations: [{ type: 'count' }, { type: 'count_values', path: 'gt.detections.label' }],
      });
      expect(results).toEqual([
        { type: 'count', count: 4 },
        {
          type: 'count_values',
          values: [
            { value: 'cat', count: 6 },
            { value: 'dog', count: 4 },
          ],
        },
      ]);
      await expectAppError(services.samples.aggregate(SYSTEM_ACTOR, name, { aggregations: [] }), 'BAD_REQUEST');
    });
  });

  describe('deleteSamples by view', () => {
    it('deletes exactly the samples of the view, or all for the empty view', async () => {
      const { name, ids } = await seeded('delete view');
      expect(await services.samples.deleteSamples(t.team.as.member, name, { view: HIGH })).toEqual({ deleted: 2 });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'id' })).toEqual([ids[0], ids[1]]);
      expect(await services.samples.deleteSamples(SYSTEM_ACTOR, name, { view: { stages: [] } })).toEqual({
        deleted: 2,
      });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'id' })).toEqual([]);
    });
  });

  describe('setValues', () => {
    it('writes values aligned with a view, in view order, typing a new field', async () => {
      const { name } = await seeded('set aligned');
      const sorted: View = { stages: [{ stage: 'sort_by', field: 'uniqueness', reverse: true }] };
      expect(
        await services.samples.setValues(t.team.as.member, name, { view: sorted, path: 'rank', values: [1, 2, 3, 4] }),
      ).toEqual({ updated: 4 });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'rank' })).toEqual([4, 3, 2, 1]);
      expect((await services.samples.getFieldSchema(SYSTEM_ACTOR, name)).find((f) => f.path === 'rank')).toEqual({
        path: 'rank',
        type: 'float',
        builtin: false,
      });
      await services.samples.setValues(SYSTEM_ACTOR, name, { view: HIGH, path: 'tags', values: [['x'], ['y', 'y']] });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'tags' })).toEqual([
        ['even'],
        ['odd'],
        ['x'],
        ['y'],
      ]);
    });

    it('round-trips every kind of JSON value into top-level fields, and leaves out nulls nothing typed', async () => {
      const { name, ids } = await seeded('set kinds');
      const dicts = [{ a: 1, b: [true, null] }, {}, { nested: { s: 'x"y' } }, null];
      await services.samples.setValues(SYSTEM_ACTOR, name, { path: 'extra', values: dicts });
      await services.samples.setValues(SYSTEM_ACTOR, name, { path: 'names', values: [['a'], [], null, ['b', 'c']] });
      await services.samples.setValues(SYSTEM_ACTOR, name, {
        path: 'caption',
        values: ['it\'s "quoted"', 'ünï', '', null],
      });
      await services.samples.setValues(SYSTEM_ACTOR, name, { path: 'nothing', values: [null, null, null, null] });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'extra' })).toEqual(dicts);
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'names' })).toEqual([
        ['a'],
        [],
        null,
        ['b', 'c'],
      ]);
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'caption' })).toEqual([
        'it\'s "quoted"',
        'ünï',
        '',
        null,
      ]);
      const sample = await services.samples.getSample(SYSTEM_ACTOR, name, ids[0] as string);
      expect(Object.hasOwn(sample, 'nothing')).toBe(false);
      expect(sample).toMatchObject({ extra: dicts[0], names: ['a'], uniqueness: 0.1 });
      const types = Object.fromEntries(
        (await services.samples.getFieldSchema(SYSTEM_ACTOR, name)).map((f) => [f.path, f.type]),
      );
      expect(types).toMatchObject({ extra: 'dict', names: 'list<string>', caption: 'string' });
      expect(types.nothing).toBeUndefined();
    });

    it('writes values by id and refuses ids outside the dataset or the view', async () => {
      const { name, ids } = await seeded('set by id');
      await services.samples.setValues(SYSTEM_ACTOR, name, {
        path: 'uniqueness',
        valuesById: { [ids[0] as string]: 0.9, [ids[3] as string]: null },
      });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'uniqueness' })).toEqual([0.9, 0.2, 0.3, null]);
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, {
          path: 'uniqueness',
          valuesById: { ffffffffffffffffffffffff: 0.5 },
        }),
        'NOT_FOUND',
      );
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, {
          view: HIGH,
          path: 'uniqueness',
          valuesById: { [ids[1] as string]: 0.5 },
        }),
        'BAD_REQUEST',
        /not in the view/,
      );
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'uniqueness' })).toEqual([0.9, 0.2, 0.3, null]);
    });

    it('writes a label attribute through a list: one list per sample, aligned with its labels', async () => {
      const { name } = await seeded('set labels');
      const before = await services.samples.values(SYSTEM_ACTOR, name, { path: 'gt.detections.id' });
      const labels = [['a'], ['b', 'c'], ['d', 'e', 'f'], ['g', 'h', 'i', 'j']];
      await services.samples.setValues(SYSTEM_ACTOR, name, { path: 'gt.detections.label', values: labels });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'gt.detections.label' })).toEqual(labels);
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'gt.detections.id' })).toEqual(before);
      // A new custom attribute is typed like an add.
      await services.samples.setValues(SYSTEM_ACTOR, name, {
        path: 'gt.detections.iscrowd',
        values: [[1], [0, 1], [0, 0, 0], null],
      });
      expect(
        (await services.samples.getFieldSchema(SYSTEM_ACTOR, name)).find((f) => f.path === 'gt.detections.iscrowd')
          ?.type,
      ).toBe('float');
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, {
          path: 'gt.detections.iscrowd',
          values: [['x'], [0, 1], [0, 0, 0], null],
        }),
        'BAD_REQUEST',
        'Field "gt.detections.iscrowd" is float; got string',
      );
    });

    it('aligns label values with the labels a filter_labels view shows, leaving the others alone', async () => {
      const { name } = await seeded('set filtered');
      await services.samples.setValues(SYSTEM_ACTOR, name, {
        view: CATS,
        path: 'gt.detections.confidence',
        values: [[0.9], [0.8], [0.7, 0.6], [0.5, 0.4]],
      });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'gt.detections.confidence' })).toEqual([
        [0.9],
        [0.8, 0.5],
        [0.7, 0.5, 0.6],
        [0.5, 0.5, 0.4, 0.5],
      ]);
    });

    it('refuses misaligned values, read-only paths and bad values, changing nothing', async () => {
      const { name } = await seeded('set errors');
      const before = await services.samples.querySamples(SYSTEM_ACTOR, name, {});
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, { path: 'uniqueness', values: [1, 2] }),
        'BAD_REQUEST',
        'values has 2 entries but the view has 4 samples',
      );
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, {
          path: 'gt.detections.label',
          values: [['a'], ['b'], ['c'], ['d']],
        }),
        'BAD_REQUEST',
        /needs 2 values, one per label; got 1/,
      );
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, { path: 'gt.detections.id', values: [[], [], [], []] }),
        'BAD_REQUEST',
        /read-only/,
      );
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, { path: 'id', values: [1, 2, 3, 4] }),
        'BAD_REQUEST',
        /read-only/,
      );
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, { path: 'uniqueness', values: [1, 2, 'x', 4] }),
        'BAD_REQUEST',
        'Field "uniqueness" is float; got string',
      );
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, { path: 'uniqueness', values: [1, 2, 3, 4], valuesById: {} }),
        'BAD_REQUEST',
      );
      await expectAppError(
        services.samples.setValues(SYSTEM_ACTOR, name, { path: 'nope.inner', values: [1, 2, 3, 4] }),
        'BAD_REQUEST',
        /no field "nope"/,
      );
      expect(await services.samples.querySamples(SYSTEM_ACTOR, name, {})).toEqual(before);
    });
  });

  describe('tag, untag and countTags', () => {
    it('tags and untags the samples of a view without duplicates, counting the samples changed', async () => {
      const { name } = await seeded('tag samples');
      expect(await services.samples.tag(t.team.as.member, name, { view: HIGH, tags: ['high', 'even'] })).toEqual({
        updated: 2,
      });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'tags' })).toEqual([
        ['even'],
        ['odd'],
        ['even', 'high'],
        ['odd', 'high', 'even'],
      ]);
      expect(await services.samples.tag(SYSTEM_ACTOR, name, { view: HIGH, tags: ['high'] })).toEqual({ updated: 0 });
      expect(await services.samples.countTags(SYSTEM_ACTOR, name, {})).toEqual({ even: 3, high: 2, odd: 2 });
      expect(await services.samples.countTags(SYSTEM_ACTOR, name, { view: HIGH })).toEqual({
        even: 2,
        high: 2,
        odd: 1,
      });
      expect(await services.samples.untag(SYSTEM_ACTOR, name, { tags: ['even'] })).toEqual({ updated: 3 });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'tags' })).toEqual([
        [],
        ['odd'],
        ['high'],
        ['odd', 'high'],
      ]);
      expect(await services.samples.tag(SYSTEM_ACTOR, name, { tags: ['all'] })).toEqual({ updated: 4 });
      await expectAppError(services.samples.tag(SYSTEM_ACTOR, name, { tags: [] }), 'BAD_REQUEST');
    });

    it('reports a tag request’s progress under its token, to the caller only, finished once it answered', async () => {
      const { name } = await seeded('tag progress');
      const member = t.team.as.member;
      expect(await services.samples.tagProgress(member, name, 'not-started')).toBeUndefined();
      expect(await services.samples.tag(member, name, { view: HIGH, tags: ['seen'], progress: 'first-run' })).toEqual({
        updated: 2,
      });
      expect(await services.samples.tagProgress(member, name, 'first-run')).toEqual({
        done: 2,
        total: 2,
        finished: true,
      });
      // The whole dataset is one statement: total is the sample count, done jumps to it.
      await services.samples.untag(member, name, { tags: ['seen'], progress: 'whole-view' });
      expect(await services.samples.tagProgress(member, name, 'whole-view')).toEqual({
        done: 4,
        total: 4,
        finished: true,
      });
      await services.samples.tag(member, name, { view: CATS, tags: ['ok'], labels: true, progress: 'label-run' });
      expect(await services.samples.tagProgress(member, name, 'label-run')).toEqual({
        done: 4,
        total: 4,
        finished: true,
      });
      // Another person cannot read it under the same token.
      expect(await services.samples.tagProgress(SYSTEM_ACTOR, name, 'first-run')).toBeUndefined();
      await expectAppError(services.samples.tag(member, name, { tags: ['x'], progress: 'no' }), 'BAD_REQUEST');
      await expectAppError(services.samples.tagProgress(member, name, 'bad token!'), 'BAD_REQUEST');
    });

    it('a poll while a large request runs sees it part way: each chunk commits on its own', async () => {
      const name = await t.newDataset('tag progress midway');
      const member = t.team.as.member;
      for (let batch = 0; batch < 3; batch++)
        await services.samples.addSamples(
          SYSTEM_ACTOR,
          name,
          Array.from({ length: 500 }, (_, i) => ({ filepath: `/${batch}/${i}.jpg`, gt: detections(detection('cat')) })),
        );
      let answered = false;
      const running = services.samples
        .tag(member, name, { tags: ['bulk'], labels: true, progress: 'midway-run' })
        .finally(() => (answered = true));
      const seen: Array<{ done: number; total: number; finished: boolean }> = [];
      while (!answered) {
        const progress = await services.samples.tagProgress(member, name, 'midway-run');
        if (progress) seen.push(progress);
        // Let the event loop turn (reader threads answer through it), as between two HTTP polls.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(await running).toEqual({ updated: 1_500 });
      // Three chunks of 500 samples: at least one poll came between two of them.
      expect(seen.some((p) => p.total === 1_500 && p.done > 0 && p.done < 1_500 && !p.finished)).toBe(true);
      expect(await services.samples.tagProgress(member, name, 'midway-run')).toEqual({
        done: 1_500,
        total: 1_500,
        finished: true,
      });
    });

    it('tags only the labels a filter_labels view shows, and counts label tags', async () => {
      const { name } = await seeded('tag labels');
      expect(await services.samples.tag(SYSTEM_ACTOR, name, { view: CATS, tags: ['reviewed'], labels: true })).toEqual({
        updated: 4,
      });
      expect(await services.samples.values(SYSTEM_ACTOR, name, { path: 'gt.detections.tags' })).toEqual([
        [['reviewed']],
        [['reviewed'], []],
        [['reviewed'], [], ['reviewed']],
        [['reviewed'], [], ['reviewed'], []],
      ]);
      expect(await services.samples.countTags(SYSTEM_ACTOR, name, { labels: true })).toEqual({ reviewed: 6 });
      expect(await services.samples.countTags(SYSTEM_ACTOR, name, { labelFields: ['gt'], view: HIGH })).toEqual({
        reviewed: 4,
      });
      expect(
        await services.samples.tag(SYSTEM_ACTOR, name, { view: CATS, tags: ['reviewed'], labelFields: ['gt'] }),
      ).toEqual({ updated: 0 });
      expect(
        await services.samples.untag(SYSTEM_ACTOR, name, { view: HIGH, tags: ['reviewed'], labelFields: ['gt'] }),
      ).toEqual({ updated: 2 });
      expect(await services.samples.countTags(SYSTEM_ACTOR, name, { labels: true })).toEqual({ reviewed: 2 });
      // Sample tags were not touched.
      expect(await services.samples.countTags(SYSTEM_ACTOR, name, {})).toEqual({ even: 2, odd: 2 });
      await expectAppError(
        services.samples.tag(SYSTEM_ACTOR, name, { tags: ['x'], labelFields: ['uniqueness'] }),
        'BAD_REQUEST',
        /not a label field/,
      );
    });
  });
});
