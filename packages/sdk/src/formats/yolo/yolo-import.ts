// YOLOv5 import: label files validated and kept as compact columns, then one sample per image with its boxes.
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { SampleInput } from '@teamset/contract';
import { readImageSize } from '../image-size.js';
import { importLabelField } from '../label-field-names.js';
import { idFactory } from '../object-ids.js';
import type { PreparedImport } from '../prepared-import.js';
import { ProblemLog } from '../problem-log.js';
import type { ImportDirOptions } from '../transfer-types.js';
import { YOLO_CLASSES_FILE, labelPathFor, resolveYoloLayout, type YoloLayout } from './yolo-layout.js';

/** Files read at once (label files and image headers). */
const PARALLEL_READS = 16;
const INTEGER = /^\d+$/;

/** Boxes of every image, column by column; image i's are [starts[i], starts[i + 1]). */
class YoloBoxes {
  readonly cls: number[] = [];
  readonly cx: number[] = [];
  readonly cy: number[] = [];
  readonly w: number[] = [];
  readonly h: number[] = [];
  /** NaN when the line has no sixth column. */
  readonly conf: number[] = [];
}

interface ImageRecord {
  width: number;
  height: number;
  /** false: no label file, so no label field (an empty file gives an empty Detections). */
  labelled: boolean;
  start: number;
  end: number;
}

function read(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: { code?: string }) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** Parses one label file into `boxes`; bad lines go to `problems` with their line number. */
function parseLabelFile(text: string, file: string, classes: number, boxes: YoloBoxes, problems: ProblemLog): void {
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const at = `${file}:${i + 1}`;
    const tokens = line.split(/\s+/);
    if (tokens.length !== 5 && tokens.length !== 6) {
      return problems.invalid(`${at}: expected 5 or 6 numbers (class cx cy w h [confidence]), got ${tokens.length}`);
    }
    const [clsText, ...rest] = tokens as [string, ...string[]];
    const numbers = rest.map(Number);
    if (!INTEGER.test(clsText))
      return problems.invalid(`${at}: expected a class index (a whole number ≥ 0), got ${JSON.stringify(clsText)}`);
    const cls = Number(clsText);
    if (cls >= classes) return problems.invalid(`${at}: unknown class ${cls} (there are ${classes} class names)`);
    if (!numbers.every(Number.isFinite))
      return problems.invalid(
        `${at}: expected numbers for cx cy w h${tokens.length === 6 ? ' confidence' : ''}, got ${rest.join(' ')}`,
      );
    const [cx, cy, w, h, conf] = numbers as [number, number, number, number, number | undefined];
    if (w < 0 || h < 0) return problems.invalid(`${at}: width and height must be ≥ 0, got ${w} ${h}`);
    boxes.cls.push(cls);
    boxes.cx.push(cx);
    boxes.cy.push(cy);
    boxes.w.push(w);
    boxes.h.push(h);
    boxes.conf.push(conf ?? NaN);
  });
}

/** Label files with no image beside them hold annotations of unknown images: reported like COCO's. */
async function reportOrphanLabels(layout: YoloLayout, used: ReadonlySet<string>, problems: ProblemLog): Promise<void> {
  const imageDirs = new Set(layout.images.map((i) => join(i.path, '..')));
  for (const dir of layout.labelDirs) {
    // Labels kept beside the images share their directory with other text files: nothing to pair there.
    if (imageDirs.has(dir)) continue;
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of entries.sort()) {
      const path = join(dir, name);
      if (!name.endsWith('.txt') || name === YOLO_CLASSES_FILE || used.has(path)) continue;
      const text = await read(path);
      if (text !== undefined && text.trim() !== '')
        problems.invalid(`${relative(layout.root, path)}: no image for this label file`);
    }
  }
}

export async function prepareYoloImport(path: string, options: ImportDirOptions): Promise<PreparedImport> {
  const started = performance.now();
  const labelField = importLabelField(options.labelField);
  const problems = new ProblemLog(options.skipInvalid ?? false, options.onProblem);
  const layout = await resolveYoloLayout(path, options.imagesDir, problems);
  const boxes = new YoloBoxes();
  const records: ImageRecord[] = [];
  const used = new Set<string>();
  let unreadable = 0;
  let example = '';

  for (let start = 0; start < layout.images.length; start += PARALLEL_READS) {
    const slice = layout.images.slice(start, start + PARALLEL_READS);
    const labelPaths = slice.map((image) => labelPathFor(image.path));
    const [texts, sizes] = await Promise.all([
      Promise.all(labelPaths.map(read)),
      Promise.all(slice.map((image) => readImageSize(image.path))),
    ]);
    slice.forEach((image, k) => {
      const labelPath = labelPaths[k] as string;
      const text = texts[k];
      const size = sizes[k];
      if (!size) {
        unreadable++;
        example ||= relative(layout.root, image.path);
      }
      const begin = boxes.cls.length;
      if (text !== undefined) {
        used.add(labelPath);
        parseLabelFile(text, relative(layout.root, labelPath), layout.names.length, boxes, problems);
      }
      records.push({
        width: size?.width ?? NaN,
        height: size?.height ?? NaN,
        labelled: text !== undefined,
        start: begin,
        end: boxes.cls.length,
      });
    });
    options.progress?.({
      phase: 'reading',
      done: records.length,
      total: layout.images.length,
      elapsedMs: performance.now() - started,
    });
  }
  await reportOrphanLabels(layout, used, problems);
  if (unreadable > 0)
    problems.warn(
      `${unreadable} image${unreadable === 1 ? '' : 's'} (e.g. ${example}) could not be read for their size; their metadata stays empty`,
    );
  problems.throwIfErrors();

  const newId = idFactory();
  const { names } = layout;
  return {
    sampleCount: records.length,
    labelCount: boxes.cls.length,
    warnings: problems.warnings(),
    datasetDefaults: { info: { classes: names } },
    declarations: [],
    readMs: performance.now() - started,
    *samples(): Generator<SampleInput> {
      for (let i = 0; i < records.length; i++) {
        const record = records[i] as ImageRecord;
        const image = layout.images[i] as YoloLayout['images'][number];
        const sample: SampleInput = {
          id: newId(),
          filepath: image.path,
          ...(image.split ? { tags: [image.split] } : {}),
          metadata: Number.isNaN(record.width) ? null : { width: record.width, height: record.height },
        };
        if (record.labelled) {
          const detections: Record<string, unknown>[] = [];
          for (let b = record.start; b < record.end; b++) {
            const w = boxes.w[b] as number;
            const h = boxes.h[b] as number;
            // YOLO gives the centre; Teamset (like FiftyOne) the top-left corner. No `_cls`: the server adds it.
            const detection: Record<string, unknown> = {
              label: names[boxes.cls[b] as number],
              bounding_box: [(boxes.cx[b] as number) - w / 2, (boxes.cy[b] as number) - h / 2, w, h],
            };
            const conf = boxes.conf[b] as number;
            if (!Number.isNaN(conf)) detection.confidence = conf;
            detections.push(detection);
          }
          sample[labelField] = { _cls: 'Detections', detections };
        }
        yield sample;
      }
    },
  };
}
