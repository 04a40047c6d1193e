// Reading COCO on two threads gives exactly what one pass gives: the same annotations, problems in the same order, the same errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../invalid-input-error.js';
import { ProblemLog } from '../problem-log.js';
import type { HandOver } from './coco-annotation-runs.js';
import { readCocoFile, type CocoData } from './coco-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'teamset-coco-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function write(doc: unknown, indent?: number): string {
  const path = join(dir, `c${files++}.json`);
  writeFileSync(path, JSON.stringify(doc, null, indent));
  return path;
}

/** Everything a read produced, as plain data to compare. */
function snapshot(data: CocoData, log: ProblemLog) {
  const a = data.annotations;
  const rows = Array.from({ length: a.count }, (_, r) => [
    a.position(r),
    a.imageRef(r),
    a.categoryRef(r),
    ...a.box(r),
    a.area(r),
    a.iscrowd(r),
    a.score(r),
    a.table.polygons.get(r),
    a.table.extras.get(r),
  ]);
  let errors: { message: string; problems: string[] } | undefined;
  try {
    log.throwIfErrors();
  } catch (error) {
    errors = { message: (error as InvalidInputError).message, problems: (error as InvalidInputError).problems };
  }
  const { imageIds, fileNames, widths, heights, imagePositions, categories, info } = data;
  return {
    rows,
    images: { imageIds, fileNames, widths, heights, imagePositions },
    skipped: [...data.skippedImageIds],
    categories,
    info,
    errors,
    warnings: log.warnings(),
  };
}

type Outcome = { ok: ReturnType<typeof snapshot>; runsOnWorker: number } | { thrown: string };

async function read(
  path: string,
  options: { parallel: boolean; chunkSize?: number; skipInvalid?: boolean; handOver?: HandOver },
): Promise<Outcome> {
  const log = new ProblemLog(options.skipInvalid ?? false);
  try {
    const { skipInvalid: _, ...readOptions } = options;
    const data = await readCocoFile(path, { problems: log, ...readOptions });
    return { ok: snapshot(data, log), runsOnWorker: data.runsOnWorker };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return { thrown: error.message };
  }
}

/** Every other run to the worker, however long it takes to start (a worker running TypeScript starts slowly). */
const everyOther: HandOver = (run) => run % 2 === 0;

/**
 * Reads `path` in one pass and on two threads at several chunk sizes, with runs handed over as by default and
 * every other one; all must agree. Returns the one-pass outcome and the worker's run counts (every other run).
 */
async function readBothWays(path: string, skipInvalid = false): Promise<{ onePass: Outcome; runsOnWorker: number[] }> {
  const onePass = await read(path, { parallel: false, skipInvalid });
  const runsOnWorker: number[] = [];
  for (const chunkSize of [512, 4096, 1 << 20]) {
    for (const handOver of [everyOther, undefined]) {
      const parallel = await read(path, { parallel: true, chunkSize, skipInvalid, ...(handOver ? { handOver } : {}) });
      if ('ok' in parallel && 'ok' in onePass) {
        expect(parallel.ok).toEqual(onePass.ok);
        if (handOver) runsOnWorker.push(parallel.runsOnWorker);
      } else expect(parallel).toEqual(onePass);
    }
  }
  return { onePass, runsOnWorker };
}

const CATEGORIES = [
  { id: 1, name: 'cat', supercategory: 'animal' },
  { id: 'dog', name: 'dog' },
];

function images(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: i % 5 === 0 ? `img-${i}` : i,
    file_name: `straße/${i}.jpg`,
    width: 640,
    height: 480,
  }));
}

/** Annotations of every shape a valid COCO file has: string ids, polygons, RLE, optional numbers, attributes. */
function annotation(i: number): Record<string, unknown> {
  const a: Record<string, unknown> = {
    id: i,
    image_id: i % 50 === 0 ? `img-${i % 100}` : i % 100,
    category_id: i % 4 === 0 ? 'dog' : 1,
    bbox: [i % 600, 1.5, 10 + i / 7, 20.25],
  };
  if (i % 2 === 0) a.area = (10 + i / 7) * 20.25;
  if (i % 3 === 0) a.iscrowd = i % 2;
  if (i % 5 === 0) a.score = 0.5 + (i % 10) / 100;
  if (i % 7 === 0)
    a.segmentation = [
      [1, 2, 3, 4, 5, 6],
      [7, 8, 9, 10, 11, 12.5],
    ];
  if (i % 11 === 0) a.segmentation = { counts: [1, 2], size: [480, 640] };
  if (i % 13 === 0) a.occluded = i % 2 === 0;
  if (i % 17 === 0) a.note = `猫 ${i}`;
  return a;
}

describe('readCocoFile on two threads', () => {
  it('reads a valid file as one pass does, pretty-printed or not, with categories and info after the annotations', async () => {
    const doc = {
      images: images(100),
      annotations: Array.from({ length: 3000 }, (_, i) => annotation(i)),
      categories: CATEGORIES,
      info: { year: 2026 },
    };
    for (const indent of [undefined, 2]) {
      const { onePass, runsOnWorker } = await readBothWays(write(doc, indent));
      expect('ok' in onePass && onePass.ok.rows).toHaveLength(3000);
      expect('ok' in onePass && onePass.runsOnWorker).toBe(0);
      // Small reads make many runs, and the worker takes some of them; one 1 MiB read makes a single run.
      expect(runsOnWorker[0]).toBeGreaterThan(10);
      expect(runsOnWorker[1]).toBeGreaterThan(1);
    }
  });

  it('reports problems in file order and in the same numbers, images after annotations included, with and without skipInvalid', async () => {
    const bad = (i: number): unknown => {
      switch (i % 6) {
        case 0:
          return { image_id: 1, category_id: [1], bbox: [1, 2, 3, 4] };
        case 1:
          return { image_id: 1, category_id: 1, bbox: [1, 2, -3, 4] };
        case 2:
          return { image_id: null, category_id: 1, bbox: [1, 2, 3, 4] };
        case 3:
          return { image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], area: 'big' };
        case 4:
          return { image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], segmentation: [[1, 2]] };
        default:
          return {
            image_id: 1,
            category_id: 1,
            bbox: [1, 2, 3, 4],
            'bad name': 1,
            label: 'x',
            [`x${i % 3}`]: 'nul\u0000',
          };
      }
    };
    const annotations = Array.from({ length: 2400 }, (_, i) => (i % 9 === 4 ? bad(Math.floor(i / 9)) : annotation(i)));
    const doc = {
      annotations,
      categories: [...CATEGORIES, { id: 1, name: 'again' }],
      images: [...images(100), { id: 3, file_name: 'dup.jpg' }, { id: 'x', file_name: '' }],
    };
    for (const skipInvalid of [false, true]) {
      const { onePass, runsOnWorker } = await readBothWays(write(doc, 1), skipInvalid);
      if (!('ok' in onePass)) throw new Error('expected a read');
      // Over 100 of each kind: the capped lists and the counts beyond them must agree too.
      if (skipInvalid) expect(onePass.ok.warnings.at(-1)).toMatch(/^… and \d+ more warnings$/);
      else expect(onePass.ok.errors?.problems.at(-1)).toMatch(/^… and \d+ more$/);
      expect(onePass.ok.warnings.some((w) => w.includes('attribute "bad name" is not imported'))).toBe(true);
      expect(runsOnWorker[0]).toBeGreaterThan(10);
    }
  });

  it('tells onProblem of every problem, past the 100 the lists keep, in file order on one thread or two', async () => {
    const annotations = Array.from({ length: 3000 }, (_, i) =>
      i % 10 === 3 ? { id: i, image_id: 1, category_id: 1, bbox: [1, 2, -3, 4] } : annotation(i),
    );
    const path = write({ annotations, categories: CATEGORIES, images: images(100) }, 1);
    const heard = async (options: { parallel: boolean; chunkSize?: number; handOver?: HandOver }) => {
      const told: string[] = [];
      const log = new ProblemLog(false, (problem) => told.push(`${problem.kind}: ${problem.message}`));
      const data = await readCocoFile(path, { problems: log, ...options });
      return { told, errorCount: log.errorCount, runsOnWorker: data.runsOnWorker };
    };
    const onePass = await heard({ parallel: false });
    // 300 negative widths, and whatever else the log counts: every one of them told, not the 100 it lists.
    expect(onePass.errorCount).toBeGreaterThanOrEqual(300);
    expect(onePass.told.filter((told) => told.startsWith('error: '))).toHaveLength(onePass.errorCount);
    expect(onePass.told.filter((told) => told.includes('annotations[2993]'))).toHaveLength(1);
    const twoThreads = await heard({ parallel: true, chunkSize: 4096, handOver: everyOther });
    expect(twoThreads.runsOnWorker).toBeGreaterThan(5);
    expect(twoThreads.told).toEqual(onePass.told);
  });

  it('reads the file again in one pass when a run was not whole elements: lists of objects or "}, {" inside annotations', async () => {
    const withParts = Array.from({ length: 2000 }, (_, i) => ({
      ...annotation(i),
      ...(i % 40 === 39 ? { parts: [{ p: 1 }, { p: 2 }] } : {}),
    }));
    const withText = Array.from({ length: 2000 }, (_, i) => ({
      ...annotation(i),
      ...(i % 40 === 39 ? { note: 'a}, {b' } : {}),
    }));
    for (const annotations of [withParts, withText]) {
      const { onePass, runsOnWorker } = await readBothWays(
        write({ images: images(100), annotations, categories: CATEGORIES }),
      );
      expect('ok' in onePass && onePass.ok.rows).toHaveLength(2000);
      // The worker's runs were thrown away with the first read; the result is the one-pass read's.
      expect(runsOnWorker).toEqual([0, 0, 0]);
    }
    // An element that is not an object is not counted: a run holding one is read again too, and the error is the same.
    const withString = Array.from({ length: 2000 }, (_, i) => (i === 1000 ? 'not an object' : annotation(i)));
    const { onePass } = await readBothWays(
      write({ images: images(100), annotations: withString, categories: CATEGORIES }),
    );
    expect('ok' in onePass && onePass.ok.errors?.problems).toEqual([
      expect.stringMatching(/annotations\[1000\]: expected an object, got the string "not an object"$/),
    ]);
  });

  it('throws the one-pass error for bad JSON and bad structure, wherever it is', async () => {
    const good = JSON.stringify(
      {
        images: images(100),
        annotations: Array.from({ length: 2000 }, (_, i) => annotation(i)),
        categories: CATEGORIES,
      },
      null,
      1,
    );
    const cases = [
      good.replace('"id": 1500,', '"id": 1500,,'),
      good.replace('"id": 10,', '"id": 10 "x",'),
      good.replace('"id": 1999,', '"id": oops,'),
      good.slice(0, Math.floor(good.length * 0.7)),
      JSON.stringify({ images: images(3), annotations: 5 }),
      JSON.stringify({ annotations: [annotation(1)] }),
    ];
    for (const text of cases) {
      const path = join(dir, `c${files++}.json`);
      writeFileSync(path, text);
      const { onePass } = await readBothWays(path);
      expect(onePass).toEqual({ thrown: expect.stringMatching(/^c\d+\.json: /) });
    }
  });
});
