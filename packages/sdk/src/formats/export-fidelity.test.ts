// Exports number classes as the dataset does: YOLO ids in the dataset's class order, COCO category ids kept, YOLO coordinates without float noise.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseConnection } from '../connection/database-connection.js';
import { Dataset } from '../datasets/dataset.js';
import { tempDir, writeImage, type StagedFixture } from '../test-support/format-fixtures.js';
import { yoloNumber } from './yolo/yolo-export.js';

describe('export fidelity', () => {
  let dir: StagedFixture;
  let connection: DatabaseConnection;
  let dataset: Dataset;

  beforeAll(async () => {
    dir = tempDir('teamset-fidelity-');
    connection = new DatabaseConnection(`sqlite:${join(dir.dir, 'teamset.db')}`);
    const coco = join(dir.dir, 'coco');
    mkdirSync(coco);
    writeImage(join(coco, 'a.jpg'), 640, 480);
    // Categories deliberately not in name order, with ids that are not 1..n.
    const labels = {
      images: [{ id: 1, file_name: 'a.jpg', width: 640, height: 480 }],
      categories: [
        { id: 5, name: 'zebra' },
        { id: 2, name: 'apple' },
        { id: 9, name: 'mango' },
      ],
      annotations: [
        { id: 1, image_id: 1, category_id: 2, bbox: [64, 48, 188, 141] },
        { id: 2, image_id: 1, category_id: 5, bbox: [10, 20, 30, 40] },
      ],
    };
    writeFileSync(join(coco, 'labels.json'), JSON.stringify(labels));
    dataset = await Dataset.fromDir(join(coco, 'labels.json'), { type: 'coco', name: 'fruit and zebras' }, connection);
  });
  afterAll(async () => {
    await connection?.close();
    dir?.cleanup();
  });

  it("numbers YOLO classes in the dataset's class order (the COCO file's), not by name", async () => {
    const out = join(dir.dir, 'yolo');
    await dataset.export(out, { type: 'yolo' });
    const yaml = parseYaml(readFileSync(join(out, 'data.yaml'), 'utf8')) as { names: Record<number, string> };
    expect(yaml.names).toEqual({ 0: 'zebra', 1: 'apple', 2: 'mango' });
    const lines = readFileSync(join(out, 'labels', 'a.txt'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines.map((line) => line.split(' ')[0]).sort()).toEqual(['0', '1']);
    expect(lines).toContain('1 0.246875 0.246875 0.29375 0.29375');
  });

  it('writes YOLO coordinates with at most 6 decimals', async () => {
    const out = join(dir.dir, 'yolo-decimals');
    await dataset.export(out, { type: 'yolo' });
    for (const line of readFileSync(join(out, 'labels', 'a.txt'), 'utf8')
      .trimEnd()
      .split('\n')) {
      for (const column of line.split(' ').slice(1)) expect(column).toMatch(/^\d+(\.\d{1,6})?$/);
    }
    expect(yoloNumber(0.29374999999999996)).toBe('0.29375');
    expect(yoloNumber(1 / 3)).toBe('0.333333');
    expect(yoloNumber(0.5)).toBe('0.5');
  });

  it('keeps the COCO category ids and their order', async () => {
    const out = join(dir.dir, 'coco-out');
    await dataset.export(out, { type: 'coco' });
    const exported = JSON.parse(readFileSync(join(out, 'labels.json'), 'utf8')) as {
      categories: Array<{ id: number; name: string }>;
      annotations: Array<{ category_id: number }>;
    };
    expect(exported.categories.map(({ id, name }) => [id, name])).toEqual([
      [5, 'zebra'],
      [2, 'apple'],
      [9, 'mango'],
    ]);
    expect(exported.annotations.map((a) => a.category_id).sort()).toEqual([2, 5]);
  });
});
