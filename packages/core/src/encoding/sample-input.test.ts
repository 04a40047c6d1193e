// Sample input validation: built-ins, custom field names, label classes and their attributes, ids and tags filled in.
import { FILEPATH_MAX_LENGTH, type FieldSchema } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { FieldValues } from './field-values.js';
import { normalizeSampleInput } from './sample-input.js';
import { SchemaBuilder } from '../fields/schema-inference.js';

let counter = 0;
/** Deterministic label ids, so expectations can name them. */
const fakeId = (): string => (++counter).toString(16).padStart(24, '0');

function normalize(input: unknown, stored: FieldSchema = {}) {
  const schema = new SchemaBuilder(stored);
  const sample = normalizeSampleInput(input, new FieldValues(schema, fakeId));
  return { sample, schema };
}

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('normalizeSampleInput: built-in fields', () => {
  it('keeps filepath, an optional 24-hex id, de-duplicated tags and metadata; custom fields go to `fields`', () => {
    const { sample } = normalize({
      id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      filepath: '/a.jpg',
      tags: ['x', 'y', 'x'],
      metadata: { width: 10, height: 5, camera: 'k' },
      score: 0.5,
    });
    expect(sample).toEqual({
      id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      filepath: '/a.jpg',
      tags: ['x', 'y'],
      metadata: { width: 10, height: 5, camera: 'k' },
      fields: { score: 0.5 },
    });
    expect(normalize({ filepath: '/b.jpg' }).sample).toEqual({
      id: undefined,
      filepath: '/b.jpg',
      tags: [],
      metadata: null,
      fields: {},
    });
  });

  it('refuses a missing, empty or overlong filepath, a malformed id, non-string tags, non-object metadata', () => {
    expect(errorOf(() => normalize({})).details).toEqual({ field: 'filepath' });
    expect(errorOf(() => normalize({ filepath: '' })).details).toEqual({ field: 'filepath' });
    expect(errorOf(() => normalize({ filepath: 'x'.repeat(FILEPATH_MAX_LENGTH + 1) })).details).toEqual({
      field: 'filepath',
    });
    expect(normalize({ filepath: 'x'.repeat(FILEPATH_MAX_LENGTH) }).sample.filepath).toHaveLength(FILEPATH_MAX_LENGTH);
    expect(errorOf(() => normalize({ filepath: '/a', id: 'ABC' })).details).toEqual({ field: 'id' });
    expect(errorOf(() => normalize({ filepath: '/a', tags: ['a', 1] })).details).toEqual({ field: 'tags' });
    expect(errorOf(() => normalize({ filepath: '/a', tags: 'a' })).details).toEqual({ field: 'tags' });
    expect(errorOf(() => normalize({ filepath: '/a', metadata: [1] })).details).toEqual({ field: 'metadata' });
    expect(errorOf(() => normalize({ filepath: '/a', metadata: { width: 'wide' } })).message).toBe(
      'Field "metadata.width" is int; got string',
    );
    expect(errorOf(() => normalize('a sample')).code).toBe('BAD_REQUEST');
  });

  it('refuses reserved and non-identifier field names; ignores server-set timestamps', () => {
    expect(errorOf(() => normalize({ filepath: '/a', _id: 1 })).message).toMatch(/reserved/);
    expect(errorOf(() => normalize({ filepath: '/a', dataset_id: 'x' })).message).toMatch(/reserved/);
    expect(errorOf(() => normalize({ filepath: '/a', 'bad-name': 1 })).message).toMatch(/identifier/);
    expect(errorOf(() => normalize({ filepath: '/a', '1st': 1 })).details).toEqual({ field: '1st' });
    expect(normalize({ filepath: '/a', created_at: '2020-01-01', last_modified_at: 'x' }).sample.fields).toEqual({});
  });
});

describe('normalizeSampleInput: labels', () => {
  it('assigns ids to labels without one, keeps given ids, defaults tags to [] and types custom attributes', () => {
    const { sample, schema } = normalize({
      filepath: '/a.jpg',
      ground_truth: {
        _cls: 'Detections',
        detections: [
          { _cls: 'Detection', label: 'cat', bounding_box: [0.1, 0.2, 0.3, 0.4], confidence: 0.9, iscrowd: 0 },
          {
            _cls: 'Detection',
            id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
            label: 'dog',
            bounding_box: [0, 0, 1, 1],
            tags: ['ok', 'ok'],
          },
        ],
      },
      weather: { _cls: 'Classification', label: 'sunny' },
    });
    const gt = sample.fields.ground_truth as { detections: Array<Record<string, unknown>> };
    expect(gt.detections[0]).toEqual({
      _cls: 'Detection',
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      label: 'cat',
      bounding_box: [0.1, 0.2, 0.3, 0.4],
      confidence: 0.9,
      iscrowd: 0,
      tags: [],
    });
    expect(gt.detections[1]).toMatchObject({ id: 'bbbbbbbbbbbbbbbbbbbbbbbb', tags: ['ok'] });
    expect(sample.fields.weather).toEqual({
      _cls: 'Classification',
      label: 'sunny',
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      tags: [],
    });
    expect(schema.changes()).toEqual([
      { path: 'ground_truth.detections.iscrowd', type: 'float', widens: false },
      { path: 'ground_truth', type: 'Detections', widens: false },
      { path: 'weather', type: 'Classification', widens: false },
    ]);
  });

  it('fills in the item class of list items without _cls and an empty list for a list label without items', () => {
    const { sample } = normalize({
      filepath: '/a',
      gt: { _cls: 'Detections', detections: [{ label: 'cat' }] },
      kp: { _cls: 'Keypoints' },
    });
    expect((sample.fields.gt as { detections: unknown[] }).detections[0]).toMatchObject({
      _cls: 'Detection',
      label: 'cat',
    });
    expect(sample.fields.kp).toEqual({ _cls: 'Keypoints', keypoints: [] });
  });

  it('refuses an unknown label class naming the field, and items of the wrong class', () => {
    const unknown = errorOf(() => normalize({ filepath: '/a', gt: { _cls: 'Segmentation', mask: [] } }));
    expect(unknown.message).toMatch(/^Field "gt" has unknown label class "Segmentation"/);
    expect(unknown.details).toEqual({ field: 'gt' });
    expect(
      errorOf(() =>
        normalize({ filepath: '/a', gt: { _cls: 'Detections', detections: [{ _cls: 'Classification', label: 'x' }] } }),
      ).message,
    ).toBe('Field "gt.detections" holds Detection labels; got "Classification"');
    expect(errorOf(() => normalize({ filepath: '/a', gt: { _cls: 'Detections', detections: 'cat' } })).message).toBe(
      'Field "gt.detections" is list<Detection>; got string',
    );
  });

  it('checks built-in attributes per class', () => {
    const det = (extra: Record<string, unknown>) =>
      normalize({ filepath: '/a', gt: { _cls: 'Detections', detections: [{ label: 'cat', ...extra }] } });
    expect(errorOf(() => det({ bounding_box: [0, 0, 1] })).message).toBe(
      'Field "gt.detections.bounding_box" must be 4 finite numbers [x, y, width, height]',
    );
    expect(errorOf(() => det({ bounding_box: [0, 0, 1, Number.NaN] })).details).toEqual({
      field: 'gt.detections.bounding_box',
    });
    expect(errorOf(() => det({ label: 5 })).message).toBe('Field "gt.detections.label" is string; got float');
    expect(errorOf(() => det({ confidence: 'high' })).message).toBe(
      'Field "gt.detections.confidence" is float; got string',
    );
    expect(errorOf(() => det({ index: 1.5 })).message).toBe('Field "gt.detections.index" is int; got float');
    expect(errorOf(() => det({ tags: ['a', 3] })).details).toMatchObject({ field: 'gt.detections.tags' });
    expect(errorOf(() => det({ id: 'nope' })).details).toEqual({ field: 'gt.detections.id' });
    expect(errorOf(() => det({ _secret: 1 })).message).toMatch(/identifier not starting with "_"/);
    expect(errorOf(() => det({ inner: { _cls: 'Classification' } })).message).toMatch(
      /labels cannot hold other labels/,
    );
    expect(det({ confidence: null, bounding_box: null }).sample.fields.gt).toMatchObject({
      detections: [{ confidence: null, bounding_box: null }],
    });
    expect(errorOf(() => normalize({ filepath: '/a', r: { _cls: 'Regression', value: 'x' } })).message).toBe(
      'Field "r.value" is float; got string',
    );
    expect(errorOf(() => normalize({ filepath: '/a', p: { _cls: 'Polyline', closed: 1 } })).message).toBe(
      'Field "p.closed" is bool; got float',
    );
    expect(errorOf(() => normalize({ filepath: '/a', c: { _cls: 'Classifications', logits: ['a'] } })).message).toBe(
      'Field "c.logits" is list<float>; got list<string>',
    );
  });

  it('checks label fields and custom label attributes against the stored schema', () => {
    const stored: FieldSchema = { gt: 'Detections', 'gt.detections.iscrowd': 'int' };
    expect(
      errorOf(() => normalize({ filepath: '/a', gt: { _cls: 'Classification', label: 'x' } }, stored)).message,
    ).toBe('Field "gt" is Detections; got Classification');
    expect(errorOf(() => normalize({ filepath: '/a', gt: { label: 'x' } }, stored)).message).toBe(
      'Field "gt" is Detections; got dict',
    );
    expect(
      errorOf(() => normalize({ filepath: '/a', gt: { _cls: 'Detections', detections: [{ iscrowd: 0.5 }] } }, stored))
        .message,
    ).toBe('Field "gt.detections.iscrowd" is int; got float');
    expect(
      normalize({ filepath: '/a', gt: { _cls: 'Detections', detections: [{ iscrowd: 1 }] } }, stored).schema.changes(),
    ).toEqual([]);
    expect(errorOf(() => normalize({ filepath: '/a', plain: { _cls: 'Detection' } }, { plain: 'dict' })).message).toBe(
      'Field "plain" is dict; got Detection',
    );
  });
});
