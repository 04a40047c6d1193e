// COCO detection export: labels.json (categories with stable ids, images, annotations in pixels) and the images in data/.
import { mkdir, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '@teamset/contract';
import {
  datasetClasses,
  detectionsOf,
  exportDetectionsField,
  metadataSize,
  openExport,
  orderedLabels,
  type ExportContext,
} from '../export-context.js';
import type { ExportSource } from '../transfer-ports.js';
import { readImageSize } from '../image-size.js';
import { JsonWriter } from '../json-writer.js';
import { segmentationField } from '../label-field-names.js';
import { MediaExporter } from '../media-export.js';
import { isFiniteNumber, isPlainObject } from '../text-checks.js';
import type { ExportDirOptions, TransferSummary } from '../transfer-types.js';
import { COCO_DATA_DIR, COCO_LABELS_FILE } from './coco-import.js';
import type { CocoId } from './coco-annotations.js';

/** Detection keys that are not annotation attributes: COCO has its own place for each, or none. */
const NOT_ATTRIBUTES = new Set([
  '_cls',
  'id',
  'tags',
  'label',
  'bounding_box',
  'confidence',
  'index',
  'iscrowd',
  'area',
]);
/** Annotation keys an attribute must not overwrite. */
const ANNOTATION_KEYS = new Set(['id', 'image_id', 'category_id', 'bbox', 'segmentation', 'area', 'iscrowd', 'score']);
const COCO_INFO_KEYS = ['year', 'version', 'description', 'contributor', 'url', 'date_created'];

interface Category {
  id: CocoId;
  name: string;
  supercategory?: string;
}

/**
 * Ids of the categories a COCO import stored in the dataset's info are kept, so an export → import → export
 * numbers them alike; labels without one get the next free integers, in the dataset's class order, then by name.
 */
export function cocoCategories(info: Record<string, unknown>, labels: Iterable<string>): Category[] {
  const listed: Category[] = [];
  const names = new Set<string>();
  const ids = new Set<CocoId>();
  if (Array.isArray(info.categories)) {
    for (const c of info.categories) {
      if (!isPlainObject(c) || typeof c.name !== 'string' || names.has(c.name)) continue;
      if (!(typeof c.id === 'number' || typeof c.id === 'string') || ids.has(c.id)) continue;
      listed.push({
        id: c.id,
        name: c.name,
        ...(typeof c.supercategory === 'string' ? { supercategory: c.supercategory } : {}),
      });
      names.add(c.name);
      ids.add(c.id);
    }
  }
  let next = Math.max(0, ...listed.map((c) => (typeof c.id === 'number' ? c.id : 0))) + 1;
  for (const name of orderedLabels(datasetClasses(info), labels)) {
    if (names.has(name)) continue;
    listed.push({ id: next++, name });
    names.add(name);
  }
  return listed;
}

function cocoInfo(ctx: ExportContext): Record<string, unknown> {
  const info: Record<string, unknown> = { description: ctx.record.name, date_created: new Date().toISOString() };
  for (const key of COCO_INFO_KEYS) if (ctx.record.info[key] !== undefined) info[key] = ctx.record.info[key];
  return info;
}

/** Polygons (relative [[x, y], …] shapes) of the sample's polylines, by the detection they belong to. */
function polygonsByDetection(sample: Sample, field: string): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const polylines = (sample[field] as { polylines?: unknown } | null | undefined)?.polylines;
  if (!Array.isArray(polylines)) return out;
  for (const p of polylines as Record<string, unknown>[]) {
    if (typeof p.detection_id === 'string' && Array.isArray(p.points)) out.set(p.detection_id, p.points);
  }
  return out;
}

function absolutePolygons(shapes: unknown[], width: number, height: number): number[][] {
  const out: number[][] = [];
  for (const shape of shapes) {
    if (!Array.isArray(shape)) continue;
    const flat: number[] = [];
    for (const point of shape) {
      if (Array.isArray(point) && isFiniteNumber(point[0]) && isFiniteNumber(point[1]))
        flat.push(point[0] * width, point[1] * height);
    }
    if (flat.length >= 6) out.push(flat);
  }
  return out;
}

export async function exportCoco(
  source: ExportSource,
  dir: string,
  options: ExportDirOptions,
): Promise<TransferSummary> {
  const started = performance.now();
  const ctx = await openExport(source, options);
  const field = exportDetectionsField(ctx.schema, options.labelField, 'COCO');
  const segField = segmentationField(field);
  const withPolygons = ctx.schema[segField] === 'Polylines';
  const labels = (await source.samples.distinct(`${field}.detections.label`)).filter(
    (l): l is string => typeof l === 'string',
  );
  const categories = cocoCategories(ctx.record.info, labels);
  const categoryIds = new Map(categories.map((c) => [c.name, c.id]));

  await mkdir(dir, { recursive: true });
  const media = new MediaExporter({ mode: options.media ?? 'copy', dir: join(dir, COCO_DATA_DIR) }, ctx.problems);
  const labelsPath = join(dir, COCO_LABELS_FILE);
  const annotationsPath = `${labelsPath}.annotations.tmp`;
  const out = new JsonWriter(labelsPath);
  const annotations = new JsonWriter(annotationsPath);
  let imageId = 0;
  let annotationId = 0;
  try {
    await out.write(
      `{"info":${JSON.stringify(cocoInfo(ctx))},"licenses":[],"categories":${JSON.stringify(categories)},"images":[`,
    );
    for await (const sample of ctx.samples()) {
      const fileName = await media.place(sample.filepath);
      const size = metadataSize(sample) ?? (await readImageSize(sample.filepath));
      const detections = detectionsOf(sample, field);
      imageId++;
      const image = { id: imageId, file_name: fileName, ...(size ? { width: size.width, height: size.height } : {}) };
      await out.write(`${imageId === 1 ? '' : ','}\n${JSON.stringify(image)}`);
      if (detections.length > 0 && !size) {
        ctx.problems.warn(
          `sample ${sample.id} (${sample.filepath}): no width and height in its metadata and the image could not be read; its ${detections.length} boxes were not exported`,
        );
      } else if (size) {
        const polygons = withPolygons ? polygonsByDetection(sample, segField) : undefined;
        for (const detection of detections) {
          const annotation = toAnnotation(detection, size, categoryIds, polygons);
          if (!annotation) continue;
          annotationId++;
          await annotations.write(
            `${annotationId === 1 ? '' : ','}\n${JSON.stringify({ id: annotationId, image_id: imageId, ...annotation })}`,
          );
        }
      }
      ctx.tick();
    }
    await annotations.close();
    await out.write('\n],"annotations":[');
    for await (const chunk of createReadStream(annotationsPath, { encoding: 'utf8' })) await out.write(chunk as string);
    await out.write('\n]}\n');
    await out.close();
  } catch (error) {
    out.abort();
    annotations.abort();
    throw error;
  } finally {
    await rm(annotationsPath, { force: true });
  }
  await media.flush();
  return {
    samples: imageId,
    labels: annotationId,
    seconds: (performance.now() - started) / 1000,
    warnings: ctx.problems.warnings(),
  };
}

function toAnnotation(
  detection: Record<string, unknown>,
  size: { width: number; height: number },
  categoryIds: ReadonlyMap<string, CocoId>,
  polygons: ReadonlyMap<string, unknown[]> | undefined,
): Record<string, unknown> | undefined {
  const box = detection.bounding_box;
  const label = detection.label;
  if (typeof label !== 'string' || !Array.isArray(box) || box.length !== 4 || !box.every(isFiniteNumber))
    return undefined;
  const { width, height } = size;
  const [x, y, w, h] = box as [number, number, number, number];
  const bbox = [x * width, y * height, w * width, h * height];
  const annotation: Record<string, unknown> = {
    category_id: categoryIds.get(label),
    bbox,
    area: isFiniteNumber(detection.area) ? detection.area : w * width * h * height,
    iscrowd: isFiniteNumber(detection.iscrowd) ? detection.iscrowd : 0,
  };
  if (isFiniteNumber(detection.confidence)) annotation.score = detection.confidence;
  const shapes = typeof detection.id === 'string' ? polygons?.get(detection.id) : undefined;
  if (shapes) annotation.segmentation = absolutePolygons(shapes, width, height);
  for (const [key, value] of Object.entries(detection)) {
    if (!NOT_ATTRIBUTES.has(key) && !ANNOTATION_KEYS.has(key) && value !== null && value !== undefined)
      annotation[key] = value;
  }
  return annotation;
}
