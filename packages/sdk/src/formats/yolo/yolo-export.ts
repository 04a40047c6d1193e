// YOLOv5 export: images/ and labels/ paired by name, data.yaml with the class names in the dataset's class order.
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { datasetClasses, detectionsOf, exportDetectionsField, openExport, orderedLabels } from '../export-context.js';
import type { ExportSource } from '../transfer-ports.js';
import { MediaExporter } from '../media-export.js';
import { isFiniteNumber } from '../text-checks.js';
import type { ExportDirOptions, TransferSummary } from '../transfer-types.js';
import { YOLO_YAML_FILES } from './yolo-layout.js';

/** Enough for a pixel of a 100-megapixel image; more digits are float noise (0.29374999999999996). */
const COORDINATE_DECIMALS = 6;

/** A coordinate with at most six decimals and no trailing zeros: 0.29374999999999996 → 0.29375. */
export function yoloNumber(value: number): string {
  return String(Number(value.toFixed(COORDINATE_DECIMALS)));
}

export async function exportYolo(
  source: ExportSource,
  dir: string,
  options: ExportDirOptions,
): Promise<TransferSummary> {
  const started = performance.now();
  const mode = options.media ?? 'copy';
  if (mode === 'reference') {
    throw new TypeError(
      "A YOLO export pairs images and label files by name, so it copies or links the images: use media 'copy' or 'symlink'",
    );
  }
  const ctx = await openExport(source, options);
  const field = exportDetectionsField(ctx.schema, options.labelField, 'YOLO');
  const labels = (await source.samples.distinct(`${field}.detections.label`)).filter(
    (l): l is string => typeof l === 'string',
  );
  // The dataset's class order (from a YOLO or COCO import), so indexes match the source; other labels follow by name.
  const names = orderedLabels(datasetClasses(ctx.record.info), labels);
  const classOf = new Map(names.map((name, i) => [name, i]));

  const root = resolve(dir);
  const labelsDir = join(root, 'labels');
  await mkdir(labelsDir, { recursive: true });
  const media = new MediaExporter({ mode, dir: join(root, 'images'), unique: 'stem' }, ctx.problems);
  let samples = 0;
  let written = 0;
  for await (const sample of ctx.samples()) {
    const imageName = await media.place(sample.filepath);
    samples++;
    const value = sample[field];
    if (value !== undefined && value !== null) {
      const lines: string[] = [];
      for (const detection of detectionsOf(sample, field)) {
        const box = detection.bounding_box;
        const cls = typeof detection.label === 'string' ? classOf.get(detection.label) : undefined;
        if (cls === undefined || !Array.isArray(box) || box.length !== 4 || !box.every(isFiniteNumber)) continue;
        const [x, y, w, h] = box as [number, number, number, number];
        // Teamset keeps the top-left corner; YOLO the centre.
        const columns = [String(cls), ...[x + w / 2, y + h / 2, w, h].map(yoloNumber)];
        if (options.includeConfidence && isFiniteNumber(detection.confidence))
          columns.push(yoloNumber(detection.confidence));
        lines.push(columns.join(' '));
      }
      written += lines.length;
      await writeFile(
        join(labelsDir, `${imageName.slice(0, imageName.length - extname(imageName).length)}.txt`),
        lines.length > 0 ? `${lines.join('\n')}\n` : '',
      );
    }
    ctx.tick();
  }
  await media.flush();
  // `path` absolute, as YOLOv5 resolves a relative one against its own checkout; a moved export still imports (see yolo-layout).
  // Names keyed by integers (a Map: object keys would be quoted strings, which YOLOv5 refuses).
  const yaml = {
    path: root,
    train: './images/',
    val: './images/',
    nc: names.length,
    names: new Map(names.map((n, i) => [i, n])),
  };
  await writeFile(join(root, YOLO_YAML_FILES[0]), stringifyYaml(yaml));
  return { samples, labels: written, seconds: (performance.now() - started) / 1000, warnings: ctx.problems.warnings() };
}
