// Saved views on SQLite and PostgreSQL: save (validated against the schema), 409 without overwrite or on a slug clash, load, list, delete.
import type { View } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import { expectAppError } from '../test-support/identity-fixtures.js';
import { createSampleTestContext, type SampleTestContext } from '../test-support/sample-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

const TRAIN: View = { stages: [{ stage: 'match_tags', tags: ['train'] }] };
const HIGH: View = {
  stages: [
    {
      stage: 'match',
      filter: {
        op: 'gt',
        args: [
          { op: 'field', path: 'uniqueness' },
          { op: 'lit', value: 0.5 },
        ],
      },
    },
  ],
};

describe.each(await testDialects())('saved views on %s', (dialect) => {
  let t: SampleTestContext;
  let services: Services;
  let name: string;

  beforeAll(async () => {
    t = await createSampleTestContext(dialect);
    services = t.services;
    name = await t.newDataset('views');
    await services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/a.jpg', tags: ['train'], uniqueness: 0.7 }]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('saves a view with its slug, creator and times, and loads it by name or slug', async () => {
    const saved = await services.savedViews.save(t.team.as.member, name, '  Training Set ', {
      view: TRAIN,
      description: 'the train split',
    });
    expect(saved).toEqual({
      name: 'Training Set',
      slug: 'training-set',
      description: 'the train split',
      color: null,
      view: TRAIN,
      createdAt: expect.any(String),
      lastModifiedAt: saved.createdAt,
      createdBy: t.team.member.id,
    });
    expect(await services.savedViews.get(t.team.as.member, name, 'Training Set')).toEqual(saved);
    expect(await services.savedViews.get(t.team.as.member, name, 'training-set')).toEqual(saved);
  });

  it('keeps a colour (#rrggbb, lower-cased) across a replace that does not name one, and refuses other values', async () => {
    const saved = await services.savedViews.save(t.team.as.member, name, 'Coloured', { view: TRAIN, color: '#1C7ED6' });
    expect(saved.color).toBe('#1c7ed6');
    const replaced = await services.savedViews.save(t.team.as.member, name, 'Coloured', {
      view: HIGH,
      overwrite: true,
    });
    expect(replaced).toMatchObject({ color: '#1c7ed6', view: HIGH });
    const cleared = await services.savedViews.save(t.team.as.member, name, 'Coloured', {
      view: HIGH,
      color: null,
      overwrite: true,
    });
    expect(cleared.color).toBeNull();
    for (const color of ['blue', '#12345', 7])
      await expectAppError(
        services.savedViews.save(t.team.as.member, name, 'Bad colour', { view: TRAIN, color: color as string }),
        'BAD_REQUEST',
      );
    await services.savedViews.delete(t.team.as.member, name, 'Coloured');
  });

  it('answers 409 for an existing name unless overwrite, which replaces view and description and keeps the creator', async () => {
    const first = await services.savedViews.save(t.team.as.member, name, 'replaceable', { view: TRAIN });
    await expectAppError(
      services.savedViews.save(SYSTEM_ACTOR, name, 'replaceable', { view: HIGH }),
      'CONFLICT',
      /already exists.*overwrite/,
    );
    const replaced = await services.savedViews.save(SYSTEM_ACTOR, name, 'replaceable', {
      view: HIGH,
      description: 'now high',
      overwrite: true,
    });
    expect(replaced).toMatchObject({
      name: 'replaceable',
      view: HIGH,
      description: 'now high',
      createdAt: first.createdAt,
      createdBy: t.team.member.id,
    });
    expect(Date.parse(replaced.lastModifiedAt)).toBeGreaterThanOrEqual(Date.parse(first.lastModifiedAt));
    expect((await services.savedViews.get(SYSTEM_ACTOR, name, 'replaceable')).view).toEqual(HIGH);
  });

  it('answers 409 when another view has the slug, even with overwrite', async () => {
    await services.savedViews.save(SYSTEM_ACTOR, name, 'Night Shots', { view: TRAIN });
    const clash = await expectAppError(
      services.savedViews.save(SYSTEM_ACTOR, name, 'night shots!', { view: HIGH, overwrite: true }),
      'CONFLICT',
    );
    expect(clash.details).toEqual({ field: 'slug', slug: 'night-shots' });
    expect((await services.savedViews.get(SYSTEM_ACTOR, name, 'Night Shots')).view).toEqual(TRAIN);
  });

  it('validates the view against the schema and the name', async () => {
    const bad = await expectAppError(
      services.savedViews.save(SYSTEM_ACTOR, name, 'bad', {
        view: { stages: [{ stage: 'match', filter: { op: 'field', path: 'nope' } }] },
      }),
      'BAD_REQUEST',
    );
    expect(bad.details?.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('stages[0]') })]),
    );
    await expectAppError(services.savedViews.save(SYSTEM_ACTOR, name, 'bad', { view: [] }), 'BAD_REQUEST');
    await expectAppError(services.savedViews.save(SYSTEM_ACTOR, name, '', { view: TRAIN }), 'BAD_REQUEST');
    await expectAppError(services.savedViews.save(SYSTEM_ACTOR, name, '!!!', { view: TRAIN }), 'BAD_REQUEST', /slug/);
    await expectAppError(services.savedViews.save(SYSTEM_ACTOR, name, 'x'.repeat(201), { view: TRAIN }), 'BAD_REQUEST');
    await expectAppError(services.savedViews.get(SYSTEM_ACTOR, name, 'bad'), 'NOT_FOUND');
  });

  it('lists a dataset’s views sorted by name and deletes them (404 when absent)', async () => {
    const other = await t.newDataset('views other');
    await services.savedViews.save(SYSTEM_ACTOR, other, 'b view', { view: TRAIN });
    await services.savedViews.save(SYSTEM_ACTOR, other, 'a view', { view: { stages: [] } });
    expect((await services.savedViews.list(t.team.as.member, other)).map((v) => v.name)).toEqual(['a view', 'b view']);
    await services.savedViews.delete(t.team.as.member, other, 'a view');
    expect((await services.savedViews.list(SYSTEM_ACTOR, other)).map((v) => v.name)).toEqual(['b view']);
    await expectAppError(
      services.savedViews.delete(SYSTEM_ACTOR, other, 'a view'),
      'NOT_FOUND',
      `Saved view "a view" not found in dataset ${JSON.stringify(other)}`,
    );
    // Views belong to their dataset.
    await expectAppError(services.savedViews.get(SYSTEM_ACTOR, name, 'b view'), 'NOT_FOUND');
  });
});
