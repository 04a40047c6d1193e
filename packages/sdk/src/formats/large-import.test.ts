// A real-size COCO import (10,000 images, 100,000 boxes) through the database connection on each database.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticBox, syntheticImage, writeSyntheticCoco } from '../../../../bench/synthetic-coco.mjs';
import { createTestDatabase, testDialects, type TestDatabase } from '@teamset/core/testing';
import { DatabaseConnection } from '../connection/database-connection.js';
import { Dataset } from '../datasets/dataset.js';
import { rounded, tempDir, type StagedFixture } from '../test-support/format-fixtures.js';
import type { TransferProgress } from './transfer-types.js';

const IMAGES = 10_000;
const BOXES = 10;

describe.each(await testDialects())('a 10k-image COCO import on %s', (dialect) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  let dir: StagedFixture;
  let file: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    connection = new DatabaseConnection(database.uri);
    dir = tempDir('teamset-large-');
    file = join(dir.dir, 'instances.json');
    writeSyntheticCoco(file, { images: IMAGES, boxesPerImage: BOXES });
  });
  afterAll(async () => {
    await connection?.close();
    await database?.drop();
    dir?.cleanup();
  });

  it('imports every image and box, in order, streamed in batches', async () => {
    const progress: TransferProgress[] = [];
    const { dataset, summary } = await Dataset.importFromDir(
      file,
      { type: 'coco', name: 'large', imagesDir: '/images', progress: (p) => progress.push(p) },
      connection,
    );
    expect(summary).toMatchObject({ samples: IMAGES, labels: IMAGES * BOXES, warnings: [] });
    const importing = progress.filter((p) => p.phase === 'importing');
    // Batches of ~1 MB: progress comes many times, never backwards, ending at the total.
    expect(importing.length).toBeGreaterThan(10);
    expect(importing.map((p) => p.done)).toEqual([...importing.map((p) => p.done)].sort((a, b) => a - b));
    expect(importing.at(-1)).toMatchObject({ done: IMAGES, total: IMAGES });

    expect(await dataset.count()).toBe(IMAGES);
    expect(await dataset.count('ground_truth.detections')).toBe(IMAGES * BOXES);
    const counts = await dataset.countValues('ground_truth.detections.label');
    expect(counts.size).toBe(80);

    const i = 7_777;
    const [sample] = await dataset.skip(i).limit(1).head(1);
    const image = syntheticImage(i);
    expect(sample?.filepath).toBe(`/images/${image.file_name}`);
    expect(sample?.metadata).toEqual({ width: image.width, height: image.height });
    const boxes = (sample?.ground_truth as { detections: Array<{ bounding_box: number[] }> }).detections.map(
      (d) => d.bounding_box,
    );
    const expected = Array.from({ length: BOXES }, (_, k) => {
      const [x, y, w, h] = syntheticBox(i, k);
      return [x / image.width, y / image.height, w / image.width, h / image.height];
    });
    expect(rounded(boxes)).toEqual(rounded(expected));
  });
});
