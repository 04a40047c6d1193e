// Every sample operation behind its permission (docs/design.md §2), on SQLite and PostgreSQL: 403 {required, actual} just below it, 404 when invisible.
import type { DatasetPermission } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import type { Services } from '../services.js';
import { expectAppError, seedTeam, type Team } from '../test-support/identity-fixtures.js';
import {
  createSampleTestContext,
  detection,
  detections,
  uniqueDatasetName,
  type SampleTestContext,
} from '../test-support/sample-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

interface Operation {
  name: string;
  required: Exclude<DatasetPermission, 'NO_ACCESS' | 'MANAGE'>;
  run(actor: Actor): Promise<unknown>;
}

describe.each(await testDialects())('sample operation permissions on %s', (dialect) => {
  let t: SampleTestContext;
  let services: Services;
  let outsiders: Team;
  let dataset: string;
  let sampleId: string;
  let operations: Operation[];

  beforeAll(async () => {
    t = await createSampleTestContext(dialect);
    services = t.services;
    outsiders = await seedTeam(services, 'outsiders');
    dataset = await t.newDataset('guarded');
    ({
      ids: [sampleId = ''],
    } = await services.samples.addSamples(SYSTEM_ACTOR, dataset, [
      { filepath: '/a.jpg', tags: ['t'], uniqueness: 0.5, gt: detections(detection('cat')) },
    ]));
    await services.savedViews.save(SYSTEM_ACTOR, dataset, 'saved', { view: { stages: [] } });
    await services.datasetPermissions.setUser(SYSTEM_ACTOR, dataset, t.team.guest.id, 'VIEW');
    await services.datasetPermissions.setUser(SYSTEM_ACTOR, dataset, t.team.collaborator.id, 'TAG');
    const view = { stages: [{ stage: 'match_tags' as const, tags: ['t'] }] };
    const s = services.samples;
    const views = services.savedViews;
    operations = [
      { name: 'getSample', required: 'VIEW', run: (a) => s.getSample(a, dataset, sampleId) },
      { name: 'querySamples', required: 'VIEW', run: (a) => s.querySamples(a, dataset, { view }) },
      { name: 'values', required: 'VIEW', run: (a) => s.values(a, dataset, { path: 'uniqueness' }) },
      {
        name: 'aggregate',
        required: 'VIEW',
        run: (a) => s.aggregate(a, dataset, { aggregations: [{ type: 'count' }] }),
      },
      { name: 'countTags', required: 'VIEW', run: (a) => s.countTags(a, dataset, { labels: true }) },
      { name: 'getFieldSchema', required: 'VIEW', run: (a) => s.getFieldSchema(a, dataset) },
      { name: 'listSavedViews', required: 'VIEW', run: (a) => views.list(a, dataset) },
      { name: 'getSavedView', required: 'VIEW', run: (a) => views.get(a, dataset, 'saved') },
      { name: 'tag', required: 'TAG', run: (a) => s.tag(a, dataset, { tags: ['x'] }) },
      { name: 'tagProgress', required: 'TAG', run: (a) => s.tagProgress(a, dataset, 'some-token') },
      { name: 'untag labels', required: 'TAG', run: (a) => s.untag(a, dataset, { tags: ['x'], labels: true }) },
      { name: 'addSamples', required: 'EDIT', run: (a) => s.addSamples(a, dataset, [{ filepath: '/b.jpg' }]) },
      {
        name: 'patchSample',
        required: 'EDIT',
        run: (a) => s.patchSample(a, dataset, sampleId, { set: { uniqueness: 0.1 } }),
      },
      { name: 'deleteSamples by id', required: 'EDIT', run: (a) => s.deleteSamples(a, dataset, { ids: [sampleId] }) },
      { name: 'deleteSamples by view', required: 'EDIT', run: (a) => s.deleteSamples(a, dataset, { view }) },
      {
        name: 'setValues',
        required: 'EDIT',
        run: (a) => s.setValues(a, dataset, { path: 'uniqueness', values: [0.9] }),
      },
      { name: 'addField', required: 'EDIT', run: (a) => s.addField(a, dataset, 'extra', 'string') },
      { name: 'deleteField', required: 'EDIT', run: (a) => s.deleteField(a, dataset, 'uniqueness') },
      { name: 'renameField', required: 'EDIT', run: (a) => s.renameField(a, dataset, 'extra', 'extra_renamed') },
      { name: 'saveView', required: 'EDIT', run: (a) => views.save(a, dataset, 'other', { view }) },
      { name: 'deleteSavedView', required: 'EDIT', run: (a) => views.delete(a, dataset, 'saved') },
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  const snapshot = async () => ({
    dataset: await services.datasets.get(SYSTEM_ACTOR, dataset),
    samples: await services.samples.querySamples(SYSTEM_ACTOR, dataset, {}),
    fields: await services.samples.getFieldSchema(SYSTEM_ACTOR, dataset),
    views: await services.savedViews.list(SYSTEM_ACTOR, dataset),
  });

  it('refuses each operation with 403 {required, actual} to a user one level below it, changing nothing', async () => {
    const before = await snapshot();
    const below: Record<Operation['required'], { actor: Actor; actual: DatasetPermission } | undefined> = {
      VIEW: undefined,
      TAG: { actor: t.team.as.guest, actual: 'VIEW' },
      EDIT: { actor: t.team.as.collaborator, actual: 'TAG' },
    };
    let checked = 0;
    for (const op of operations) {
      const user = below[op.required];
      if (!user) continue;
      const error = await expectAppError(op.run(user.actor), 'FORBIDDEN');
      expect(error.details, op.name).toEqual({ required: op.required, actual: user.actual });
      checked += 1;
    }
    expect(checked).toBe(13);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for every operation, clone included, on a dataset the caller cannot see', async () => {
    const before = await snapshot();
    for (const actor of [outsiders.as.member, outsiders.as.collaborator, outsiders.as.guest]) {
      for (const op of operations)
        await expectAppError(op.run(actor), 'NOT_FOUND', `Dataset ${JSON.stringify(dataset)} not found`);
      await expectAppError(services.clones.clone(actor, dataset, { name: uniqueDatasetName('clone') }), 'NOT_FOUND');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets each operation through at its level (and the VIEW ones to a guest)', async () => {
    for (const op of operations.filter((o) => o.required === 'VIEW')) await op.run(t.team.as.guest);
    for (const op of operations.filter((o) => o.required === 'TAG')) await op.run(t.team.as.collaborator);
    await services.datasetPermissions.setUser(SYSTEM_ACTOR, dataset, t.team.collaborator.id, 'EDIT');
    for (const op of operations.filter((o) => o.required === 'EDIT')) await op.run(t.team.as.collaborator);
    expect((await services.savedViews.list(SYSTEM_ACTOR, dataset)).map((v) => v.name)).toEqual(['other']);
  });
});
