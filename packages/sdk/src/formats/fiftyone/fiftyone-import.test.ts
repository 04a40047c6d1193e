// FiftyOne-format reading without a database: a FiftyOne-written directory becomes Teamset samples, ids and labels kept.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleInput } from '@teamset/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stageFixture, type StagedFixture } from '../../test-support/format-fixtures.js';
import { InvalidInputError } from '../invalid-input-error.js';
import { prepareFiftyOneImport } from './fiftyone-import.js';

let fx: StagedFixture;
beforeEach(() => {
  fx = stageFixture('fiftyone');
});
afterEach(() => fx.cleanup());

async function read(skipInvalid = false) {
  const prepared = await prepareFiftyOneImport(fx.dir, { type: 'fiftyone', skipInvalid });
  const samples: SampleInput[] = [];
  for await (const sample of prepared.samples()) samples.push(sample);
  return { prepared, samples };
}

function writeSamples(samples: unknown[]): void {
  writeFileSync(join(fx.dir, 'samples.json'), JSON.stringify({ samples }));
}

describe('FiftyOne-format import: reading', () => {
  it('keeps sample ids, tags, metadata, custom fields and labels with their ids', async () => {
    const { prepared, samples } = await read();
    expect(prepared).toMatchObject({ sampleCount: 3, labelCount: 6 });
    expect(prepared.datasetDefaults).toEqual({
      mediaType: 'image',
      tags: ['fixture'],
      description: "Written to look like FiftyOne 1.x's FiftyOneDatasetExporter output",
      info: { source: 'test', classes: ['cat', 'dog'] },
    });
    expect(prepared.warnings).toEqual([
      'samples.json: samples[0].pose.keypoints[0].points: NaN cannot be stored in JSON; kept as null',
      'samples.json: field "seg" holds Segmentation labels, which Teamset does not keep; not imported',
    ]);
    const [one, two, three] = samples as [SampleInput, SampleInput, SampleInput];
    expect(one).toEqual({
      id: '6630a1b2c3d4e5f601234501',
      filepath: join(fx.dir, 'data', 'one.jpg'),
      tags: ['train', 'reviewed'],
      metadata: { size_bytes: 1234, mime_type: 'image/jpeg', width: 640, height: 480, num_channels: 3 },
      uniqueness: 0.73,
      count: 3,
      note: 'hello',
      captured_at: '2023-12-24T18:00:00.000Z',
      extra: { a: 1, b: [1, 2] },
      ground_truth: {
        _cls: 'Detections',
        detections: [
          {
            _cls: 'Detection',
            id: '6630a1b2c3d4e5f601234511',
            tags: ['checked'],
            label: 'cat',
            bounding_box: [0.1, 0.2, 0.3, 0.4],
            iscrowd: 0,
          },
          {
            _cls: 'Detection',
            id: '6630a1b2c3d4e5f601234512',
            occluded: true,
            tags: [],
            label: 'dog',
            bounding_box: [0.5, 0.5, 0.25, 0.125],
            iscrowd: 1,
          },
        ],
      },
      predictions: {
        _cls: 'Detections',
        detections: [
          {
            _cls: 'Detection',
            id: '6630a1b2c3d4e5f601234513',
            tags: [],
            label: 'cat',
            bounding_box: [0.11, 0.19, 0.3, 0.41],
            confidence: 0.92,
          },
        ],
      },
      weather: { _cls: 'Classification', id: '6630a1b2c3d4e5f601234514', tags: [], label: 'sunny', confidence: 0.6 },
      pose: {
        _cls: 'Keypoints',
        keypoints: [
          {
            _cls: 'Keypoint',
            id: '6630a1b2c3d4e5f601234515',
            tags: [],
            label: 'person',
            points: [
              [0.1, 0.2],
              [null, null],
              [0.3, 0.4],
            ],
          },
        ],
      },
      outline: {
        _cls: 'Polylines',
        polylines: [
          {
            _cls: 'Polyline',
            id: '6630a1b2c3d4e5f601234516',
            tags: [],
            label: 'road',
            points: [
              [
                [0, 0.5],
                [0.5, 0.6],
                [1, 0.55],
              ],
            ],
            closed: false,
            filled: false,
          },
        ],
      },
    });
    // Absolute paths stay; FiftyOne's None is "not set".
    expect(two).toEqual({
      id: '6630a1b2c3d4e5f601234502',
      filepath: '/abs/elsewhere/two.png',
      tags: [],
      metadata: null,
      count: 0,
      ground_truth: { _cls: 'Detections', detections: [] },
    });
    expect(three).toEqual({
      id: '6630a1b2c3d4e5f601234503',
      filepath: join(fx.dir, 'data', 'ünï 猫.jpg'),
      tags: [],
      metadata: { width: 100, height: 50 },
      uniqueness: 0.1,
      count: 7,
    });
  });

  it('declares the fields metadata.json describes, integers as int, before any sample', async () => {
    const { prepared } = await read();
    expect(prepared.declarations).toEqual([
      { path: 'uniqueness', type: 'float' },
      { path: 'count', type: 'int' },
      { path: 'note', type: 'string' },
      { path: 'captured_at', type: 'string' },
      { path: 'never_set', type: 'bool' },
      { path: 'ground_truth', type: 'Detections' },
      { path: 'ground_truth.detections.iscrowd', type: 'int' },
      { path: 'predictions', type: 'Detections' },
      { path: 'weather', type: 'Classification' },
      { path: 'pose', type: 'Keypoints' },
      { path: 'outline', type: 'Polylines' },
    ]);
  });
});

describe('FiftyOne-format import: bad input', () => {
  it('names the sample and field that is wrong; skipInvalid skips those samples', async () => {
    writeSamples([
      { _id: { $oid: '6630a1b2c3d4e5f601234501' }, filepath: 'data/one.jpg' },
      { _id: 'nope', filepath: 'a.jpg' },
      { _id: { $oid: '6630a1b2c3d4e5f601234502' } },
      { _id: { $oid: '6630a1b2c3d4e5f601234501' }, filepath: 'again.jpg' },
      {
        _id: { $oid: '6630a1b2c3d4e5f601234503' },
        filepath: 'b.jpg',
        gt: { _cls: 'Detections', detections: [{ _cls: 'Detection', bounding_box: [1, 2] }] },
      },
    ]);
    const error = (await read().catch((e: unknown) => e)) as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.problems).toEqual([
      'samples.json: samples[1]._id: expected an ObjectId ({"$oid": "<24 hex digits>"}), got the string "nope"',
      'samples.json: samples[2].filepath: expected a file path, got nothing',
      'samples.json: samples[3]._id: duplicate sample id 6630a1b2c3d4e5f601234501 (also samples[0])',
      'samples.json: samples[4].gt.detections[0].bounding_box: expected 4 numbers [x, y, width, height], got [1,2]',
    ]);
    const { prepared, samples } = await read(true);
    expect(samples.map((s) => s.filepath)).toEqual([join(fx.dir, 'data', 'one.jpg')]);
    expect(prepared.warnings).toHaveLength(4);
  });

  it('needs samples.json, and says so for per-sample directories', async () => {
    rmSync(join(fx.dir, 'samples.json'));
    await expect(read()).rejects.toThrow(`${fx.dir}: no samples.json`);
    mkdirSync(join(fx.dir, 'samples'));
    await expect(read()).rejects.toThrow('per-sample files in samples/, written with use_dirs=True, are not supported');
    writeFileSync(join(fx.dir, 'samples.json'), '{"samples": [\n{"_id": 1,}\n]}');
    await expect(read()).rejects.toThrow(/^samples\.json: line 2: samples\[0\] is not valid JSON/);
  });
});
