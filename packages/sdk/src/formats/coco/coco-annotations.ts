// COCO annotations checked and stored as one flat table of numbers, read on the main thread or in a worker alike.
import { describeValue, jsonPath } from '../json-path.js';
import type { ProblemSink } from '../problem-sink.js';
import { ATTRIBUTE_NAME, isFiniteNumber, isPlainObject, stringProblem } from '../text-checks.js';

/** A COCO id: an integer in the standard, but strings occur in the wild. */
export type CocoId = number | string;

export function isCocoId(value: unknown): value is CocoId {
  return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '');
}

/** Annotation keys with a meaning of their own; any other key is kept as a label attribute. */
const ANNOTATION_KEYS = new Set(['id', 'image_id', 'category_id', 'bbox', 'segmentation', 'area', 'iscrowd', 'score']);
/** Keys a Detection already has: an annotation attribute by these names would clash. */
const DETECTION_BUILTINS = new Set(['id', 'label', 'bounding_box', 'confidence', 'index', 'tags', 'attributes']);

/** The numbers kept per annotation, in this order, one row of the table each. */
const enum Col {
  Position,
  ImageRef,
  CategoryRef,
  X,
  Y,
  W,
  H,
  Area,
  Iscrowd,
  Score,
}
const WIDTH = 10;

/**
 * The annotations of a file (or of a stretch of it) as rows of ten doubles in one Float64Array: 80 bytes a box,
 * where parsed objects would take hundreds, and one buffer to transfer from a worker. `NaN` marks an absent
 * optional number, and an image or category id that is a string (kept aside by row: JSON has no NaN, so a
 * numeric id is never NaN).
 */
export interface AnnotationTable {
  count: number;
  /** count × 10 numbers: position in the file's list, image id, category id, x, y, w, h, area, iscrowd, score. */
  values: Float64Array;
  imageRefStrings: Map<number, string>;
  categoryRefStrings: Map<number, string>;
  /** Polygons (flat x, y lists in pixels) by row. */
  polygons: Map<number, number[][]>;
  /** Other attributes by row. */
  extras: Map<number, Record<string, unknown>>;
}

export function emptyAnnotationTable(): AnnotationTable {
  return {
    count: 0,
    values: new Float64Array(0),
    imageRefStrings: new Map(),
    categoryRefStrings: new Map(),
    polygons: new Map(),
    extras: new Map(),
  };
}

/** Reads one row of a finished table. */
export class Annotations {
  constructor(readonly table: AnnotationTable) {}

  get count(): number {
    return this.table.count;
  }

  #at(row: number, col: Col): number {
    return this.table.values[row * WIDTH + col] as number;
  }

  position(row: number): number {
    return this.#at(row, Col.Position);
  }

  imageRef(row: number): CocoId {
    const v = this.#at(row, Col.ImageRef);
    return Number.isNaN(v) ? (this.table.imageRefStrings.get(row) as string) : v;
  }

  categoryRef(row: number): CocoId {
    const v = this.#at(row, Col.CategoryRef);
    return Number.isNaN(v) ? (this.table.categoryRefStrings.get(row) as string) : v;
  }

  /** The box in pixels: x, y, width, height. */
  box(row: number): [number, number, number, number] {
    const base = row * WIDTH;
    const v = this.table.values;
    return [v[base + Col.X] as number, v[base + Col.Y] as number, v[base + Col.W] as number, v[base + Col.H] as number];
  }

  area(row: number): number {
    return this.#at(row, Col.Area);
  }

  iscrowd(row: number): number {
    return this.#at(row, Col.Iscrowd);
  }

  score(row: number): number {
    return this.#at(row, Col.Score);
  }
}

/** Joins tables read from consecutive stretches of the file into one, in the order given. */
export function concatAnnotationTables(parts: readonly AnnotationTable[]): AnnotationTable {
  if (parts.length === 1) return parts[0] as AnnotationTable;
  const joined = emptyAnnotationTable();
  joined.count = parts.reduce((sum, part) => sum + part.count, 0);
  joined.values = new Float64Array(joined.count * WIDTH);
  let offset = 0;
  for (const part of parts) {
    joined.values.set(part.values.subarray(0, part.count * WIDTH), offset * WIDTH);
    for (const [from, to] of [
      [part.imageRefStrings, joined.imageRefStrings],
      [part.categoryRefStrings, joined.categoryRefStrings],
    ] as const) {
      for (const [row, id] of from) to.set(offset + row, id);
    }
    for (const [row, polygons] of part.polygons) joined.polygons.set(offset + row, polygons);
    for (const [row, extras] of part.extras) joined.extras.set(offset + row, extras);
    offset += part.count;
  }
  return joined;
}

/** Checks annotations one by one and appends the valid ones; problems go to `problems`, naming the file and JSON path. */
export class AnnotationReader {
  #values = new Float64Array(WIDTH * 1024);
  #count = 0;
  readonly #table = emptyAnnotationTable();

  constructor(
    private readonly file: string,
    private readonly problems: ProblemSink,
  ) {}

  /** The rows read so far; the reader must not be used afterwards. */
  finish(): AnnotationTable {
    this.#table.count = this.#count;
    this.#table.values = this.#values.subarray(0, this.#count * WIDTH);
    return this.#table;
  }

  #at(...parts: Array<string | number>): string {
    return `${this.file}: ${jsonPath('annotations', ...parts)}`;
  }

  /** The number at `key`: NaN when absent or null, undefined when it is something else (reported). */
  #optionalNumber(value: Record<string, unknown>, key: string, index: number): number | undefined {
    const v = value[key];
    if (v === undefined || v === null) return NaN;
    if (isFiniteNumber(v)) return v;
    this.problems.invalid(`${this.#at(index, key)}: expected a number, got ${describeValue(v)}`);
    return undefined;
  }

  /** The annotation at `index` of the file's list. */
  read(index: number, value: unknown): void {
    if (!isPlainObject(value))
      return this.problems.invalid(`${this.#at(index)}: expected an object, got ${describeValue(value)}`);
    const { image_id: imageId, category_id: categoryId, bbox } = value;
    if (!isCocoId(imageId))
      return this.problems.invalid(
        `${this.#at(index, 'image_id')}: expected an image id, got ${describeValue(imageId)}`,
      );
    if (!isCocoId(categoryId))
      return this.problems.invalid(
        `${this.#at(index, 'category_id')}: expected a category id, got ${describeValue(categoryId)}`,
      );
    if (
      !Array.isArray(bbox) ||
      bbox.length !== 4 ||
      !bbox.every(isFiniteNumber) ||
      (bbox[2] as number) < 0 ||
      (bbox[3] as number) < 0
    ) {
      return this.problems.invalid(
        `${this.#at(index, 'bbox')}: expected 4 numbers [x, y, width, height] with width and height ≥ 0, got ${describeValue(bbox)}`,
      );
    }
    const area = this.#optionalNumber(value, 'area', index);
    const iscrowd = this.#optionalNumber(value, 'iscrowd', index);
    const score = this.#optionalNumber(value, 'score', index);
    if (area === undefined || iscrowd === undefined || score === undefined) return;
    const polygons = this.#segmentation(value.segmentation, index);
    if (polygons === false) return;
    const extras = this.#extras(value, index);
    if (extras === false) return;

    const row = this.#count++;
    if (this.#values.length < this.#count * WIDTH) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    const v = this.#values;
    const base = row * WIDTH;
    v[base + Col.Position] = index;
    if (typeof imageId === 'number') v[base + Col.ImageRef] = imageId;
    else {
      v[base + Col.ImageRef] = NaN;
      this.#table.imageRefStrings.set(row, imageId);
    }
    if (typeof categoryId === 'number') v[base + Col.CategoryRef] = categoryId;
    else {
      v[base + Col.CategoryRef] = NaN;
      this.#table.categoryRefStrings.set(row, categoryId);
    }
    v[base + Col.X] = bbox[0] as number;
    v[base + Col.Y] = bbox[1] as number;
    v[base + Col.W] = bbox[2] as number;
    v[base + Col.H] = bbox[3] as number;
    v[base + Col.Area] = area;
    v[base + Col.Iscrowd] = iscrowd;
    v[base + Col.Score] = score;
    if (polygons) this.#table.polygons.set(row, polygons);
    if (extras) this.#table.extras.set(row, extras);
  }

  /** Polygons, undefined for none, false when invalid (reported). RLE masks cannot become polylines: counted in one warning. */
  #segmentation(segmentation: unknown, index: number): number[][] | undefined | false {
    if (segmentation === undefined || segmentation === null) return undefined;
    if (isPlainObject(segmentation)) {
      this.problems.warnOnce(
        'rle',
        `${this.file}: RLE segmentations (e.g. ${jsonPath('annotations', index, 'segmentation')}) are not imported: Teamset keeps polygons only; their boxes are imported`,
      );
      return undefined;
    }
    const polygonOk = (p: unknown): p is number[] =>
      Array.isArray(p) && p.length >= 6 && p.length % 2 === 0 && p.every(isFiniteNumber);
    if (!Array.isArray(segmentation) || !segmentation.every(polygonOk)) {
      this.problems.invalid(
        `${this.#at(index, 'segmentation')}: expected a list of polygons, each a list of at least 3 x, y pairs`,
      );
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
        this.problems.warnOnce(
          `attr:${key}`,
          `${this.#at(index, key)}: attribute ${JSON.stringify(key)} is not imported (${DETECTION_BUILTINS.has(key) ? 'a Detection has its own' : 'label attribute names are letters, digits and "_", starting with a letter'})`,
        );
        continue;
      }
      if (typeof v === 'string' && stringProblem(v)) {
        this.problems.invalid(`${this.#at(index, key)}: the string ${stringProblem(v)}`);
        return false;
      }
      (extras ??= {})[key] = v;
    }
    return extras;
  }
}
