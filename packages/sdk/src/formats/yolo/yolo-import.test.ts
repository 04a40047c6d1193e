// YOLOv5 reading without a database: centre → corner boxes, label files present, empty or missing, and bad input.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleInput } from '@teamset/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rounded, stageFixture, writeImage, type StagedFixture } from '../../test-support/format-fixtures.js';
import { InvalidInputError } from '../invalid-input-error.js';
import type { ImportDirOptions } from '../transfer-types.js';
import { prepareYoloImport } from './yolo-import.js';

let fx: StagedFixture;
beforeEach(() => {
  fx = stageFixture('yolo');
});
afterEach(() => fx.cleanup());

async function read(options: Partial<ImportDirOptions> = {}, path = fx.dir) {
  const prepared = await prepareYoloImport(path, { type: 'yolo', ...options });
  return { prepared, samples: [...(prepared.samples() as Iterable<SampleInput>)] };
}

async function failure(options: Partial<ImportDirOptions> = {}): Promise<InvalidInputError> {
  const error = await prepareYoloImport(fx.dir, { type: 'yolo', ...options }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

const boxes = (sample: SampleInput | undefined) =>
  (sample?.ground_truth as { detections: Array<Record<string, unknown>> } | undefined)?.detections;

describe('YOLO import: reading', () => {
  it('pairs images/ with labels/, converts centres to corners and reads sizes from the images', async () => {
    const { prepared, samples } = await read();
    expect(samples.map((s) => s.filepath)).toEqual(
      ['a.jpg', 'c.jpg', 'empty.jpg', 'sub/b.png', 'ünï 猫.jpg'].map((p) => join(fx.dir, 'images', p)),
    );
    expect(prepared).toMatchObject({
      sampleCount: 5,
      labelCount: 5,
      warnings: [],
      datasetDefaults: { info: { classes: ['cat', 'dog', 'traffic light'] } },
    });
    expect(samples.map((s) => s.metadata)).toEqual([
      { width: 640, height: 480 },
      { width: 80, height: 60 },
      { width: 100, height: 50 },
      { width: 320, height: 240 },
      { width: 50, height: 40 },
    ]);
    const [a, c, empty, b, unicode] = samples;
    expect(rounded(boxes(a))).toEqual([
      { label: 'cat', bounding_box: [0.1, 0.125, 0.5, 0.5] },
      { label: 'dog', bounding_box: [0, 0, 0.01640625, 0.0421875], confidence: 0.87 },
    ]);
    // No label file: no labels at all; an empty one: an empty Detections.
    expect(c).not.toHaveProperty('ground_truth');
    expect(boxes(empty)).toEqual([]);
    expect(boxes(b)?.map((d) => d.label)).toEqual(['traffic light', 'cat']);
    expect(rounded(boxes(unicode))).toEqual([{ label: 'dog', bounding_box: [0.375, 0.375, 0.25, 0.25] }]);
    // train and val list the same images: imported once, untagged.
    expect(samples.every((s) => s.tags === undefined)).toBe(true);
  });

  it('reads classes.txt when there is no data.yaml, into another label field', async () => {
    rmSync(join(fx.dir, 'data.yaml'));
    writeFileSync(join(fx.dir, 'classes.txt'), 'cat\ndog\ntraffic light\n\n');
    const { samples } = await read({ labelField: 'boxes' });
    expect((samples[0]?.boxes as { detections: unknown[] }).detections).toHaveLength(2);
  });

  it('tags samples with their split when the yaml lists different ones, and survives a moved dataset', async () => {
    mkdirSync(join(fx.dir, 'images', 'val'));
    mkdirSync(join(fx.dir, 'labels', 'val'));
    writeImage(join(fx.dir, 'images', 'val', 'v.jpg'), 20, 10);
    writeFileSync(join(fx.dir, 'labels', 'val', 'v.txt'), '0 0.5 0.5 1 1\n');
    renameSync(join(fx.dir, 'images', 'sub'), join(fx.dir, 'images', 'train'));
    renameSync(join(fx.dir, 'labels', 'sub'), join(fx.dir, 'labels', 'train'));
    writeFileSync(
      join(fx.dir, 'data.yaml'),
      'path: /no/longer/here\ntrain: images/train\nval: [images/val]\nnames: {0: cat, 1: dog, 2: traffic light}\n',
    );
    const { prepared, samples } = await read();
    expect(samples.map((s) => [s.filepath.slice(fx.dir.length), s.tags])).toEqual([
      ['/images/train/b.png', ['train']],
      ['/images/val/v.jpg', ['val']],
    ]);
    expect(prepared.warnings).toEqual([
      `data.yaml: path "/no/longer/here" does not exist; reading the splits relative to data.yaml's directory`,
    ]);
  });
});

describe('YOLO import: bad input', () => {
  it('names the label file and line of each bad line, and label files without an image', async () => {
    writeFileSync(
      join(fx.dir, 'labels', 'a.txt'),
      '0 0.5 0.5 0.1 0.1\n0 0.5 0.5 0.1\n7 0.5 0.5 0.1 0.1\nx 0.5 0.5 0.1 0.1\n1 0.5 zero 0.1 0.1\n1 0.5 0.5 -0.1 0.1\n',
    );
    writeFileSync(join(fx.dir, 'labels', 'orphan.txt'), '0 0.5 0.5 0.1 0.1\n');
    const error = await failure();
    expect(error.problems).toEqual([
      'labels/a.txt:2: expected 5 or 6 numbers (class cx cy w h [confidence]), got 4',
      'labels/a.txt:3: unknown class 7 (there are 3 class names)',
      'labels/a.txt:4: expected a class index (a whole number ≥ 0), got "x"',
      'labels/a.txt:5: expected numbers for cx cy w h, got 0.5 zero 0.1 0.1',
      'labels/a.txt:6: width and height must be ≥ 0, got -0.1 0.1',
      'labels/orphan.txt: no image for this label file',
    ]);
    expect(error.message).toMatch(/^labels\/a\.txt:2: expected 5 or 6 numbers .* \(and 5 more problems\)$/);
    expect(error.skippable).toBe(true);

    const { prepared, samples } = await read({ skipInvalid: true });
    expect(prepared.warnings).toHaveLength(6);
    expect(prepared.warnings[0]).toBe(
      'labels/a.txt:2: expected 5 or 6 numbers (class cx cy w h [confidence]), got 4 (skipped)',
    );
    expect(boxes(samples[0])).toHaveLength(1);
  });

  it('needs class names, and says where a yaml is broken', async () => {
    rmSync(join(fx.dir, 'data.yaml'));
    expect((await failure()).message).toBe(
      `${fx.dir}: no class names: expected data.yaml or dataset.yaml (with names:) or classes.txt`,
    );
    writeFileSync(join(fx.dir, 'data.yaml'), 'names: [cat, dog\ntrain: images\n');
    expect((await failure()).message).toMatch(/^data\.yaml: line \d+: not valid YAML \(/);
    writeFileSync(join(fx.dir, 'data.yaml'), 'names: {0: cat, 2: dog}\n');
    expect((await failure()).message).toBe('data.yaml: names: expected class indexes 0 to 1, got "2"');
  });
});
