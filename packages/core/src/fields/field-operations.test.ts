// Field schema operations on SQLite and PostgreSQL: list, declare, delete and rename — the schema rows and the sample data both change.
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

describe.each(await testDialects())('field operations on %s', (dialect) => {
  let t: SampleTestContext;
  let services: Services;

  beforeAll(async () => {
    t = await createSampleTestContext(dialect);
    services = t.services;
  });
  afterAll(async () => {
    await t?.close();
  });

  const custom = async (name: string): Promise<Array<[string, string]>> =>
    (await services.samples.getFieldSchema(SYSTEM_ACTOR, name)).filter((f) => !f.builtin).map((f) => [f.path, f.type]);

  /** A dataset with two samples holding a Detections field (one detection with `iscrowd`), a float and a string. */
  async function seeded(label: string): Promise<{ name: string; ids: string[] }> {
    const name = await t.newDataset(label);
    const { ids } = await services.samples.addSamples(SYSTEM_ACTOR, name, [
      {
        filepath: '/a.jpg',
        uniqueness: 0.1,
        note: 'a',
        gt: detections(detection('cat', { iscrowd: 1 }), detection('dog')),
      },
      { filepath: '/b.jpg', uniqueness: 0.2, gt: detections(detection('bird', { iscrowd: 0 })) },
    ]);
    return { name, ids };
  }

  it('lists built-ins (builtin: true), custom fields and custom label attributes, sorted by path', async () => {
    const { name } = await seeded('list');
    expect(await services.samples.getFieldSchema(t.team.as.member, name)).toEqual([
      { path: 'created_at', type: 'string', builtin: true },
      { path: 'filepath', type: 'string', builtin: true },
      { path: 'gt', type: 'Detections', builtin: false },
      { path: 'gt.detections.iscrowd', type: 'float', builtin: false },
      { path: 'id', type: 'string', builtin: true },
      { path: 'last_modified_at', type: 'string', builtin: true },
      { path: 'metadata', type: 'dict', builtin: true },
      { path: 'note', type: 'string', builtin: false },
      { path: 'tags', type: 'list<string>', builtin: true },
      { path: 'uniqueness', type: 'float', builtin: false },
    ]);
  });

  describe('addField', () => {
    it('declares top-level fields and label attributes, which later values must then fit', async () => {
      const { name } = await seeded('declare');
      const fields = await services.samples.addField(t.team.as.member, name, 'difficulty', 'int');
      expect(fields).toContainEqual({ path: 'difficulty', type: 'int', builtin: false });
      await services.samples.addField(SYSTEM_ACTOR, name, 'gt.detections.area', 'float');
      await services.samples.addField(SYSTEM_ACTOR, name, 'weather', 'Classification');
      await services.samples.addField(SYSTEM_ACTOR, name, 'weather.source', 'string');
      await services.samples.addField(SYSTEM_ACTOR, name, 'gt.reviewer', 'string');
      expect(await custom(name)).toEqual(
        expect.arrayContaining([
          ['gt.detections.area', 'float'],
          ['weather', 'Classification'],
          ['weather.source', 'string'],
          ['gt.reviewer', 'string'],
        ]),
      );
      await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/c.jpg', difficulty: 1.5 }]),
        'BAD_REQUEST',
        'Field "difficulty" is int; got float',
      );
      await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [
          { filepath: '/c.jpg', gt: detections(detection('x', { area: 'big' })) },
        ]),
        'BAD_REQUEST',
        'Field "gt.detections.area" is float; got string',
      );
      await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/c.jpg', weather: detections() }]),
        'BAD_REQUEST',
        'Field "weather" is Classification; got Detections',
      );
      await services.samples.addSamples(SYSTEM_ACTOR, name, [
        { filepath: '/c.jpg', difficulty: 2, gt: detections(detection('x', { area: 3 })) },
      ]);
    });

    it('answers 409 for an existing field or built-in and 400 for bad types, names and paths', async () => {
      const { name } = await seeded('declare errors');
      await expectAppError(
        services.samples.addField(SYSTEM_ACTOR, name, 'uniqueness', 'float'),
        'CONFLICT',
        'Field "uniqueness" already exists',
      );
      await expectAppError(services.samples.addField(SYSTEM_ACTOR, name, 'filepath', 'string'), 'CONFLICT');
      await expectAppError(services.samples.addField(SYSTEM_ACTOR, name, 'gt.detections.iscrowd', 'int'), 'CONFLICT');
      await expectAppError(services.samples.addField(SYSTEM_ACTOR, name, 'gt.detections.label', 'string'), 'CONFLICT');
      await expectAppError(
        services.samples.addField(SYSTEM_ACTOR, name, 'x', 'any'),
        'BAD_REQUEST',
        /type must be one of/,
      );
      await expectAppError(
        services.samples.addField(SYSTEM_ACTOR, name, 'x', 'list<Detection>'),
        'BAD_REQUEST',
        /type must be one of/,
      );
      await expectAppError(services.samples.addField(SYSTEM_ACTOR, name, 'x', 'vector' as never), 'BAD_REQUEST');
      await expectAppError(
        services.samples.addField(SYSTEM_ACTOR, name, '_private', 'string'),
        'BAD_REQUEST',
        /reserved/,
      );
      await expectAppError(services.samples.addField(SYSTEM_ACTOR, name, 'bad path', 'string'), 'BAD_REQUEST');
      await expectAppError(
        services.samples.addField(SYSTEM_ACTOR, name, 'note.inner', 'string'),
        'BAD_REQUEST',
        /not a label field/,
      );
      await expectAppError(services.samples.addField(SYSTEM_ACTOR, name, 'gt.detections', 'string'), 'BAD_REQUEST');
      await expectAppError(
        services.samples.addField(SYSTEM_ACTOR, name, 'gt.detections.box', 'Detection'),
        'BAD_REQUEST',
        /cannot itself be a label/,
      );
    });
  });

  describe('deleteField', () => {
    it('removes a top-level field (and the entries below it) from the schema and from every sample', async () => {
      const { name, ids } = await seeded('delete');
      await services.samples.deleteField(t.team.as.member, name, 'gt');
      await services.samples.deleteField(SYSTEM_ACTOR, name, 'note');
      expect(await custom(name)).toEqual([['uniqueness', 'float']]);
      for (const id of ids) {
        const sample = await services.samples.getSample(SYSTEM_ACTOR, name, id);
        expect(Object.hasOwn(sample, 'gt')).toBe(false);
        expect(Object.hasOwn(sample, 'note')).toBe(false);
        expect(sample.uniqueness).toBeDefined();
      }
      // The name is free again, with any type.
      await services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/c.jpg', note: 5, gt: 'text' }]);
      expect(await custom(name)).toEqual(
        expect.arrayContaining([
          ['note', 'float'],
          ['gt', 'string'],
        ]),
      );
    });

    it('removes a custom label attribute from every label inside the list', async () => {
      const { name, ids } = await seeded('delete attribute');
      await services.samples.deleteField(SYSTEM_ACTOR, name, 'gt.detections.iscrowd');
      expect(await custom(name)).toEqual([
        ['gt', 'Detections'],
        ['note', 'string'],
        ['uniqueness', 'float'],
      ]);
      for (const id of ids) {
        const gt = (await services.samples.getSample(SYSTEM_ACTOR, name, id)).gt as {
          detections: Array<Record<string, unknown>>;
        };
        expect(gt.detections.length).toBeGreaterThan(0);
        for (const d of gt.detections) {
          expect(Object.hasOwn(d, 'iscrowd')).toBe(false);
          expect(d.label).toEqual(expect.any(String));
        }
      }
    });

    it('refuses built-ins and built-in label attributes, and answers 404 for an unknown field', async () => {
      const { name } = await seeded('delete errors');
      await expectAppError(
        services.samples.deleteField(SYSTEM_ACTOR, name, 'filepath'),
        'BAD_REQUEST',
        '"filepath" is a built-in field and cannot be deleted',
      );
      await expectAppError(services.samples.deleteField(SYSTEM_ACTOR, name, 'metadata.width'), 'BAD_REQUEST');
      await expectAppError(
        services.samples.deleteField(SYSTEM_ACTOR, name, 'gt.detections.label'),
        'BAD_REQUEST',
        /built-in label attribute/,
      );
      await expectAppError(
        services.samples.deleteField(SYSTEM_ACTOR, name, 'nope'),
        'NOT_FOUND',
        `Field "nope" not found in dataset ${JSON.stringify(name)}`,
      );
    });
  });

  describe('renameField', () => {
    it('renames the key in every sample and the schema rows below it, keeping the values', async () => {
      const { name, ids } = await seeded('rename');
      const before = await Promise.all(ids.map((id) => services.samples.getSample(SYSTEM_ACTOR, name, id)));
      const fields = await services.samples.renameField(t.team.as.member, name, 'gt', 'ground_truth');
      expect(fields.filter((f) => !f.builtin).map((f) => f.path)).toEqual([
        'ground_truth',
        'ground_truth.detections.iscrowd',
        'note',
        'uniqueness',
      ]);
      await services.samples.renameField(SYSTEM_ACTOR, name, 'uniqueness', 'score');
      for (const [i, id] of ids.entries()) {
        const sample = await services.samples.getSample(SYSTEM_ACTOR, name, id);
        expect(sample.ground_truth).toEqual(before[i]?.gt);
        expect(sample.score).toBe(before[i]?.uniqueness);
        expect(Object.hasOwn(sample, 'gt')).toBe(false);
        expect(Object.hasOwn(sample, 'uniqueness')).toBe(false);
      }
      // Later adds use the new names and types.
      await expectAppError(
        services.samples.addSamples(SYSTEM_ACTOR, name, [{ filepath: '/c', score: 'x' }]),
        'BAD_REQUEST',
        'Field "score" is float; got string',
      );
    });

    it('answers 409 when the new name exists, 404 for an unknown field, 400 for nested paths and built-ins', async () => {
      const { name } = await seeded('rename errors');
      await expectAppError(
        services.samples.renameField(SYSTEM_ACTOR, name, 'note', 'uniqueness'),
        'CONFLICT',
        'Field "uniqueness" already exists',
      );
      await expectAppError(services.samples.renameField(SYSTEM_ACTOR, name, 'note', 'tags'), 'CONFLICT');
      await expectAppError(services.samples.renameField(SYSTEM_ACTOR, name, 'nope', 'other'), 'NOT_FOUND');
      await expectAppError(
        services.samples.renameField(SYSTEM_ACTOR, name, 'gt.detections.iscrowd', 'gt.detections.crowd'),
        'BAD_REQUEST',
        'Only top-level custom fields can be renamed',
      );
      await expectAppError(services.samples.renameField(SYSTEM_ACTOR, name, 'filepath', 'path'), 'BAD_REQUEST');
      await expectAppError(
        services.samples.renameField(SYSTEM_ACTOR, name, 'note', '_note'),
        'BAD_REQUEST',
        /reserved/,
      );
      expect(await custom(name)).toEqual([
        ['gt', 'Detections'],
        ['gt.detections.iscrowd', 'float'],
        ['note', 'string'],
        ['uniqueness', 'float'],
      ]);
    });
  });
});
