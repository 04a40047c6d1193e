// Cloning on SQLite and PostgreSQL: whole datasets and views (labels filtered, fields selected), new sample ids, kept label ids, who may clone.
import type { Sample, View } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import { expectAppError } from '../test-support/identity-fixtures.js';
import {
  createSampleTestContext,
  detection,
  detections,
  uniqueDatasetName,
  type SampleTestContext,
} from '../test-support/sample-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

const CATS_ONLY: View = {
  stages: [
    {
      stage: 'match',
      filter: {
        op: 'gt',
        args: [
          { op: 'field', path: 'uniqueness' },
          { op: 'lit', value: 0.15 },
        ],
      },
    },
    {
      stage: 'filter_labels',
      field: 'gt',
      filter: {
        op: 'eq',
        args: [
          { op: 'elem', path: 'label' },
          { op: 'lit', value: 'cat' },
        ],
      },
    },
    { stage: 'select_fields', fields: ['gt'] },
  ],
};

describe.each(await testDialects())('clone on %s', (dialect) => {
  let t: SampleTestContext;
  let services: Services;
  let source: string;
  let sourceSamples: Sample[];

  beforeAll(async () => {
    t = await createSampleTestContext(dialect);
    services = t.services;
    source = uniqueDatasetName('source');
    await services.datasets.create(t.team.as.member, {
      name: source,
      mediaType: 'video',
      tags: ['birds'],
      description: 'the source',
      info: { origin: 'field' },
    });
    await services.samples.addSamples(SYSTEM_ACTOR, source, [
      {
        filepath: '/0.jpg',
        tags: ['a'],
        uniqueness: 0.1,
        note: 'zero',
        gt: detections(detection('cat'), detection('dog')),
      },
      {
        filepath: '/1.jpg',
        tags: ['b'],
        uniqueness: 0.2,
        note: 'one',
        gt: detections(detection('dog', { iscrowd: 1 }), detection('cat')),
      },
      { filepath: '/2.jpg', tags: ['c'], uniqueness: 0.3, gt: detections(detection('cat', { iscrowd: 0 })) },
    ]);
    await services.savedViews.save(SYSTEM_ACTOR, source, 'cats', { view: CATS_ONLY });
    sourceSamples = (await services.samples.querySamples(SYSTEM_ACTOR, source, {})).samples;
  });
  afterAll(async () => {
    await t?.close();
  });

  const without = (sample: Sample) => {
    const { id: _id, created_at: _c, last_modified_at: _m, ...rest } = sample;
    return rest;
  };

  it('copies a whole dataset: attributes, schema, samples with new ids and kept label ids, saved views; the cloner gets MANAGE', async () => {
    const name = uniqueDatasetName('copy');
    const clone = await services.clones.clone(t.team.as.member, source, { name });
    expect(clone).toMatchObject({
      name,
      mediaType: 'video',
      tags: ['birds'],
      description: 'the source',
      info: { origin: 'field' },
      createdBy: t.team.member.id,
      permission: 'MANAGE',
    });
    expect(await services.datasetPermissions.getUser(SYSTEM_ACTOR, name, t.team.member.id)).toMatchObject({
      userPermission: 'MANAGE',
    });
    expect(await services.samples.getFieldSchema(SYSTEM_ACTOR, name)).toEqual(
      await services.samples.getFieldSchema(SYSTEM_ACTOR, source),
    );
    const copied = (await services.samples.querySamples(SYSTEM_ACTOR, name, {})).samples;
    expect(copied.map(without)).toEqual(sourceSamples.map(without));
    for (const [i, sample] of copied.entries()) {
      expect(sample.id).toMatch(/^[0-9a-f]{24}$/);
      expect(sample.id).not.toBe(sourceSamples[i]?.id);
      expect(sample.created_at >= (sourceSamples[i]?.created_at ?? '')).toBe(true);
    }
    expect((await services.savedViews.list(SYSTEM_ACTOR, name)).map((v) => [v.name, v.view])).toEqual([
      ['cats', CATS_ONLY],
    ]);
    // The source is untouched.
    expect((await services.samples.querySamples(SYSTEM_ACTOR, source, {})).samples).toEqual(sourceSamples);
  });

  it('copies a view: only its samples, only the labels it shows, only the fields it selects', async () => {
    const name = uniqueDatasetName('view copy');
    await services.clones.clone(t.team.as.member, source, { name, view: CATS_ONLY });
    const copied = (await services.samples.querySamples(SYSTEM_ACTOR, name, {})).samples;
    expect(copied.map((s) => s.filepath)).toEqual(['/1.jpg', '/2.jpg']);
    const labels = copied.map((s) => (s.gt as { detections: Array<{ id: string; label: string }> }).detections);
    expect(labels.map((list) => list.map((d) => d.label))).toEqual([['cat'], ['cat']]);
    const sourceGt = (i: number) =>
      (sourceSamples[i]?.gt as { detections: Array<{ id: string; label: string }> }).detections;
    expect(labels.map((list) => list.map((d) => d.id))).toEqual([[sourceGt(1)[1]?.id], [sourceGt(2)[0]?.id]]);
    for (const sample of copied) {
      expect(Object.hasOwn(sample, 'uniqueness')).toBe(false);
      expect(Object.hasOwn(sample, 'note')).toBe(false);
    }
    expect(
      (await services.samples.getFieldSchema(SYSTEM_ACTOR, name)).filter((f) => !f.builtin).map((f) => f.path),
    ).toEqual(['gt', 'gt.detections.iscrowd']);
    expect(await services.savedViews.list(SYSTEM_ACTOR, name)).toEqual([]);
    expect(
      await services.samples.aggregate(SYSTEM_ACTOR, name, {
        aggregations: [{ type: 'count', path: 'gt.detections' }],
      }),
    ).toEqual({ results: [{ type: 'count', count: 2 }] });
  });

  it('enforces the role rule and the permission on the source: collaborators 403, invisible sources 404, names unique', async () => {
    await services.datasetPermissions.setUser(SYSTEM_ACTOR, source, t.team.collaborator.id, 'EDIT');
    const collaborator = await expectAppError(
      services.clones.clone(t.team.as.collaborator, source, { name: uniqueDatasetName('nope') }),
      'FORBIDDEN',
    );
    expect(collaborator.message).toMatch(/members and admins/);
    const hidden = await t.newDataset('hidden', t.team.as.admin);
    await expectAppError(
      services.clones.clone(t.team.as.member, hidden, { name: uniqueDatasetName('nope') }),
      'NOT_FOUND',
    );
    await services.datasetPermissions.setUser(SYSTEM_ACTOR, hidden, t.team.member.id, 'VIEW');
    const viewerClone = await services.clones.clone(t.team.as.member, hidden, {
      name: uniqueDatasetName('viewer copy'),
    });
    expect(viewerClone.permission).toBe('MANAGE');
    await expectAppError(services.clones.clone(t.team.as.member, source, { name: source }), 'CONFLICT');
    await expectAppError(
      services.clones.clone(t.team.as.member, source, {
        name: uniqueDatasetName('bad view'),
        view: { stages: [{ stage: 'nope' }] },
      }),
      'BAD_REQUEST',
    );
  });
});
