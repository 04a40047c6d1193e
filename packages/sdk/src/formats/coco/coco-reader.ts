// Reads and validates a COCO detection file into compact columns, never holding its annotations as objects.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { jsonPath, describeValue } from '../json-path.js';
import { scanJsonFile } from '../json-stream-scanner.js';
import type { ProblemLog } from '../problem-log.js';
import { replayProblems } from '../problem-record.js';
import type { ProblemSink } from '../problem-sink.js';
import { isPlainObject, stringProblem } from '../text-checks.js';
import { AnnotationParts, AnnotationWorker, type HandOver } from './coco-annotation-runs.js';
import {
  Annotations,
  concatAnnotationTables,
  emptyAnnotationTable,
  isCocoId,
  type CocoId,
} from './coco-annotations.js';

export interface CocoCategory {
  id: CocoId;
  name: string;
  supercategory?: string;
}

/**
 * Files this large have their annotations parsed on two threads: below it, starting a worker costs more than it
 * saves (a worker starts in tens of milliseconds; 8 MiB of annotations parse in about 70).
 */
const PARALLEL_FROM_BYTES = 8 * 1024 * 1024;

/** The file's content: images and categories as columns, annotations as one table of numbers (see AnnotationTable). */
export class CocoData {
  readonly file: string;
  info: Record<string, unknown> | undefined;
  readonly categories: CocoCategory[] = [];
  readonly categoryIndex = new Map<CocoId, number>();

  readonly imageIds: CocoId[] = [];
  readonly fileNames: string[] = [];
  /** NaN when the file does not say. */
  readonly widths: number[] = [];
  readonly heights: number[] = [];
  /** Position of each kept image in the file's `images` list, for messages. */
  readonly imagePositions: number[] = [];
  readonly imageIndex = new Map<CocoId, number>();
  /** Ids of images that were invalid and skipped: their annotations go too, counted in one warning. */
  readonly skippedImageIds = new Set<CocoId>();

  annotations = new Annotations(emptyAnnotationTable());
  sawImages = false;
  /** Runs of annotations parsed on the worker thread (0 when the file was read in one pass). */
  runsOnWorker = 0;

  constructor(file: string) {
    this.file = file;
  }
}

export interface ReadCocoOptions {
  problems: ProblemLog;
  progress?: (bytesRead: number, total: number) => void;
  /** Parse annotations on a worker thread as well as the main one (default: for files of 8 MiB or more). */
  parallel?: boolean;
  /** Bytes per read (tests make it small, for many runs). */
  chunkSize?: number;
  /** Which runs the worker takes (default: while it holds fewer than two; tests choose runs by number). */
  handOver?: HandOver;
}

/** Scans `jsonFile`; item problems go to `problems`, structural ones are thrown. */
export async function readCocoFile(jsonFile: string, options: ReadCocoOptions): Promise<CocoData> {
  if (options.parallel ?? (await stat(jsonFile)).size >= PARALLEL_FROM_BYTES) {
    const worker = await AnnotationWorker.start(options.handOver);
    if (worker) {
      try {
        const data = await readCoco(jsonFile, options, worker);
        if (data) return data;
      } finally {
        await worker.close();
      }
    }
  }
  return (await readCoco(jsonFile, options, undefined)) as CocoData;
}

/**
 * One read of the file. With a worker, undefined when a run it was handed turned out not to be whole elements
 * (see JsonRunTaker): the read stops there, nothing of it has reached `options.problems`, and the caller reads
 * the file again without the worker.
 */
async function readCoco(
  jsonFile: string,
  options: ReadCocoOptions,
  worker: AnnotationWorker | undefined,
): Promise<CocoData | undefined> {
  const data = new CocoData(basename(jsonFile));
  const parts = new AnnotationParts(data.file, options.problems.listed);
  const reader = new CocoElementReader(data, () => parts.problems);
  let thrown: { error: unknown } | undefined;
  try {
    await scanJsonFile(
      jsonFile,
      {
        arrays: new Set(['images', 'annotations', 'categories']),
        label: data.file,
        ...(options.progress ? { progress: options.progress } : {}),
        ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
        ...(worker ? { stop: () => worker.failed } : {}),
      },
      {
        element: (key, index, value) =>
          key === 'annotations' ? parts.read(index, value) : reader.element(key, index, value),
        member: (key, value) => reader.member(key, value),
        ...(worker
          ? {
              runs: {
                wants: (key: string) => key === 'annotations' && worker.wants(),
                take: (_key: string, first: number, count: number, text: Uint8Array) =>
                  parts.add(worker.read(data.file, first, count, text, parts.listed)),
              },
            }
          : {}),
      },
    );
  } catch (error) {
    // Thrown from a wrong place, maybe: a run the worker holds may show the scan had lost its way.
    thrown = { error };
  }
  const read = await parts.finish();
  if (!read) return undefined;
  if (thrown) throw thrown.error;
  for (const part of read) replayProblems(part.problems, options.problems);
  data.annotations = new Annotations(concatAnnotationTables(read.map((part) => part.table)));
  data.runsOnWorker = parts.handedOver;
  if (!data.sawImages) options.problems.fatal(`${data.file}: expected an "images" list at the top level`);
  return data;
}

/** Images, categories and other members; annotations are read by AnnotationReader. */
class CocoElementReader {
  constructor(
    private readonly data: CocoData,
    private readonly sink: () => ProblemSink,
  ) {}

  get problems(): ProblemSink {
    return this.sink();
  }

  #at(...parts: Array<string | number>): string {
    return `${this.data.file}: ${jsonPath(...parts)}`;
  }

  member(key: string, value: unknown): void {
    if (key === 'images' || key === 'annotations' || key === 'categories') {
      // An array would have been handed over element by element: this one is something else.
      this.problems.fatal(`${this.#at(key)}: expected a list, got ${describeValue(value)}`);
    }
    if (key === 'info' && isPlainObject(value)) this.data.info = value;
  }

  element(key: string, index: number, value: unknown): void {
    if (key === 'images') {
      this.data.sawImages = true;
      this.#image(index, value);
    } else this.#category(index, value);
  }

  #image(index: number, value: unknown): void {
    if (!isPlainObject(value))
      return this.problems.invalid(`${this.#at('images', index)}: expected an object, got ${describeValue(value)}`);
    const { id, file_name: fileName, width, height } = value;
    if (!isCocoId(id))
      return this.problems.invalid(
        `${this.#at('images', index, 'id')}: expected an image id (a number or string), got ${describeValue(id)}`,
      );
    const skip = (message: string) => {
      this.data.skippedImageIds.add(id);
      this.problems.invalid(message);
    };
    const earlier = this.data.imageIndex.get(id);
    if (earlier !== undefined) {
      return this.problems.invalid(
        `${this.#at('images', index, 'id')}: duplicate image id ${JSON.stringify(id)} (also ${jsonPath('images', this.data.imagePositions[earlier] as number)})`,
      );
    }
    if (typeof fileName !== 'string' || fileName === '')
      return skip(`${this.#at('images', index, 'file_name')}: expected a file name, got ${describeValue(fileName)}`);
    const bad = stringProblem(fileName);
    if (bad) return skip(`${this.#at('images', index, 'file_name')}: the file name ${bad}`);
    for (const [name, size] of [
      ['width', width],
      ['height', height],
    ] as const) {
      if (size !== undefined && size !== null && !(Number.isInteger(size) && (size as number) > 0)) {
        return skip(
          `${this.#at('images', index, name)}: expected a positive whole number of pixels, got ${describeValue(size)}`,
        );
      }
    }
    this.data.imageIndex.set(id, this.data.imageIds.length);
    this.data.imageIds.push(id);
    this.data.fileNames.push(fileName);
    this.data.widths.push(typeof width === 'number' ? width : NaN);
    this.data.heights.push(typeof height === 'number' ? height : NaN);
    this.data.imagePositions.push(index);
  }

  #category(index: number, value: unknown): void {
    if (!isPlainObject(value))
      return this.problems.invalid(`${this.#at('categories', index)}: expected an object, got ${describeValue(value)}`);
    const { id, name, supercategory } = value;
    if (!isCocoId(id))
      return this.problems.invalid(
        `${this.#at('categories', index, 'id')}: expected a category id (a number or string), got ${describeValue(id)}`,
      );
    if (typeof name !== 'string' || name === '')
      return this.problems.invalid(
        `${this.#at('categories', index, 'name')}: expected a category name, got ${describeValue(name)}`,
      );
    const bad = stringProblem(name);
    if (bad) return this.problems.invalid(`${this.#at('categories', index, 'name')}: the name ${bad}`);
    if (this.data.categoryIndex.has(id))
      return this.problems.invalid(
        `${this.#at('categories', index, 'id')}: duplicate category id ${JSON.stringify(id)}`,
      );
    this.data.categoryIndex.set(id, this.data.categories.length);
    this.data.categories.push({ id, name, ...(typeof supercategory === 'string' ? { supercategory } : {}) });
  }
}
