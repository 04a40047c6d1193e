// setValues paths and label tag rewrites as pure functions: path resolution, per-sample normalization, alignment, tag edits.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { FieldValues } from '../encoding/field-values.js';
import { idSequence } from '../encoding/id-sequence.js';
import { retagLabels } from './label-tags.js';
import type { SampleDocument } from './sample-store.js';
import { SchemaBuilder } from '../fields/schema-inference.js';
import { applyWrite, normalizeWriteValue, resolveWritePath } from './value-writes.js';

const SCHEMA = { gt: 'Detections', weather: 'Classification', preds: 'Classifications', note: 'string' } as const;

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

function doc(fields: Record<string, unknown>): SampleDocument {
  return { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', filepath: '/a', tags: [], metadata: null, fields };
}

describe('resolveWritePath', () => {
  it('tells built-ins, custom fields, single label attributes, list label attributes and attributes of list items apart', () => {
    expect(resolveWritePath(SCHEMA, 'tags')).toEqual({ kind: 'builtin', name: 'tags' });
    expect(resolveWritePath(SCHEMA, 'fresh')).toEqual({ kind: 'field', name: 'fresh' });
    expect(resolveWritePath(SCHEMA, 'weather.label')).toEqual({
      kind: 'label',
      field: 'weather',
      cls: 'Classification',
      attr: 'label',
    });
    expect(resolveWritePath(SCHEMA, 'preds.logits')).toEqual({
      kind: 'list',
      field: 'preds',
      cls: 'Classifications',
      attr: 'logits',
    });
    expect(resolveWritePath(SCHEMA, 'gt.detections.label')).toEqual({
      kind: 'items',
      field: 'gt',
      itemsKey: 'detections',
      itemClass: 'Detection',
      attr: 'label',
    });
  });

  it('refuses read-only and unwritable paths', () => {
    expect(errorOf(() => resolveWritePath(SCHEMA, 'id')).message).toBe('"id" is read-only');
    expect(errorOf(() => resolveWritePath(SCHEMA, 'gt.detections.id')).message).toMatch(/read-only/);
    expect(errorOf(() => resolveWritePath(SCHEMA, 'metadata.width')).message).toMatch(/built-in field "metadata"/);
    expect(errorOf(() => resolveWritePath(SCHEMA, 'note.x')).message).toMatch(/neither/);
    expect(errorOf(() => resolveWritePath(SCHEMA, 'missing.x')).message).toBe('The dataset has no field "missing"');
    expect(errorOf(() => resolveWritePath(SCHEMA, '_hidden')).message).toMatch(/reserved/);
  });
});

describe('normalizeWriteValue and applyWrite', () => {
  const values = () => new FieldValues(new SchemaBuilder(SCHEMA));

  it('writes one value per label of a list, in order, and refuses a list of another length', () => {
    const write = resolveWritePath(SCHEMA, 'gt.detections.label');
    const target = doc({
      gt: {
        _cls: 'Detections',
        detections: [
          { id: '1', label: 'a' },
          { id: '2', label: 'b' },
        ],
      },
    });
    applyWrite(target, write, normalizeWriteValue(write, ['x', 'y'], values()), { keepNull: true });
    expect(target.fields.gt).toEqual({
      _cls: 'Detections',
      detections: [
        { id: '1', label: 'x' },
        { id: '2', label: 'y' },
      ],
    });
    expect(errorOf(() => applyWrite(target, write, ['z'], { keepNull: true })).details).toMatchObject({
      expected: 2,
      actual: 1,
    });
    applyWrite(target, write, ['only'], { keepNull: true, visible: new Set(['2']) });
    expect((target.fields.gt as { detections: unknown[] }).detections).toEqual([
      { id: '1', label: 'x' },
      { id: '2', label: 'only' },
    ]);
    expect(errorOf(() => normalizeWriteValue(write, [3], values())).message).toBe(
      'Field "gt.detections.label" is string; got float',
    );
    expect(errorOf(() => normalizeWriteValue(write, 'x', values())).message).toMatch(/one list per sample/);
  });

  it('sets single label attributes (label tags null → []), and refuses a value for a sample without the label', () => {
    const write = resolveWritePath(SCHEMA, 'weather.tags');
    const target = doc({ weather: { _cls: 'Classification', id: '1', label: 'sun', tags: ['a'] } });
    applyWrite(target, write, normalizeWriteValue(write, null, values()), { keepNull: true });
    expect(target.fields.weather).toMatchObject({ tags: [] });
    const empty = doc({});
    applyWrite(empty, write, null, { keepNull: true });
    expect(empty.fields).toEqual({});
    expect(errorOf(() => applyWrite(empty, write, ['x'], { keepNull: true })).message).toMatch(
      /has no label in "weather"/,
    );
  });

  it('drops a null of a field nothing typed instead of storing an untyped key', () => {
    const write = resolveWritePath(SCHEMA, 'fresh');
    const target = doc({ fresh: 1 });
    applyWrite(target, write, null, { keepNull: false });
    expect(target.fields).toEqual({});
    applyWrite(target, write, null, { keepNull: true });
    expect(target.fields).toEqual({ fresh: null });
  });
});

describe('retagLabels', () => {
  it('adds tags once and removes them on the labels with the given ids only', () => {
    const fields: Record<string, unknown> = {
      gt: {
        _cls: 'Detections',
        detections: [
          { id: '1', tags: ['a'] },
          { id: '2', tags: [] },
        ],
      },
      weather: { _cls: 'Classification', id: '3', tags: [] },
    };
    expect(retagLabels(fields, 'gt', new Set(['1']), ['a', 'b'], true)).toBe(true);
    expect(retagLabels(fields, 'gt', new Set(['1']), ['a', 'b'], true)).toBe(false);
    expect(retagLabels(fields, 'weather', new Set(['3']), ['w'], true)).toBe(true);
    expect(fields).toEqual({
      gt: {
        _cls: 'Detections',
        detections: [
          { id: '1', tags: ['a', 'b'] },
          { id: '2', tags: [] },
        ],
      },
      weather: { _cls: 'Classification', id: '3', tags: ['w'] },
    });
    expect(retagLabels(fields, 'gt', new Set(['1', '2']), ['a'], false)).toBe(true);
    expect((fields.gt as { detections: unknown[] }).detections).toEqual([
      { id: '1', tags: ['b'] },
      { id: '2', tags: [] },
    ]);
    expect(retagLabels(fields, 'missing', new Set(['1']), ['a'], true)).toBe(false);
  });
});

describe('idSequence', () => {
  it('makes distinct 24-hex ids, and two sequences do not collide', () => {
    const a = idSequence();
    const b = idSequence();
    const ids = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? a() : b()));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
