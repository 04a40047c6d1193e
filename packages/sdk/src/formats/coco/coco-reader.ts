// Reads and validates a COCO detection file into compact per-column arrays, never holding its annotations as objects.
import { basename } from 'node:path';
import { jsonPath, describeValue } from '../json-path.js';
import { scanJsonFile } from '../json-stream-scanner.js';
import type { ProblemLog } from '../problem-log.js';
import { ATTRIBUTE_NAME, isFiniteNumber, isPlainObject, stringProblem } from '../text-checks.js';

/** A COCO id: an integer in the standard, but strings occur in the wild. */
export type CocoId = number | string;

export interface CocoCategory {
  id: CocoId;
  name: string;
  supercategory?: string;
}

/** Annotation keys with a meaning of their own; any other key is kept as a label attribute. */
const ANNOTATION_KEYS = new Set(['id', 'image_id', 'category_id', 'bbox', 'segmentation', 'area', 'iscrowd', 'score']);
/** Keys a Detection already has: an annotation attribute by these names would clash. */
const DETECTION_BUILTINS = new Set(['id', 'label', 'bounding_box', 'confidence', 'index', 'tags', 'attributes']);

/**
 * The file's content, column by column. Annotation columns are plain number arrays (V8 keeps them as packed
 * doubles: 8 bytes a value), so a million boxes take tens of megabytes rather than the hundreds their parsed
 * objects would. `NaN` marks an absent optional number.
 */
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

  readonly annPositions: number[] = [];
  readonly annImageRefs: CocoId[] = [];
  readonly annCategoryRefs: CocoId[] = [];
  readonly x: number[] = [];
  readonly y: number[] = [];
  readonly w: number[] = [];
  readonly h: number[] = [];
  readonly area: number[] = [];
  readonly iscrowd: number[] = [];
  readonly score: number[] = [];
  /** Polygons (flat x, y lists in pixels) by annotation index. */
  readonly polygons = new Map<number, number[][]>();
  /** Other attributes by annotation index. */
  readonly extras = new Map<number, Record<string, unknown>>();
  sawImages = false;

  constructor(file: string) {
    this.file = file;
  }

  get annotationCount(): number {
    return this.x.length;
  }
}

export interface ReadCocoOptions {
  problems: ProblemLog;
  progress?: (bytesRead: number, total: number) => void;
}

/** Scans `jsonFile`; item problems go to `problems`, structural ones are thrown. */
export async function readCocoFile(jsonFile: string, options: ReadCocoOptions): Promise<CocoData> {
  const data = new CocoData(basename(jsonFile));
  const reader = new CocoElementReader(data, options.problems);
  await scanJsonFile(
    jsonFile,
    { arrays: new Set(['images', 'annotations', 'categories']), label: data.file, ...(options.progress ? { progress: options.progress } : {}) },
    {
      element: (key, index, value) => reader.element(key, index, value),
      member: (key, value) => reader.member(key, value),
    },
  );
  if (!data.sawImages) options.problems.fatal(`${data.file}: expected an "images" list at the top level`);
  return data;
}

class CocoElementReader {
  constructor(
    private readonly data: CocoData,
    private readonly problems: ProblemLog,
  ) {}

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
    } else if (key === 'annotations') this.#annotation(index, value);
    else this.#category(index, value);
  }

  #id(value: unknown): value is CocoId {
    return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '');
  }

  #image(index: number, value: unknown): void {
    if (!isPlainObject(value)) return this.problems.invalid(`${this.#at('images', index)}: expected an object, got ${describeValue(value)}`);
    const { id, file_name: fileName, width, height } = value;
    if (!this.#id(id)) return this.problems.invalid(`${this.#at('images', index, 'id')}: expected an image id (a number or string), got ${describeValue(id)}`);
    const skip = (message: string) => {
      this.data.skippedImageIds.add(id);
      this.problems.invalid(message);
    };
    const earlier = this.data.imageIndex.get(id);
    if (earlier !== undefined) {
      return this.problems.invalid(`${this.#at('images', index, 'id')}: duplicate image id ${JSON.stringify(id)} (also ${jsonPath('images', this.data.imagePositions[earlier] as number)})`);
    }
    if (typeof fileName !== 'string' || fileName === '') return skip(`${this.#at('images', index, 'file_name')}: expected a file name, got ${describeValue(fileName)}`);
    const bad = stringProblem(fileName);
    if (bad) return skip(`${this.#at('images', index, 'file_name')}: the file name ${bad}`);
    for (const [name, size] of [['width', width], ['height', height]] as const) {
      if (size !== undefined && size !== null && !(Number.isInteger(size) && (size as number) > 0)) {
        return skip(`${this.#at('images', index, name)}: expected a positive whole number of pixels, got ${describeValue(size)}`);
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
    if (!isPlainObject(value)) return this.problems.invalid(`${this.#at('categories', index)}: expected an object, got ${describeValue(value)}`);
    const { id, name, supercategory } = value;
    if (!this.#id(id)) return this.problems.invalid(`${this.#at('categories', index, 'id')}: expected a category id (a number or string), got ${describeValue(id)}`);
    if (typeof name !== 'string' || name === '') return this.problems.invalid(`${this.#at('categories', index, 'name')}: expected a category name, got ${describeValue(name)}`);
    const bad = stringProblem(name);
    if (bad) return this.problems.invalid(`${this.#at('categories', index, 'name')}: the name ${bad}`);
    if (this.data.categoryIndex.has(id)) return this.problems.invalid(`${this.#at('categories', index, 'id')}: duplicate category id ${JSON.stringify(id)}`);
    this.data.categoryIndex.set(id, this.data.categories.length);
    this.data.categories.push({ id, name, ...(typeof supercategory === 'string' ? { supercategory } : {}) });
  }

  /** The number at `key`: NaN when absent or null, undefined when it is something else (reported). */
  #optionalNumber(value: Record<string, unknown>, key: string, index: number): number | undefined {
    const v = value[key];
    if (v === undefined || v === null) return NaN;
    if (isFiniteNumber(v)) return v;
    this.problems.invalid(`${this.#at('annotations', index, key)}: expected a number, got ${describeValue(v)}`);
    return undefined;
  }

  #annotation(index: number, value: unknown): void {
    if (!isPlainObject(value)) return this.problems.invalid(`${this.#at('annotations', index)}: expected an object, got ${describeValue(value)}`);
    const { image_id: imageId, category_id: categoryId, bbox } = value;
    if (!this.#id(imageId)) return this.problems.invalid(`${this.#at('annotations', index, 'image_id')}: expected an image id, got ${describeValue(imageId)}`);
    if (!this.#id(categoryId)) return this.problems.invalid(`${this.#at('annotations', index, 'category_id')}: expected a category id, got ${describeValue(categoryId)}`);
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(isFiniteNumber) || (bbox[2] as number) < 0 || (bbox[3] as number) < 0) {
      return this.problems.invalid(`${this.#at('annotations', index, 'bbox')}: expected 4 numbers [x, y, width, height] with width and height ≥ 0, got ${describeValue(bbox)}`);
    }
    const area = this.#optionalNumber(value, 'area', index);
    const iscrowd = this.#optionalNumber(value, 'iscrowd', index);
    const score = this.#optionalNumber(value, 'score', index);
    if (area === undefined || iscrowd === undefined || score === undefined) return;
    const polygons = this.#segmentation(value.segmentation, index);
    if (polygons === false) return;
    const extras = this.#extras(value, index);
    if (extras === false) return;

    const d = this.data;
    const n = d.x.length;
    d.annPositions.push(index);
    d.annImageRefs.push(imageId);
    d.annCategoryRefs.push(categoryId);
    d.x.push(bbox[0] as number);
    d.y.push(bbox[1] as number);
    d.w.push(bbox[2] as number);
    d.h.push(bbox[3] as number);
    d.area.push(area);
    d.iscrowd.push(iscrowd);
    d.score.push(score);
    if (polygons) d.polygons.set(n, polygons);
    if (extras) d.extras.set(n, extras);
  }

  /** Polygons, undefined for none, false when invalid (reported). RLE masks cannot become polylines: counted in one warning. */
  #segmentation(segmentation: unknown, index: number): number[][] | undefined | false {
    if (segmentation === undefined || segmentation === null) return undefined;
    if (isPlainObject(segmentation)) {
      this.problems.warnOnce('rle', `${this.data.file}: RLE segmentations (e.g. ${jsonPath('annotations', index, 'segmentation')}) are not imported: Teamset keeps polygons only; their boxes are imported`);
      return undefined;
    }
    const polygonOk = (p: unknown): p is number[] => Array.isArray(p) && p.length >= 6 && p.length % 2 === 0 && p.every(isFiniteNumber);
    if (!Array.isArray(segmentation) || !segmentation.every(polygonOk)) {
      this.problems.invalid(`${this.#at('annotations', index, 'segmentation')}: expected a list of polygons, each a list of at least 3 x, y pairs`);
      return false;
    }
    return segmentation.length === 0 ? undefined : segmentation;
  }

  /** Other keys as label attributes; names the server would refuse, or that clash with a Detection's own, are left out with a warning. */
  #extras(value: Record<string, unknown>, index: number): Record<string, unknown> | undefined | false {
    let extras: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      if (ANNOTATION_KEYS.has(key)) continue;
      const v = value[key];
      if (v === undefined || v === null) continue;
      if (!ATTRIBUTE_NAME.test(key) || DETECTION_BUILTINS.has(key)) {
        this.problems.warnOnce(`attr:${key}`, `${this.#at('annotations', index, key)}: attribute ${JSON.stringify(key)} is not imported (${DETECTION_BUILTINS.has(key) ? 'a Detection has its own' : 'label attribute names are letters, digits and "_", starting with a letter'})`);
        continue;
      }
      if (typeof v === 'string' && stringProblem(v)) {
        this.problems.invalid(`${this.#at('annotations', index, key)}: the string ${stringProblem(v)}`);
        return false;
      }
      (extras ??= {})[key] = v;
    }
    return extras;
  }
}
