// Import → export → import through every connection (API and database, SQLite and PostgreSQL): lossless boxes and labels.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Sample } from '@teamset/contract';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../connection/connect.js';
import { ConflictError } from '../errors.js';
import { Dataset } from '../datasets/dataset.js';
import { createDataset, datasetExists } from '../datasets/dataset-functions.js';
import { rounded, stageFixture, tempDir, type StagedFixture } from '../test-support/format-fixtures.js';
import { sdkTestConnections, type OpenedConnection } from '../test-support/sdk-test-connections.js';
import { F } from '../views/f.js';
import type { TransferProgress } from './transfer-types.js';

const targets = await sdkTestConnections();

/** What must survive a round trip of a detection, by image file name (exports flatten directories). */
async function detectionsByFile(dataset: Dataset, field = 'ground_truth'): Promise<Record<string, unknown[] | null>> {
  const out: Record<string, unknown[] | null> = {};
  for await (const sample of dataset) {
    const detections = (sample[field] as { detections: Array<Record<string, unknown>> } | undefined)?.detections;
    out[basename(sample.filepath)] = detections
      ? rounded(
          detections.map(({ label, bounding_box, iscrowd, area, confidence, occluded }) => ({
            label,
            bounding_box,
            iscrowd,
            area,
            confidence,
            occluded,
          })),
        )
      : null;
  }
  return out;
}

async function polygonsByFile(dataset: Dataset): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for await (const sample of dataset) {
    const polylines = (sample.ground_truth_segmentations as { polylines: Array<Record<string, unknown>> } | undefined)
      ?.polylines;
    if (polylines)
      out[basename(sample.filepath)] = rounded(polylines.map((p) => [p.label, p.points, p.closed, p.filled]));
  }
  return out;
}

/** Samples without what an export may change (paths, timestamps): ids, tags, metadata, fields and labels remain. */
async function comparable(dataset: Dataset): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for await (const sample of dataset.sortBy('id')) {
    const { filepath, created_at: _c, last_modified_at: _m, ...rest } = sample as Sample;
    out.push({ file: basename(filepath), ...rest });
  }
  return out;
}

/** YOLO text files keep 6 decimals (issue 17: no float noise): a box comes back within 1e-6, far under a pixel. */
function expectYoloClose(actual: unknown, expected: unknown, path = 'value'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(1.5e-6);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual) && actual.length === expected.length, path).toBe(true);
    expected.forEach((item, i) => expectYoloClose((actual as unknown[])[i], item, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    // As toEqual does, a key whose value is undefined counts as absent.
    const keys = (value: object): string[] =>
      Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort();
    expect(keys(actual as object), path).toEqual(keys(expected));
    for (const [key, item] of Object.entries(expected))
      expectYoloClose((actual as Record<string, unknown>)[key], item, `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

describe.each(targets)('formats over the $label connection', (target) => {
  let opened: OpenedConnection;
  let via: Connection;
  const staged: StagedFixture[] = [];
  const stage = (name: 'coco' | 'yolo' | 'fiftyone') => {
    const fx = stageFixture(name);
    staged.push(fx);
    return fx;
  };
  const out = () => {
    const dir = tempDir();
    staged.push(dir);
    return dir.dir;
  };

  beforeAll(async () => {
    opened = await target.open();
    via = opened.connection;
  });
  afterAll(async () => {
    await opened?.close();
    for (const fx of staged) fx.cleanup();
  });

  it('COCO: import, export as COCO and YOLO, import again: the same boxes, labels, attributes and polygons', async () => {
    const progress: TransferProgress[] = [];
    const { dataset, summary } = await Dataset.importFromDir(
      stage('coco').dir,
      { type: 'coco', name: 'coco in', progress: (p) => progress.push(p) },
      via,
    );
    expect(summary).toMatchObject({ samples: 4, labels: 5, warnings: [expect.stringContaining('RLE segmentations')] });
    expect(progress.at(-1)).toMatchObject({ phase: 'importing', done: 4, total: 4 });
    expect(progress.some((p) => p.phase === 'reading')).toBe(true);
    expect(await dataset.count()).toBe(4);
    expect(dataset.info.categories).toHaveLength(4);
    const original = await detectionsByFile(dataset);
    expect(original['empty.jpg']).toBeNull();
    expect(original['cat.jpg']).toEqual([
      { label: 'cat', bounding_box: [0.1, 0.1, 0.5, 0.5], iscrowd: 0, area: 76800 },
      {
        label: 'dog',
        bounding_box: rounded([0, 0, 10.5 / 640, 20.25 / 480]),
        iscrowd: 0,
        area: 212.625,
        confidence: 0.87,
      },
    ]);

    const cocoDir = out();
    expect(await dataset.export(cocoDir, { type: 'coco' })).toMatchObject({ samples: 4, labels: 5, warnings: [] });
    const written = JSON.parse(readFileSync(join(cocoDir, 'labels.json'), 'utf8')) as {
      categories: Array<{ id: number; name: string }>;
      annotations: unknown[];
    };
    // The category ids of the original file, unused ones included.
    expect(written.categories.map((c) => [c.id, c.name])).toEqual([
      [1, 'cat'],
      [3, 'dog'],
      [7, 'traffic light'],
      [9, 'unused'],
    ]);
    const again = await Dataset.fromDir(cocoDir, { type: 'coco', name: 'coco again' }, via);
    expect(await detectionsByFile(again)).toEqual(original);
    expect(await polygonsByFile(again)).toEqual(await polygonsByFile(dataset));
    expect(Object.keys(await polygonsByFile(dataset))).toEqual(['cat.jpg', 'straße 猫.png']);

    const yoloDir = out();
    expect(await dataset.export(yoloDir, { type: 'yolo' })).toMatchObject({ samples: 4, labels: 5 });
    const fromYolo = await detectionsByFile(
      await Dataset.fromDir(yoloDir, { type: 'yolo', name: 'coco via yolo' }, via),
    );
    // YOLO keeps label and box only (and no crowd flags or areas).
    const boxesOnly = Object.fromEntries(
      Object.entries(original).map(([file, dets]) => [
        file,
        dets &&
          (dets as Array<{ label: string; bounding_box: number[] }>).map(({ label, bounding_box }) => ({
            label,
            bounding_box,
          })),
      ]),
    );
    expectYoloClose(fromYolo, boxesOnly);
  });

  it('YOLO: import, export, import again: the same boxes, and class indexes in their original order', async () => {
    const { dataset, summary } = await Dataset.importFromDir(stage('yolo').dir, { type: 'yolo', name: 'yolo in' }, via);
    expect(summary).toMatchObject({ samples: 5, labels: 5, warnings: [] });
    const yoloDir = out();
    // Only the dogs: the export follows the view, and still numbers the classes as imported.
    const dogs = dataset.filterLabels('ground_truth', F('label').eq('dog'));
    expect(await dogs.export(yoloDir, { type: 'yolo', includeConfidence: true })).toMatchObject({
      samples: 2,
      labels: 2,
    });
    expect(parseYaml(readFileSync(join(yoloDir, 'data.yaml'), 'utf8'))).toMatchObject({
      names: { 0: 'cat', 1: 'dog', 2: 'traffic light' },
      nc: 3,
    });
    expect(readFileSync(join(yoloDir, 'labels', 'a.txt'), 'utf8')).toBe('1 0.008203 0.021094 0.016406 0.042188 0.87\n');

    const fullDir = out();
    await dataset.export(fullDir, { type: 'yolo', media: 'symlink', includeConfidence: true });
    const again = await Dataset.fromDir(fullDir, { type: 'yolo', name: 'yolo again' }, via);
    expectYoloClose(await detectionsByFile(again), await detectionsByFile(dataset));
  });

  it('FiftyOne format: import, export, import again: ids, tags, fields and labels unchanged', async () => {
    const { dataset, summary } = await Dataset.importFromDir(
      stage('fiftyone').dir,
      { type: 'fiftyone', name: 'fo in' },
      via,
    );
    expect(summary).toMatchObject({ samples: 3, labels: 6 });
    expect(dataset).toMatchObject({ tags: ['fixture'], info: { source: 'test' } });
    expect(await dataset.getFieldSchema({ builtins: false })).toMatchObject({
      count: 'int',
      'ground_truth.detections.iscrowd': 'int',
      never_set: 'bool',
      weather: 'Classification',
    });
    expect((await dataset.getSample('6630a1b2c3d4e5f601234501')).weather).toMatchObject({
      id: '6630a1b2c3d4e5f601234514',
      label: 'sunny',
    });

    const dir = out();
    const exported = await dataset.export(dir, { type: 'fiftyone' });
    expect(exported).toMatchObject({
      samples: 3,
      labels: 6,
      warnings: ['/abs/elsewhere/two.png: media file not found; not copied'],
    });
    const metadata = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')) as {
      sample_fields: Array<{ name: string; ftype: string }>;
    };
    expect(metadata.sample_fields.find((f) => f.name === 'count')?.ftype).toBe('fiftyone.core.fields.IntField');
    const again = await Dataset.fromDir(dir, { type: 'fiftyone', name: 'fo again' }, via);
    expect(await comparable(again)).toEqual(await comparable(dataset));
    expect(await again.getFieldSchema()).toEqual(await dataset.getFieldSchema());
  });

  it('imports nothing from invalid input, and deletes a new dataset when a batch fails later', async () => {
    const fx = stage('coco');
    const labels = join(fx.dir, 'labels.json');
    const doc = JSON.parse(readFileSync(labels, 'utf8')) as { annotations: Array<Record<string, unknown>> };
    doc.annotations.push({ id: 99, image_id: 1, category_id: 42, bbox: [1, 1, 1, 1] });
    const bad = join(fx.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(doc));
    await expect(Dataset.fromDir(bad, { type: 'coco', name: 'never made' }, via)).rejects.toThrow(
      'bad.json: annotations[5].category_id: no category with id 42',
    );
    expect(await datasetExists('never made', via)).toBe(false);

    // Valid JSON, but the second sample's `count` contradicts the first's int: refused by the server mid-import.
    const fo = stage('fiftyone');
    const samples = JSON.parse(readFileSync(join(fo.dir, 'samples.json'), 'utf8')) as {
      samples: Array<Record<string, unknown>>;
    };
    (samples.samples[1] as Record<string, unknown>).count = 'many';
    writeFileSync(join(fo.dir, 'samples.json'), JSON.stringify(samples));
    await expect(
      Dataset.fromDir(fo.dir, { type: 'fiftyone', name: 'half made', batch: { maxCount: 1 } }, via),
    ).rejects.toThrow(/count/);
    expect(await datasetExists('half made', via)).toBe(false);
  });

  it('adds to an existing dataset all or nothing: a conflict in a later batch removes what was added', async () => {
    const fo = stage('fiftyone');
    const target = await createDataset('existing', {}, via);
    await target.addSample({ id: '6630a1b2c3d4e5f601234503', filepath: '/already/here.jpg', tags: ['mine'] });
    const error = await target.addDir(fo.dir, { type: 'fiftyone', batch: { maxCount: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(await target.values('filepath')).toEqual(['/already/here.jpg']);

    const coco = await target.addDir(stage('coco').dir, { type: 'coco', labelField: 'boxes' });
    expect(coco).toMatchObject({ samples: 4, labels: 5 });
    expect(await target.count()).toBe(5);
    expect(await target.count('boxes.detections')).toBe(5);
    await expect(target.addDir(stage('coco').dir, { type: 'coco', labelField: 'id' })).rejects.toThrow(
      'labelField "id": "id" is a built-in sample field',
    );
    await expect(Dataset.fromDir(stage('coco').dir, { type: 'coco', name: 'existing' }, via)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await target.count()).toBe(5);
  });

  it('exports ground_truth or the field named, refusing a missing, non-Detections or ambiguous one', async () => {
    const fo = stage('fiftyone');
    const dataset = await Dataset.fromDir(fo.dir, { type: 'fiftyone', name: 'fo fields' }, via);
    expect(await dataset.export(out(), { type: 'coco' })).toMatchObject({ samples: 3, labels: 2 });
    await expect(dataset.export(out(), { type: 'coco', labelField: 'weather' })).rejects.toThrow(
      'labelField "weather" is a Classification field; COCO exports a Detections field',
    );
    await expect(dataset.export(out(), { type: 'yolo', labelField: 'nope' })).rejects.toThrow(
      'labelField "nope": the dataset has no such field',
    );
    await expect(dataset.export(out(), { type: 'yolo', media: 'reference' })).rejects.toThrow(
      "use media 'copy' or 'symlink'",
    );
    const dir = out();
    expect(await dataset.export(dir, { type: 'coco', labelField: 'predictions', media: 'reference' })).toMatchObject({
      samples: 3,
      labels: 1,
    });
    await dataset.renameSampleField('ground_truth', 'truth');
    await expect(dataset.export(out(), { type: 'coco' })).rejects.toThrow(
      'several Detections fields (predictions, truth); pass labelField to choose one',
    );
    const images = (
      JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { images: Array<{ file_name: string }> }
    ).images;
    // Referenced, not copied: COCO file names are the absolute paths.
    expect(images.map((i) => i.file_name)).toEqual([
      join(fo.dir, 'data', 'one.jpg'),
      '/abs/elsewhere/two.png',
      join(fo.dir, 'data', 'ünï 猫.jpg'),
    ]);
  });
});
