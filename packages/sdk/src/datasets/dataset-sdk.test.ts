// One SDK suite through every connection (API on SQLite/PostgreSQL, database on SQLite/PostgreSQL): the same scenarios, the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../connection/connect.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import {
  countBy,
  fixture as makeFixture,
  fixtureDetections,
  syntheticSamples,
  FIXTURE_SIZE,
  type Fixture,
  type FixtureDetection,
  type FixtureSample,
} from '../test-support/sample-fixture.js';
import { sdkTestConnections, type OpenedConnection } from '../test-support/sdk-test-connections.js';
import { F } from '../views/f.js';
import { Count, CountValues, Mean } from './aggregations.js';
import type { Dataset } from './dataset.js';
import type { DatasetView } from './dataset-view.js';
import { createDataset, datasetExists, deleteDataset, listDatasets, loadDataset } from './dataset-functions.js';

const targets = await sdkTestConnections();
// The shared read-only dataset holds copy 0; every dataset a scenario changes gets its own copy (ids are database-wide).
const { samples: fixture, ids, idsWhere } = makeFixture(0);
/** Answers that have no plain-JS oracle (seeded random choices): every connection must give the first one's. */
const transcripts = new Map<string, Record<string, unknown>>();

describe.each(targets)('the SDK over the $label connection', (target) => {
  let opened: OpenedConnection;
  let connection: Connection;
  let ds: Dataset;
  const transcript: Record<string, unknown> = {};
  transcripts.set(target.label, transcript);

  let copies = 0;

  /** A new dataset holding a fresh copy of the fixture, for scenarios that change samples. */
  async function freshDataset(name: string): Promise<{ dataset: Dataset; fx: Fixture }> {
    const fx = makeFixture(++copies);
    const dataset = await createDataset(name, {}, connection);
    await dataset.addSamples(fx.samples);
    return { dataset, fx };
  }

  beforeAll(async () => {
    opened = await target.open();
    connection = opened.connection;
    ds = await createDataset('fixture', {}, connection);
    await ds.addSamples(fixture);
  });

  afterAll(async () => {
    await opened?.close();
  });

  describe('datasets', () => {
    it('creates, finds, lists, loads and deletes a dataset by name', async () => {
      const created = await createDataset(
        'made here',
        { mediaType: 'video', tags: ['t'], description: 'about', info: { source: 'test' } },
        connection,
      );
      expect(created).toMatchObject({
        name: 'made here',
        mediaType: 'video',
        tags: ['t'],
        description: 'about',
        info: { source: 'test' },
        permission: 'MANAGE',
      });
      expect(created.connectionKind).toBe(target.kind);
      expect(await datasetExists('made here', connection)).toBe(true);
      expect(await listDatasets({}, connection)).toEqual(expect.arrayContaining(['made here', 'fixture']));
      expect(await listDatasets({ search: 'MADE' }, connection)).toEqual(['made here']);
      const loaded = await loadDataset('made here', connection);
      expect(loaded.id).toBe(created.id);
      expect(loaded.createdAt).toBe(created.createdAt);
      await expect(createDataset('made here', {}, connection)).rejects.toBeInstanceOf(ConflictError);

      await deleteDataset('made here', connection);
      expect(await datasetExists('made here', connection)).toBe(false);
      await expect(loadDataset('made here', connection)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('edits, renames and reloads; views made before a rename follow the dataset', async () => {
      const { dataset, fx } = await freshDataset('to rename');
      const hard = dataset.matchTags('hard');
      await dataset.edit({ tags: ['a', 'b'], description: 'edited', info: { k: 1 } });
      expect(dataset).toMatchObject({ tags: ['a', 'b'], description: 'edited', info: { k: 1 } });
      await dataset.rename('renamed');
      expect(dataset.name).toBe('renamed');
      expect(hard.datasetName).toBe('renamed');
      expect(await hard.count()).toBe(fx.idsWhere((s) => s.tags.includes('hard')).length);
      const other = await loadDataset('renamed', connection);
      await other.edit({ description: 'from elsewhere' });
      expect((await dataset.reload()).description).toBe('from elsewhere');
      await dataset.delete();
      expect(await datasetExists('renamed', connection)).toBe(false);
    });

    it('reports a missing dataset as NotFoundError', async () => {
      await expect(loadDataset('no such dataset', connection)).rejects.toBeInstanceOf(NotFoundError);
      await expect(deleteDataset('no such dataset', connection)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('adding and reading samples', () => {
    it('added the fixture with its ids, in order', async () => {
      expect(await ds.count()).toBe(FIXTURE_SIZE);
      expect(await ds.values('id')).toEqual(ids);
    });

    it('addSample and getSample round-trip a sample with labels', async () => {
      const dataset = await createDataset('single', {}, connection);
      const id = await dataset.addSample({ filepath: '/one.jpg', tags: ['x'], uniqueness: 0.25 });
      expect(id).toMatch(/^[0-9a-f]{24}$/);
      const sample = await ds.getSample(ids[3] as string);
      const source = fixture[3] as FixtureSample;
      expect(sample).toMatchObject({
        id: source.id,
        filepath: source.filepath,
        tags: source.tags,
        uniqueness: source.uniqueness,
        weather: source.weather,
      });
      expect(sample.ground_truth).toMatchObject({
        _cls: 'Detections',
        detections: source.ground_truth?.detections.map((d) => ({
          id: d.id,
          label: d.label,
          confidence: d.confidence,
        })),
      });
      expect(typeof sample.created_at).toBe('string');
      await expect(ds.getSample('ffffffffffffffffffffffff')).rejects.toBeInstanceOf(NotFoundError);
      await dataset.delete();
    });

    it('patchSample sets and unsets fields', async () => {
      const { dataset, fx } = await freshDataset('patching');
      const patched = await dataset.patchSample(fx.ids[0] as string, {
        set: { weather: 'foggy', tags: ['p'] },
        unset: ['uniqueness'],
      });
      expect(patched).toMatchObject({ id: fx.ids[0], weather: 'foggy', tags: ['p'] });
      expect(patched.uniqueness ?? null).toBeNull();
      await dataset.delete();
    });

    it('iterates every sample in order, across pages, equal to values("id")', async () => {
      const seen: string[] = [];
      for await (const sample of ds) seen.push(sample.id);
      expect(seen).toEqual(ids);
      const paged: string[] = [];
      for await (const sample of ds.iterSamples({ pageSize: 7 })) paged.push(sample.id);
      expect(paged).toEqual(ids);
      const view = ds.match(F('uniqueness').gte(0.5));
      const inView: string[] = [];
      for await (const sample of view.iterSamples({ pageSize: 4 })) inView.push(sample.id);
      expect(inView).toEqual(await view.values('id'));
      expect(inView).toEqual(idsWhere((s) => s.uniqueness >= 0.5));
    });

    it('stops cleanly when the caller breaks out of the loop', async () => {
      let n = 0;
      for await (const sample of ds.iterSamples({ pageSize: 5 })) {
        expect(sample.id).toBe(ids[n]);
        if (++n === 8) break;
      }
      expect(n).toBe(8);
    });

    it('first and head', async () => {
      expect((await ds.first())?.id).toBe(ids[0]);
      expect((await ds.head(4)).map((s) => s.id)).toEqual(ids.slice(0, 4));
      expect((await ds.head()).length).toBe(3);
      expect(await ds.match(F('uniqueness').gt(2)).first()).toBeUndefined();
      expect(await ds.head(0)).toEqual([]);
    });

    it('values: scalars, label attributes as a list per sample, and unwound', async () => {
      expect(await ds.values('uniqueness')).toEqual(fixture.map((s) => s.uniqueness));
      const labelled = ds.exists('ground_truth');
      const withLabels = fixture.filter((s) => s.ground_truth);
      expect(await labelled.values('ground_truth.detections.label')).toEqual(
        withLabels.map((s) => s.ground_truth?.detections.map((d) => d.label)),
      );
      expect(await labelled.values('ground_truth.detections.label', { unwind: true })).toEqual(
        fixtureDetections(fixture).map((d) => d.label),
      );
    });
  });

  describe('views', () => {
    it('match with F expressions', async () => {
      expect(await ds.match(F('uniqueness').gt(0.5)).values('id')).toEqual(idsWhere((s) => s.uniqueness > 0.5));
      expect(await ds.match(F('weather').isIn(['snowy', 'rainy']).and(F('uniqueness').lt(0.5))).count()).toBe(
        idsWhere((s) => ['snowy', 'rainy'].includes(s.weather) && s.uniqueness < 0.5).length,
      );
      expect(await ds.match(F('ground_truth.detections').length().gte(2)).count()).toBe(
        idsWhere((s) => (s.ground_truth?.detections.length ?? 0) >= 2).length,
      );
      expect(await ds.match(F('filepath').endsWith('7.jpg')).values('id')).toEqual(
        idsWhere((s) => s.filepath.endsWith('7.jpg')),
      );
    });

    it('matchTags: any, all, and inverted', async () => {
      expect(await ds.matchTags('train').values('id')).toEqual(idsWhere((s) => s.tags.includes('train')));
      expect(await ds.matchTags(['train', 'hard'], { all: true }).values('id')).toEqual(
        idsWhere((s) => s.tags.includes('train') && s.tags.includes('hard')),
      );
      expect(await ds.matchTags(['val', 'hard']).count()).toBe(
        idsWhere((s) => s.tags.includes('val') || s.tags.includes('hard')).length,
      );
      expect(await ds.matchTags('train', { bool: false }).count()).toBe(
        idsWhere((s) => !s.tags.includes('train')).length,
      );
    });

    it('exists', async () => {
      expect(await ds.exists('ground_truth').values('id')).toEqual(idsWhere((s) => s.ground_truth !== undefined));
      expect(await ds.exists('ground_truth', false).count()).toBe(idsWhere((s) => s.ground_truth === undefined).length);
    });

    it('filterLabels keeps matching labels and (by default) only samples that have one', async () => {
      const cats = ds.filterLabels('ground_truth', F('label').eq('cat'));
      const catSamples = fixture.filter((s) => s.ground_truth?.detections.some((d) => d.label === 'cat'));
      expect(await cats.values('id')).toEqual(catSamples.map((s) => s.id));
      expect(await cats.count('ground_truth.detections')).toBe(
        fixtureDetections(fixture).filter((d) => d.label === 'cat').length,
      );
      expect(new Set(await cats.values('ground_truth.detections.label', { unwind: true }))).toEqual(new Set(['cat']));
      const keepAll = ds.filterLabels('ground_truth', F('confidence').gt(0.5), { onlyMatches: false });
      expect(await keepAll.count()).toBe(FIXTURE_SIZE);
      expect(await keepAll.count('ground_truth.detections')).toBe(
        fixtureDetections(fixture).filter((d) => d.confidence > 0.5).length,
      );
    });

    it('sortBy, skip and limit', async () => {
      const ascending = [...fixture].sort((a, b) => a.uniqueness - b.uniqueness).map((s) => s.id);
      expect(await ds.sortBy('uniqueness').values('id')).toEqual(ascending);
      expect(await ds.sortBy('uniqueness', { reverse: true }).values('id')).toEqual([...ascending].reverse());
      expect(await ds.sortBy('uniqueness').skip(5).limit(3).values('id')).toEqual(ascending.slice(5, 8));
      const byCount = await ds.sortBy(F('ground_truth.detections').length(), { reverse: true }).limit(1).first();
      expect(byCount?.ground_truth).toMatchObject({ detections: expect.any(Array) });
      expect((byCount?.ground_truth as { detections: unknown[] }).detections).toHaveLength(3);
    });

    it('take and shuffle replay the same samples for the same seed', async () => {
      const taken = await ds.take(5, { seed: 42 }).values<string>('id');
      expect(taken).toHaveLength(5);
      expect(new Set(taken).size).toBe(5);
      for (const id of taken) expect(ids).toContain(id);
      expect(await ds.take(5, { seed: 42 }).values('id')).toEqual(taken);
      const shuffled = await ds.shuffle({ seed: 7 }).values<string>('id');
      expect([...shuffled].sort()).toEqual([...ids].sort());
      expect(await ds.shuffle({ seed: 7 }).values('id')).toEqual(shuffled);
      expect(shuffled).not.toEqual(ids);
      transcript.take = taken;
      transcript.shuffle = shuffled;
      transcript.takeOfMatch = await ds.matchTags('train').take(3, { seed: 1 }).values('id');
    });

    it('select (ordered) and exclude', async () => {
      const picked = [ids[7], ids[2], ids[11]] as string[];
      expect(await ds.select(picked, { ordered: true }).values('id')).toEqual(picked);
      expect(await ds.select(picked).values('id')).toEqual([ids[2], ids[7], ids[11]]);
      expect(await ds.exclude(picked).count()).toBe(FIXTURE_SIZE - 3);
      expect(await ds.exclude(new Set(picked)).values('id')).toEqual(ids.filter((id) => !picked.includes(id)));
    });

    it('selectFields and excludeFields', async () => {
      const selected = await ds.exists('ground_truth').selectFields('uniqueness').first();
      expect(selected).toMatchObject({ id: ids[1], uniqueness: (fixture[1] as FixtureSample).uniqueness });
      expect(selected?.ground_truth).toBeUndefined();
      expect(selected?.weather).toBeUndefined();
      const excluded = await ds.exists('ground_truth').excludeFields('ground_truth').first();
      expect(excluded).toMatchObject({ id: ids[1], weather: (fixture[1] as FixtureSample).weather });
      expect(excluded?.ground_truth).toBeUndefined();
    });

    it('toPatches: one row per detection with its sample id and label; counted per patch; read-only', async () => {
      const patches = ds.toPatches('ground_truth');
      const detections = fixtureDetections(fixture);
      const seen: Array<{ id: string; sample: unknown; label: unknown }> = [];
      for await (const patch of patches.iterSamples({ pageSize: 5 })) {
        const label = patch['ground_truth'] as { label: string } | undefined;
        seen.push({ id: patch.id, sample: patch['sample_id'], label: label?.label });
      }
      const expected = fixture.flatMap((sample) =>
        (sample.ground_truth?.detections ?? []).map((d) => ({ id: d.id, sample: sample.id, label: d.label })),
      );
      expect(seen).toEqual(expected);
      expect(await patches.count()).toBe(detections.length);
      expect([...(await patches.countValues('ground_truth.label'))]).toEqual(countBy(detections.map((d) => d.label)));
      const facets = await patches.match(F('ground_truth.confidence').gt(0.5)).facets({ top: 3 });
      expect(facets.count).toBe(detections.filter((d) => d.confidence > 0.5).length);
      expect(facets.labels.map((facet) => [facet.path, facet.labelClass])).toEqual([['ground_truth', 'Detection']]);
      await expect(patches.tagSamples('nope')).rejects.toBeInstanceOf(BadRequestError);
    });

    it('views are immutable and serialize to the contract JSON', () => {
      const base = ds.matchTags('train');
      const longer = base.limit(2);
      expect(base.stages).toHaveLength(1);
      expect(longer.toJSON()).toEqual({
        stages: [
          { stage: 'match_tags', tags: ['train'] },
          { stage: 'limit', n: 2 },
        ],
      });
      expect(ds.toJSON()).toEqual({ stages: [] });
    });

    it('a bad view is a BadRequestError naming the problem', async () => {
      const error = await ds
        .match(F('no_such_field').gt(1))
        .count()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).message).toContain('no_such_field');
      const problems = (error as BadRequestError).details?.problems as Array<{ path: string; message: string }>;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            path: expect.stringMatching(/^stages\[0\]/),
            message: expect.stringContaining('no_such_field'),
          }),
        ]),
      );
      await expect(ds.match(F('weather').gt(1)).count()).rejects.toBeInstanceOf(BadRequestError);
    });
  });

  describe('aggregations', () => {
    const detections = fixtureDetections(fixture);
    const us = fixture.map((s) => s.uniqueness);

    it('count, distinct, countValues, bounds, mean, sum', async () => {
      expect(await ds.count()).toBe(FIXTURE_SIZE);
      expect(await ds.count('ground_truth.detections')).toBe(detections.length);
      expect(await ds.distinct('weather')).toEqual(['rainy', 'snowy', 'sunny']);
      expect(await ds.distinct('ground_truth.detections.label')).toEqual(['bird', 'cat', 'dog']);
      expect([...(await ds.countValues('ground_truth.detections.label'))]).toEqual(
        countBy(detections.map((d) => d.label)),
      );
      expect([...(await ds.countValues('tags'))]).toEqual(countBy(fixture.flatMap((s) => s.tags)));
      expect(await ds.bounds('uniqueness')).toEqual([Math.min(...us), Math.max(...us)]);
      expect(await ds.sum('uniqueness')).toBe(us.reduce((a, b) => a + b, 0));
      expect(await ds.mean('uniqueness')).toBeCloseTo(us.reduce((a, b) => a + b, 0) / us.length, 12);
      expect(await ds.match(F('uniqueness').gt(2)).mean('uniqueness')).toBeNull();
      expect(await ds.match(F('uniqueness').gt(2)).bounds('uniqueness')).toEqual([null, null]);
    });

    it('countValues keeps value types and counts missing values under null', async () => {
      const counts = await ds.countValues('ground_truth.detections.confidence');
      expect([...counts.keys()].every((k) => typeof k === 'number')).toBe(true);
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(detections.length);
    });

    it('histogramValues', async () => {
      const histogram = await ds.histogramValues('uniqueness', { bins: 4, range: [0, 1] });
      expect(histogram.edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
      const expected = [0, 1, 2, 3].map((bin) => us.filter((u) => Math.min(3, Math.floor(u * 4)) === bin).length);
      expect(histogram).toEqual({ counts: expected, edges: [0, 0.25, 0.5, 0.75, 1], other: 0 });
      const narrow = await ds.histogramValues('uniqueness', { bins: 2, range: [0, 0.5] });
      expect(narrow.other).toBe(us.filter((u) => u > 0.5).length);
    });

    it('several aggregations in one request, typed per position', async () => {
      const [count, mean, labels] = await ds
        .matchTags('train')
        .aggregate([new Count(), new Mean('uniqueness'), new CountValues('ground_truth.detections.label')] as const);
      const train = fixture.filter((s) => s.tags.includes('train'));
      expect(count).toBe(train.length);
      expect(mean).toBeCloseTo(train.reduce((a, s) => a + s.uniqueness, 0) / train.length, 12);
      expect([...labels]).toEqual(countBy(fixtureDetections(train).map((d) => d.label)));
      expect(await ds.aggregate([])).toEqual([]);
    });
  });

  describe('facets', () => {
    const top = <T extends string | number | boolean>(values: T[], n: number) => ({
      values: countBy(values)
        .slice(0, n)
        .map(([value, count]) => ({ value, count })),
      distinct: new Set(values).size,
      total: values.length,
    });
    const numeric = (values: number[], bins: number) => {
      const [lo, hi] = [Math.min(...values), Math.max(...values)];
      const counts = new Array<number>(bins).fill(0);
      for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - lo) * bins) / (hi - lo)))]! += 1;
      return { bounds: [lo, hi], histogram: { counts, edges: expect.any(Array), other: 0 } };
    };

    it('of the dataset and of a filtered view, from the schema in one aggregate request', async () => {
      const check = async (view: DatasetView, samples: FixtureSample[], keep: (d: FixtureDetection) => boolean) => {
        const detections = fixtureDetections(samples).filter(keep);
        const facets = await view.facets({ top: 2, bins: 4 });
        expect(facets).toEqual({
          count: samples.length,
          sampleTags: top(
            samples.flatMap((s) => s.tags),
            2,
          ),
          labelTags: {},
          labels: [
            {
              path: 'ground_truth',
              labelClass: 'Detections',
              count: detections.length,
              classes: top(
                detections.map((d) => d.label),
                2,
              ),
              confidence: numeric(
                detections.map((d) => d.confidence),
                4,
              ),
              tags: {},
              attributes: [],
            },
          ],
          fields: expect.arrayContaining([
            {
              path: 'uniqueness',
              kind: 'number',
              ...numeric(
                samples.map((s) => s.uniqueness),
                4,
              ),
            },
            {
              path: 'weather',
              kind: 'string',
              ...top(
                samples.map((s) => s.weather),
                2,
              ),
            },
          ]),
        });
        expect(facets.fields).toHaveLength(2);
      };
      await check(ds, fixture, () => true);
      const confident = (d: FixtureDetection) => d.confidence > 0.5;
      await check(
        ds.matchTags('train').filterLabels('ground_truth', F('confidence').gt(0.5)),
        fixture.filter((s) => s.tags.includes('train') && fixtureDetections([s]).some(confident)),
        confident,
      );
      const hidden = await ds.excludeFields('weather').facets();
      expect(hidden.fields.map((f) => f.path)).toEqual(['uniqueness']);
      expect(hidden.labels[0]?.classes?.values).toHaveLength(3);
    });

    it('label tags, booleans and single labels', async () => {
      const { dataset, fx } = await freshDataset('facets');
      await dataset.filterLabels('ground_truth', F('label').eq('dog')).tagLabels('checked');
      const reviewed = fx.samples.map((_, i) => (i % 3 === 0 ? null : i % 3 === 1));
      await dataset.setValues('reviewed', reviewed);
      await dataset.setValues(
        'scene',
        fx.samples.map((_, i) =>
          i % 4 === 0 ? null : { _cls: 'Classification', label: i % 2 ? 'in' : 'out', confidence: 0.5 },
        ),
      );
      const dogs = fixtureDetections(fx.samples).filter((d) => d.label === 'dog').length;
      const facets = await dataset.facets();
      expect(facets.labelTags).toEqual({ checked: dogs });
      expect(facets.labels.find((l) => l.path === 'ground_truth')?.tags).toEqual({ checked: dogs });
      const scenes = fx.samples.flatMap((_, i) => (i % 4 === 0 ? [] : [i % 2 ? 'in' : 'out']));
      expect(facets.labels.find((l) => l.path === 'scene')).toEqual({
        path: 'scene',
        labelClass: 'Classification',
        count: scenes.length,
        classes: top(scenes, 200),
        confidence: {
          bounds: [0.5, 0.5],
          histogram: { counts: [0, 0, 0, 0, 0, scenes.length, 0, 0, 0, 0], edges: expect.any(Array), other: 0 },
        },
        tags: {},
        attributes: [],
      });
      expect(facets.fields.find((f) => f.path === 'reviewed')).toEqual({
        path: 'reviewed',
        kind: 'bool',
        true: reviewed.filter((r) => r === true).length,
        false: reviewed.filter((r) => r === false).length,
        none: reviewed.filter((r) => r === null).length,
      });
    });
    it('past 100 aggregations (60 numeric fields: 122), split into several requests', async () => {
      const wide = await createDataset('wide facets', {}, connection);
      const field = (k: number) => `f${String(k).padStart(2, '0')}`;
      await wide.addSamples(
        [1, 2, 3].map((i) => ({
          filepath: `/wide/${i}.jpg`,
          ...Object.fromEntries(Array.from({ length: 60 }, (_, k) => [field(k), i * k])),
        })),
      );
      const facets = await wide.facets({ bins: 2 });
      expect(facets.count).toBe(3);
      expect(facets.fields).toHaveLength(60);
      for (const [k, facet] of facets.fields.entries()) {
        expect(facet).toEqual({
          path: field(k),
          kind: 'number',
          bounds: [k, 3 * k],
          histogram: { counts: k === 0 ? [0, 3] : [1, 2], edges: expect.any(Array), other: 0 },
        });
      }
    });
  });

  describe('writing', () => {
    it('setValues aligned with a view, and by id', async () => {
      const { dataset, fx } = await freshDataset('set values');
      const val = dataset.matchTags('val');
      const valIds = fx.idsWhere((s) => s.tags.includes('val'));
      const scores = valIds.map((_, i) => i / 4);
      expect(await val.setValues('score', scores)).toBe(valIds.length);
      expect(await val.values('score')).toEqual(scores);
      expect((await dataset.getFieldSchema())['score']).toBe('float');
      expect(await dataset.setValues('score', { byId: { [fx.ids[0] as string]: 0.75 } })).toBe(1);
      expect(await dataset.setValues('score', { byId: new Map([[fx.ids[3] as string, 1.5]]) })).toBe(1);
      expect(await dataset.exists('score').count()).toBe(valIds.length + 2);
      expect((await dataset.getSample(fx.ids[0] as string)).score).toBe(0.75);
      await expect(val.setValues('score', [1])).rejects.toBeInstanceOf(BadRequestError);
      await expect(dataset.setValues('score', { byId: { [fx.ids[1] as string]: 'text' } })).rejects.toBeInstanceOf(
        BadRequestError,
      );
      await dataset.delete();
    });

    it('setValues of more than ~1 MB is sent in parts, aligned by id', async () => {
      const { dataset, fx } = await freshDataset('big values');
      // 30 × 50 kB ≈ 1.5 MB: over one request body.
      const notes = fx.ids.map((_, i) => String(i % 10).repeat(50_000));
      const view = dataset.sortBy('uniqueness', { reverse: true });
      expect(await view.setValues('notes', notes)).toBe(FIXTURE_SIZE);
      expect(await view.values('notes')).toEqual(notes);
      await expect(view.setValues('notes', notes.slice(1))).rejects.toThrow(/29 values for the 30 samples/);
      await dataset.delete();
    });

    it('tags samples and labels, and counts tags', async () => {
      const { dataset, fx } = await freshDataset('tagging');
      const hardIds = fx.idsWhere((s) => s.tags.includes('hard'));
      expect(await dataset.matchTags('hard').tagSamples('reviewed')).toBe(hardIds.length);
      expect(await dataset.matchTags('reviewed').values('id')).toEqual(hardIds);
      const expectedTags = Object.fromEntries(
        countBy([...fx.samples.flatMap((s) => s.tags), ...hardIds.map(() => 'reviewed')]),
      );
      expect(await dataset.countSampleTags()).toEqual(expectedTags);
      // With onProgress: the one request's progress, ending at all of the view's samples written.
      const seen: Array<{ done: number; total: number }> = [];
      expect(
        await dataset.matchTags('hard').tagSamples('followed', { onProgress: (p) => seen.push(p), pollMs: 5 }),
      ).toBe(hardIds.length);
      expect(seen.at(-1)).toEqual({ done: hardIds.length, total: hardIds.length });
      expect(await dataset.matchTags('followed').untagSamples('followed')).toBe(hardIds.length);
      expect(await dataset.matchTags('reviewed').untagSamples(['reviewed'])).toBe(hardIds.length);
      expect(await dataset.matchTags('reviewed').count()).toBe(0);

      const dogs = dataset.filterLabels('ground_truth', F('label').eq('dog'));
      const dogCount = fixtureDetections(fx.samples).filter((d) => d.label === 'dog').length;
      await dogs.tagLabels('checked', 'ground_truth');
      expect(await dataset.countLabelTags()).toEqual({ checked: dogCount });
      expect(await dataset.countLabelTags(['ground_truth'])).toEqual({ checked: dogCount });
      expect(await dataset.match(F('uniqueness').lt(0)).countLabelTags()).toEqual({});
      expect(
        await dataset.filterLabels('ground_truth', F('tags').contains('checked')).count('ground_truth.detections'),
      ).toBe(dogCount);
      await dataset.untagLabels('checked');
      expect(await dataset.countLabelTags()).toEqual({});
      await dataset.delete();
    });

    it('deletes samples by id and through a view', async () => {
      const { dataset, fx } = await freshDataset('deleting');
      expect(await dataset.deleteSamples([fx.ids[0] as string, fx.ids[1] as string])).toBe(2);
      expect(await dataset.deleteSamples([])).toBe(0);
      expect(await dataset.count()).toBe(FIXTURE_SIZE - 2);
      const test = fx.idsWhere((s) => s.tags.includes('test') && s.id !== fx.ids[0] && s.id !== fx.ids[1]);
      expect(await dataset.matchTags('test').deleteSamples()).toBe(test.length);
      expect(await dataset.values('id')).toEqual(fx.ids.slice(2).filter((id) => !test.includes(id)));
      expect(await dataset.clear()).toBe(FIXTURE_SIZE - 2 - test.length);
      expect(await dataset.count()).toBe(0);
      await dataset.delete();
    });

    it('an addSamples batch with one bad sample changes nothing', async () => {
      const { dataset } = await freshDataset('all or nothing');
      const bad = [
        { filepath: '/ok-1.jpg', uniqueness: 0.5 },
        { filepath: '/bad.jpg', uniqueness: 'very' },
        { filepath: '/ok-2.jpg' },
      ];
      const error = await dataset.addSamples(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).message).toContain('uniqueness');
      expect(await dataset.count()).toBe(FIXTURE_SIZE);
      await expect(dataset.addSample({ filepath: '' })).rejects.toBeInstanceOf(BadRequestError);
      await expect(dataset.addSamples([null as never])).rejects.toThrow(/sample 0 must be an object/);
      await dataset.delete();
    });

    it('streams ~5k samples from an async generator in several batches, with progress', async () => {
      const dataset = await createDataset('streamed', {}, connection);
      const progress: number[] = [];
      const added = await dataset.addSamples(syntheticSamples(5_000), {
        returnIds: false,
        progress: ({ added }) => progress.push(added),
      });
      expect(added).toBe(5_000);
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress.at(-1)).toBe(5_000);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(await dataset.count()).toBe(5_000);
      expect(await dataset.count('ground_truth.detections')).toBe(20_000);
      const more = await dataset.addSamples(syntheticSamples(1_200, '/more'));
      expect(more).toHaveLength(1_200);
      expect(await dataset.match(F('filepath').startsWith('/more/')).values('id')).toEqual(more);
      await dataset.delete();
    });
  });

  describe('field schema', () => {
    it('lists, adds, renames and deletes fields', async () => {
      const { dataset, fx } = await freshDataset('schema');
      const custom = await dataset.getFieldSchema({ builtins: false });
      expect(custom).toMatchObject({ uniqueness: 'float', weather: 'string', ground_truth: 'Detections' });
      expect(Object.keys(custom)).not.toContain('filepath');
      expect(await dataset.getFieldSchema()).toMatchObject({
        id: 'string',
        filepath: 'string',
        tags: 'list<string>',
        uniqueness: 'float',
      });

      await dataset.addSampleField('notes', 'string');
      expect((await dataset.getFieldSchema())['notes']).toBe('string');
      await dataset.setValues('notes', { byId: { [fx.ids[2] as string]: 'look' } });
      await dataset.renameSampleField('notes', 'comment');
      const renamed = await dataset.getFieldSchema();
      expect(renamed['comment']).toBe('string');
      expect(renamed['notes']).toBeUndefined();
      expect((await dataset.getSample(fx.ids[2] as string)).comment).toBe('look');
      await dataset.deleteSampleField('comment');
      expect((await dataset.getFieldSchema())['comment']).toBeUndefined();
      expect((await dataset.getSample(fx.ids[2] as string)).comment).toBeUndefined();
      await expect(dataset.addSampleField('uniqueness', 'string')).rejects.toThrow(ConflictError);
      await expect(dataset.addSampleField('uniqueness', 'string')).rejects.toThrow(/uniqueness/);
      await expect(dataset.deleteSampleField('filepath')).rejects.toBeInstanceOf(BadRequestError);
      await dataset.delete();
    });
  });

  describe('saved views', () => {
    it('saves, lists, loads, overwrites and deletes views', async () => {
      const { dataset } = await freshDataset('saved views');
      const cats = dataset.filterLabels('ground_truth', F('label').eq('cat')).sortBy('uniqueness');
      const saved = await dataset.saveView('Cats by uniqueness', cats, { description: 'cats only' });
      expect(saved).toMatchObject({ name: 'Cats by uniqueness', description: 'cats only', view: cats.toJSON() });
      expect(await dataset.listSavedViews()).toEqual(['Cats by uniqueness']);
      const loaded = await dataset.loadSavedView('Cats by uniqueness');
      expect(loaded.toJSON()).toEqual(cats.toJSON());
      expect(await loaded.values('id')).toEqual(await cats.values('id'));

      await expect(dataset.saveView('Cats by uniqueness', dataset.limit(1))).rejects.toBeInstanceOf(ConflictError);
      await dataset.saveView('Cats by uniqueness', dataset.limit(1), { overwrite: true });
      expect(await (await dataset.loadSavedView('Cats by uniqueness')).count()).toBe(1);
      expect((await dataset.listSavedViews({ info: true }))[0]).toMatchObject({
        name: 'Cats by uniqueness',
        view: { stages: [{ stage: 'limit', n: 1 }] },
      });

      await dataset.deleteSavedView('Cats by uniqueness');
      expect(await dataset.listSavedViews()).toEqual([]);
      await expect(dataset.loadSavedView('Cats by uniqueness')).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        dataset.saveView('bad', { stages: [{ stage: 'match', filter: { op: 'field', path: 'nope' } }] } as never),
      ).rejects.toBeInstanceOf(BadRequestError);
      await dataset.delete();
    });
  });

  describe('clone', () => {
    it('clones a view (with its label filter) and the whole dataset', async () => {
      const cats = ds.filterLabels('ground_truth', F('label').eq('cat'));
      const copy = await cats.clone('cats copy');
      expect(copy).toMatchObject({ name: 'cats copy', permission: 'MANAGE' });
      expect(await copy.count()).toBe(await cats.count());
      expect(await copy.distinct('ground_truth.detections.label')).toEqual(['cat']);
      const whole = await ds.clone('whole copy');
      expect(await whole.count()).toBe(FIXTURE_SIZE);
      expect(await whole.getFieldSchema({ builtins: false })).toEqual(await ds.getFieldSchema({ builtins: false }));
      await copy.delete();
      await whole.delete();
      await expect(ds.clone('fixture')).rejects.toBeInstanceOf(ConflictError);
    });
  });
});

describe('every connection gives the same answers', () => {
  it.runIf(targets.length > 1)('for seeded take and shuffle', () => {
    const [first, ...rest] = [...transcripts.entries()];
    expect(first?.[1].take).toBeDefined();
    for (const [label, transcript] of rest) expect(transcript, label).toEqual(first?.[1]);
  });
});
