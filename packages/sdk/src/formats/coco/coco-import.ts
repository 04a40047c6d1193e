// COCO detection import: validates the whole file, then yields one sample per image with its boxes (and polygons).
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { SampleInput } from '@teamset/contract';
import { readImageSize } from '../image-size.js';
import { importLabelField, segmentationField } from '../label-field-names.js';
import { jsonPath } from '../json-path.js';
import { idFactory } from '../object-ids.js';
import type { PreparedImport } from '../prepared-import.js';
import { ProblemLog } from '../problem-log.js';
import type { ImportDirOptions } from '../transfer-types.js';
import { readCocoFile, type CocoData } from './coco-reader.js';

/** FiftyOne's COCO layout: `labels.json` beside a `data/` directory of images. */
export const COCO_LABELS_FILE = 'labels.json';
export const COCO_DATA_DIR = 'data';
/** Image headers read at once when a COCO file leaves out sizes. */
const PARALLEL_READS = 16;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The JSON file and the directory its `file_name`s are relative to, for a path that is the file or a FiftyOne-layout directory. */
export async function locateCoco(
  path: string,
  imagesDir: string | undefined,
): Promise<{ jsonFile: string; imagesDir: string }> {
  const full = resolve(path);
  const jsonFile = (await isDirectory(full)) ? join(full, COCO_LABELS_FILE) : full;
  if (imagesDir !== undefined) return { jsonFile, imagesDir: resolve(imagesDir) };
  const beside = join(dirname(jsonFile), COCO_DATA_DIR);
  return { jsonFile, imagesDir: (await isDirectory(beside)) ? beside : dirname(jsonFile) };
}

export async function prepareCocoImport(path: string, options: ImportDirOptions): Promise<PreparedImport> {
  const started = performance.now();
  const labelField = importLabelField(options.labelField);
  const segField = segmentationField(labelField);
  const problems = new ProblemLog(options.skipInvalid ?? false, options.onProblem);
  const { jsonFile, imagesDir } = await locateCoco(path, options.imagesDir);
  try {
    await stat(jsonFile);
  } catch {
    problems.fatal(`${jsonFile}: no such file (expected a COCO JSON file, or a directory holding ${COCO_LABELS_FILE})`);
  }

  const data = await readCocoFile(jsonFile, {
    problems,
    progress: (done, total) =>
      options.progress?.({ phase: 'reading', done, total, elapsedMs: performance.now() - started }),
  });
  const filepaths = data.fileNames.map((name) => resolve(imagesDir, name));
  const { imageOf, categoryOf } = resolveReferences(data, problems);
  await fillMissingSizes(data, filepaths, imageOf, problems);
  const groups = groupByImage(data, imageOf);
  problems.throwIfErrors();

  const newId = idFactory();
  const labelNames = data.categories.map((c) => c.name);
  return {
    sampleCount: data.imageIds.length,
    labelCount: groups.order.length,
    warnings: problems.warnings(),
    datasetDefaults: { info: { ...data.info, categories: data.categories } },
    declarations: [],
    readMs: performance.now() - started,
    *samples(): Generator<SampleInput> {
      for (let i = 0; i < data.imageIds.length; i++) {
        const width = data.widths[i] as number;
        const height = data.heights[i] as number;
        const sample: SampleInput = {
          id: newId(),
          filepath: filepaths[i] as string,
          metadata: Number.isNaN(width) ? null : { width, height },
        };
        const start = groups.starts[i] as number;
        const end = groups.starts[i + 1] as number;
        if (end > start) {
          const detections: Record<string, unknown>[] = [];
          let polylines: Record<string, unknown>[] | undefined;
          for (let k = start; k < end; k++) {
            const a = groups.order[k] as number;
            const label = labelNames[categoryOf[a] as number] as string;
            const detection = toDetection(data, a, label, width, height);
            const polygons = data.annotations.table.polygons.get(a);
            if (polygons) {
              // The polyline names its detection, so an export can put the polygons back on the right annotation.
              detection.id = newId();
              (polylines ??= []).push({
                label,
                points: polygons.map((p) => relativePoints(p, width, height)),
                closed: true,
                filled: true,
                detection_id: detection.id,
              });
            }
            detections.push(detection);
          }
          sample[labelField] = { _cls: 'Detections', detections };
          if (polylines) sample[segField] = { _cls: 'Polylines', polylines };
        }
        yield sample;
      }
    },
  };
}

function toDetection(data: CocoData, a: number, label: string, width: number, height: number): Record<string, unknown> {
  // No `_cls` on the items: inside a Detections they can only be Detections, and the server adds it. Leaving
  // it out trims a seventh of the JSON the server parses per box.
  const annotations = data.annotations;
  const [x, y, w, h] = annotations.box(a);
  const detection: Record<string, unknown> = { label, bounding_box: [x / width, y / height, w / width, h / height] };
  const score = annotations.score(a);
  if (!Number.isNaN(score)) detection.confidence = score;
  const iscrowd = annotations.iscrowd(a);
  if (!Number.isNaN(iscrowd)) detection.iscrowd = iscrowd;
  const area = annotations.area(a);
  if (!Number.isNaN(area)) detection.area = area;
  const extras = annotations.table.extras.get(a);
  if (extras) Object.assign(detection, extras);
  return detection;
}

function relativePoints(flat: readonly number[], width: number, height: number): number[][] {
  const points: number[][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    points.push([(flat[i] as number) / width, (flat[i + 1] as number) / height]);
  return points;
}

/** Each annotation's image and category index; -1 for one that is skipped (reported, or of a skipped image). */
function resolveReferences(data: CocoData, problems: ProblemLog): { imageOf: Int32Array; categoryOf: Int32Array } {
  const annotations = data.annotations;
  const n = annotations.count;
  const imageOf = new Int32Array(n);
  const categoryOf = new Int32Array(n);
  let ofSkippedImages = 0;
  for (let a = 0; a < n; a++) {
    const imageRef = annotations.imageRef(a);
    const categoryRef = annotations.categoryRef(a);
    const image = data.imageIndex.get(imageRef);
    const category = data.categoryIndex.get(categoryRef);
    imageOf[a] = image ?? -1;
    categoryOf[a] = category ?? -1;
    if (image === undefined) {
      if (data.skippedImageIds.has(imageRef)) ofSkippedImages++;
      else
        problems.invalid(
          `${data.file}: ${jsonPath('annotations', annotations.position(a), 'image_id')}: no image with id ${JSON.stringify(imageRef)}`,
        );
    } else if (category === undefined) {
      imageOf[a] = -1;
      problems.invalid(
        `${data.file}: ${jsonPath('annotations', annotations.position(a), 'category_id')}: no category with id ${JSON.stringify(categoryRef)}`,
      );
    }
  }
  if (ofSkippedImages > 0)
    problems.warn(
      `${data.file}: ${ofSkippedImages} annotation${ofSkippedImages === 1 ? '' : 's'} of skipped images not imported`,
    );
  return { imageOf, categoryOf };
}

/** Reads the size of images the file gives none for; an image with boxes and no size cannot be imported (its boxes are pixels). */
async function fillMissingSizes(
  data: CocoData,
  filepaths: readonly string[],
  imageOf: Int32Array,
  problems: ProblemLog,
): Promise<void> {
  const missing: number[] = [];
  for (let i = 0; i < data.imageIds.length; i++)
    if (Number.isNaN(data.widths[i]) || Number.isNaN(data.heights[i])) missing.push(i);
  if (missing.length === 0) return;
  const unknown = new Set<number>();
  for (let start = 0; start < missing.length; start += PARALLEL_READS) {
    const slice = missing.slice(start, start + PARALLEL_READS);
    const sizes = await Promise.all(slice.map((i) => readImageSize(filepaths[i] as string)));
    slice.forEach((i, k) => {
      const size = sizes[k];
      data.widths[i] = size?.width ?? NaN;
      data.heights[i] = size?.height ?? NaN;
      if (!size) unknown.add(i);
    });
  }
  if (unknown.size === 0) return;
  const withBoxes = new Set<number>();
  for (let a = 0; a < imageOf.length; a++) {
    const image = imageOf[a] as number;
    if (image >= 0 && unknown.has(image)) {
      withBoxes.add(image);
      imageOf[a] = -1;
    }
  }
  for (const i of withBoxes) {
    problems.invalid(
      `${data.file}: ${jsonPath('images', data.imagePositions[i] as number)}: no width and height, and ${filepaths[i]} could not be read to find them (its boxes are in pixels)`,
    );
  }
}

/** Annotation indexes ordered by image (a counting sort): image i's are order[starts[i]] … order[starts[i + 1] - 1], in file order. */
function groupByImage(data: CocoData, imageOf: Int32Array): { starts: Int32Array; order: Int32Array } {
  const images = data.imageIds.length;
  const starts = new Int32Array(images + 1);
  let kept = 0;
  for (const image of imageOf) {
    if (image >= 0) {
      starts[image + 1] = (starts[image + 1] as number) + 1;
      kept++;
    }
  }
  for (let i = 0; i < images; i++) starts[i + 1] = (starts[i + 1] as number) + (starts[i] as number);
  const next = starts.slice(0, images);
  const order = new Int32Array(kept);
  for (let a = 0; a < imageOf.length; a++) {
    const image = imageOf[a] as number;
    if (image < 0) continue;
    const slot = next[image] as number;
    order[slot] = a;
    next[image] = slot + 1;
  }
  return { starts, order };
}
