// COCO reading without a database: conversion to samples, and every kind of bad input named by file and JSON path.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleInput } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageFixture, type StagedFixture } from '../../test-support/format-fixtures.js';
import { InvalidInputError } from '../invalid-input-error.js';
import { prepareCocoImport } from './coco-import.js';

let fx: StagedFixture;
beforeAll(() => {
  fx = stageFixture('coco');
});
afterAll(() => fx.cleanup());

async function samplesOf(path: string, options: Parameters<typeof prepareCocoImport>[1] = { type: 'coco' }) {
  const prepared = await prepareCocoImport(path, options);
  return { prepared, samples: [...(prepared.samples() as Iterable<SampleInput>)] };
}

/** A COCO file in the staged fixture directory (images from data/). */
function cocoFile(name: string, doc: unknown): string {
  const path = join(fx.dir, name);
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 1));
  return path;
}

const IMAGES = [
  { id: 1, file_name: 'cat.jpg', width: 640, height: 480 },
  { id: 2, file_name: 'empty.jpg', width: 100, height: 50 },
];
const CATEGORIES = [{ id: 5, name: 'cat' }];

async function failure(path: string): Promise<InvalidInputError> {
  const error = await prepareCocoImport(path, { type: 'coco', imagesDir: join(fx.dir, 'data') }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('COCO import: reading', () => {
  it('turns images into samples and annotations into relative boxes, polygons and attributes', async () => {
    const { prepared, samples } = await samplesOf(fx.dir);
    expect(prepared.sampleCount).toBe(4);
    expect(prepared.labelCount).toBe(5);
    expect(prepared.datasetDefaults.info).toMatchObject({
      description: 'Teamset COCO fixture',
      categories: [{ id: 1, name: 'cat', supercategory: 'animal' }, { id: 3 }, { id: 7 }, { id: 9, name: 'unused' }],
    });
    expect(prepared.warnings).toEqual([
      expect.stringMatching(
        /^labels\.json: RLE segmentations \(e\.g\. annotations\[2\]\.segmentation\) are not imported/,
      ),
    ]);

    const [cat, unicode, empty, nosize] = samples as [SampleInput, SampleInput, SampleInput, SampleInput];
    expect(cat.filepath).toBe(join(fx.dir, 'data', 'cat.jpg'));
    expect(cat.id).toMatch(/^[0-9a-f]{24}$/);
    expect(cat.metadata).toEqual({ width: 640, height: 480 });
    const catBoxes = (cat.ground_truth as { detections: Array<Record<string, unknown>> }).detections;
    expect(catBoxes).toEqual([
      { id: expect.any(String), label: 'cat', bounding_box: [0.1, 0.1, 0.5, 0.5], iscrowd: 0, area: 76800 },
      { label: 'dog', bounding_box: [0, 0, 10.5 / 640, 20.25 / 480], confidence: 0.87, iscrowd: 0, area: 212.625 },
    ]);
    expect(cat.ground_truth_segmentations).toEqual({
      _cls: 'Polylines',
      polylines: [
        {
          label: 'cat',
          points: [
            [
              [0.1, 0.1],
              [0.6, 0.1],
              [0.6, 0.6],
              [0.1, 0.6],
            ],
          ],
          closed: true,
          filled: true,
          detection_id: catBoxes[0]?.id,
        },
      ],
    });

    expect(unicode.filepath).toBe(join(fx.dir, 'data', 'dir', 'straße 猫.png'));
    const crowd = (unicode.ground_truth as { detections: Array<Record<string, unknown>> }).detections;
    expect(crowd.map((d) => [d.label, d.iscrowd, d.occluded])).toEqual([
      ['traffic light', 1, undefined],
      ['cat', 0, true],
    ]);
    // Two polygons of one annotation stay one polyline with two shapes; the RLE crowd mask has none.
    expect(
      (unicode.ground_truth_segmentations as { polylines: Array<{ points: unknown[] }> }).polylines.map(
        (p) => p.points.length,
      ),
    ).toEqual([2]);

    expect(empty).toEqual({
      id: expect.any(String),
      filepath: join(fx.dir, 'data', 'empty.jpg'),
      metadata: { width: 100, height: 50 },
    });
    // No size in the file: read from the image's header.
    expect(nosize.metadata).toEqual({ width: 64, height: 32 });
    expect(
      (nosize.ground_truth as { detections: Array<{ bounding_box: number[] }> }).detections[0]?.bounding_box,
    ).toEqual([0.125, 0.125, 0.25, 0.25]);
  });

  it('takes the JSON file itself, another images directory and another label field', async () => {
    const { prepared, samples } = await samplesOf(join(fx.dir, 'labels.json'), {
      type: 'coco',
      imagesDir: '/somewhere/else',
      labelField: 'gt',
      skipInvalid: true,
    });
    expect(samples[0]?.filepath).toBe('/somewhere/else/cat.jpg');
    // nosize.png is not there to be measured, so its box cannot be converted.
    expect(prepared.warnings).toContain(
      'labels.json: images[3]: no width and height, and /somewhere/else/nosize.png could not be read to find them (its boxes are in pixels) (skipped)',
    );
    expect(samples[0]).toHaveProperty('gt');
    expect(samples[0]).toHaveProperty('gt_segmentations');
    expect(samples[0]).not.toHaveProperty('ground_truth');
    await expect(prepareCocoImport(fx.dir, { type: 'coco', labelField: 'metadata' })).rejects.toThrow(
      'labelField "metadata": "metadata" is a built-in sample field',
    );
  });

  it('gives images without annotations, and files without any, samples with no labels', async () => {
    const { prepared, samples } = await samplesOf(cocoFile('no-annotations.json', { images: IMAGES }), {
      type: 'coco',
      imagesDir: join(fx.dir, 'data'),
    });
    expect(prepared.labelCount).toBe(0);
    expect(samples.map((s) => Object.keys(s).sort())).toEqual([
      ['filepath', 'id', 'metadata'],
      ['filepath', 'id', 'metadata'],
    ]);
  });
});

describe('COCO import: bad input', () => {
  it('names the file, the JSON path and what was expected', async () => {
    const annotations = [
      { id: 1, image_id: 1, category_id: 5, bbox: [1, 2, 3, 4] },
      { id: 2, image_id: 1, category_id: 5, bbox: [1, 2, 3] },
      { id: 3, image_id: 1, category_id: 5, bbox: [1, 2, 3, 4], iscrowd: 'no' },
      { id: 4, image_id: 1, category_id: 5, bbox: [1, 2, 3, 4], segmentation: [[1, 2, 3]] },
    ];
    const error = await failure(cocoFile('bad.json', { images: IMAGES, categories: CATEGORIES, annotations }));
    expect(error.message).toBe(
      'bad.json: annotations[1].bbox: expected 4 numbers [x, y, width, height] with width and height ≥ 0, got [1,2,3] (and 2 more problems)',
    );
    expect(error.problems).toEqual([
      'bad.json: annotations[1].bbox: expected 4 numbers [x, y, width, height] with width and height ≥ 0, got [1,2,3]',
      'bad.json: annotations[2].iscrowd: expected a number, got the string "no"',
      'bad.json: annotations[3].segmentation: expected a list of polygons, each a list of at least 3 x, y pairs',
    ]);
  });

  it('reports annotations of unknown images and categories rather than dropping them', async () => {
    const annotations = [
      { id: 1, image_id: 1, category_id: 5, bbox: [1, 2, 3, 4] },
      { id: 2, image_id: 99, category_id: 5, bbox: [1, 2, 3, 4] },
      { id: 3, image_id: 2, category_id: 6, bbox: [1, 2, 3, 4] },
    ];
    const path = cocoFile('refs.json', { images: IMAGES, categories: CATEGORIES, annotations });
    expect((await failure(path)).problems).toEqual([
      'refs.json: annotations[1].image_id: no image with id 99',
      'refs.json: annotations[2].category_id: no category with id 6',
    ]);

    const { prepared, samples } = await samplesOf(path, {
      type: 'coco',
      imagesDir: join(fx.dir, 'data'),
      skipInvalid: true,
    });
    expect(prepared.warnings).toEqual([
      'refs.json: annotations[1].image_id: no image with id 99 (skipped)',
      'refs.json: annotations[2].category_id: no category with id 6 (skipped)',
    ]);
    expect(prepared.labelCount).toBe(1);
    expect(samples.map((s) => (s.ground_truth as { detections: unknown[] } | undefined)?.detections.length)).toEqual([
      1,
      undefined,
    ]);
  });

  it('refuses duplicate ids, bad images and boxes of an image whose size is unknown', async () => {
    const images = [
      ...IMAGES,
      { id: 1, file_name: 'again.jpg' },
      { id: 3, file_name: '' },
      { id: 4, file_name: 'missing.jpg' },
      { id: 5, file_name: 'x.jpg', width: -1, height: 5 },
    ];
    const annotations = [
      { id: 1, image_id: 4, category_id: 5, bbox: [1, 2, 3, 4] },
      { id: 2, image_id: 3, category_id: 5, bbox: [1, 2, 3, 4] },
    ];
    const error = await failure(
      cocoFile('images.json', { images, categories: [...CATEGORIES, { id: 5, name: 'dup' }], annotations }),
    );
    expect(error.problems).toEqual([
      'images.json: images[2].id: duplicate image id 1 (also images[0])',
      'images.json: images[3].file_name: expected a file name, got the string ""',
      'images.json: images[5].width: expected a positive whole number of pixels, got number -1',
      'images.json: categories[1].id: duplicate category id 5',
      `images.json: images[4]: no width and height, and ${join(fx.dir, 'data', 'missing.jpg')} could not be read to find them (its boxes are in pixels)`,
    ]);
  });

  it('names the line of a JSON syntax error, and a missing or misshapen images list', async () => {
    expect(
      (await failure(cocoFile('syntax.json', '{\n "images": [\n  {"id": 1, "file_name": "cat.jpg",}\n ]\n}'))).message,
    ).toMatch(/^syntax\.json: line 3: images\[0\] is not valid JSON \(/);
    const noImages = await failure(cocoFile('noimages.json', { annotations: [] }));
    expect(noImages.message).toBe('noimages.json: expected an "images" list at the top level');
    expect(noImages.skippable).toBe(false);
    expect((await failure(cocoFile('notlist.json', { images: { id: 1 } }))).message).toBe(
      'notlist.json: images: expected a list, got an object',
    );
    expect((await failure(join(fx.dir, 'nothing-here.json'))).message).toMatch(/nothing-here\.json: no such file/);
  });
});
