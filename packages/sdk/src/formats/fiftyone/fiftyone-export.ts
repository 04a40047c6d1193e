// FiftyOne dataset-format export: metadata.json (record and sample_fields) and samples.json in FiftyOne's Extended JSON.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetSlug, isListLabelClass, type Sample } from '@teamset/contract';
import { openExport, type ExportContext } from '../export-context.js';
import type { ExportSource } from '../transfer-ports.js';
import { JsonWriter } from '../json-writer.js';
import { MediaExporter } from '../media-export.js';
import { isPlainObject } from '../text-checks.js';
import type { ExportDirOptions, TransferSummary } from '../transfer-types.js';
import { toDate, toObjectId } from './extended-json.js';
import { isTeamsetLabelClass } from './fiftyone-classes.js';
import { METADATA_FILE, SAMPLES_FILE } from './fiftyone-import.js';
import { sampleFieldsFor } from './fiftyone-schema.js';

/**
 * The FiftyOne version the files claim. FiftyOne migrates older exports on import and refuses newer ones,
 * so this is the oldest layout the files match: 1.0 added `created_at`/`last_modified_at` and `read_only`.
 */
export const FIFTYONE_FORMAT_VERSION = '1.0.0';
const DATA_DIR = 'data';
const BUILTINS = new Set(['id', 'filepath', 'tags', 'metadata', 'created_at', 'last_modified_at']);

/** A label as FiftyOne stores it: `id` → `_id` ObjectId, items of list labels likewise, keypoint gaps back to NaN. */
function labelDocument(value: Record<string, unknown>): { doc: Record<string, unknown>; labels: number } {
  const cls = value._cls as string;
  let labels = 0;
  const single = (label: Record<string, unknown>): Record<string, unknown> => {
    labels++;
    const doc: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(label)) {
      if (key === 'id') doc._id = typeof member === 'string' ? toObjectId(member) : member;
      // FiftyOne marks a keypoint that is not visible with NaN coordinates; JSON (and Teamset) hold null.
      else if (key === 'points' && label._cls === 'Keypoint' && Array.isArray(member))
        doc.points = member.map(nanPoint);
      else doc[key] = member;
    }
    return doc;
  };
  if (!isListLabelClass(cls)) return { doc: single(value), labels };
  const doc: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    doc[key] = Array.isArray(member)
      ? member.map((item) => (isPlainObject(item) && isTeamsetLabelClass(item._cls) ? single(item) : item))
      : member;
  }
  return { doc, labels };
}

function nanPoint(point: unknown): unknown {
  return Array.isArray(point) ? point.map((c) => (c === null ? { $numberDouble: 'NaN' } : c)) : point;
}

function sampleDocument(
  sample: Sample,
  filepath: string,
  ctx: ExportContext,
): { doc: Record<string, unknown>; labels: number } {
  let labels = 0;
  const doc: Record<string, unknown> = {
    _id: toObjectId(sample.id),
    filepath,
    tags: sample.tags,
    metadata: sample.metadata ? { _cls: 'ImageMetadata', ...sample.metadata } : null,
    created_at: toDate(sample.created_at),
    last_modified_at: toDate(sample.last_modified_at),
    _media_type: ctx.record.mediaType,
    // FiftyOne's random key for take() and shuffle(); Teamset keeps no such field.
    _rand: Math.random(),
    _dataset_id: toObjectId(ctx.record.id),
  };
  for (const [key, value] of Object.entries(sample)) {
    if (BUILTINS.has(key)) continue;
    if (isPlainObject(value) && isTeamsetLabelClass(value._cls)) {
      const converted = labelDocument(value);
      doc[key] = converted.doc;
      labels += converted.labels;
    } else if (Array.isArray(value) && value.some((v) => isPlainObject(v) && isTeamsetLabelClass(v._cls))) {
      doc[key] = value.map((v) => {
        if (!isPlainObject(v) || !isTeamsetLabelClass(v._cls)) return v;
        const converted = labelDocument(v);
        labels += converted.labels;
        return converted.doc;
      });
    } else doc[key] = value;
  }
  return { doc, labels };
}

function metadataDocument(ctx: ExportContext): Record<string, unknown> {
  const { record } = ctx;
  return {
    name: record.name,
    slug: datasetSlug(record.name),
    version: FIFTYONE_FORMAT_VERSION,
    created_at: toDate(record.createdAt),
    last_modified_at: toDate(record.lastModifiedAt),
    persistent: true,
    media_type: record.mediaType,
    tags: record.tags,
    description: record.description,
    info: record.info,
    classes: {},
    default_classes: [],
    mask_targets: {},
    default_mask_targets: {},
    skeletons: {},
    sample_fields: sampleFieldsFor(ctx.schema),
    frame_fields: [],
    saved_views: [],
    workspaces: [],
    annotation_runs: {},
    brain_methods: {},
    evaluations: {},
    runs: {},
  };
}

export async function exportFiftyOne(
  source: ExportSource,
  dir: string,
  options: ExportDirOptions,
): Promise<TransferSummary> {
  const started = performance.now();
  const ctx = await openExport(source, options);
  await mkdir(dir, { recursive: true });
  const media = new MediaExporter({ mode: options.media ?? 'copy', dir: join(dir, DATA_DIR) }, ctx.problems);
  const out = new JsonWriter(join(dir, SAMPLES_FILE));
  let samples = 0;
  let labels = 0;
  try {
    await out.write('{"samples": [');
    for await (const sample of ctx.samples()) {
      const placed = await media.place(sample.filepath);
      // Copied media are referenced relative to the export, as FiftyOne's exporter does (`data/<name>`).
      const filepath = options.media === 'reference' ? placed : `${DATA_DIR}/${placed}`;
      const converted = sampleDocument(sample, filepath, ctx);
      await out.write(`${samples === 0 ? '' : ', '}${JSON.stringify(converted.doc)}`);
      samples++;
      labels += converted.labels;
      ctx.tick();
    }
    await out.write(']}');
    await out.close();
  } catch (error) {
    out.abort();
    throw error;
  }
  await media.flush();
  await writeFile(join(dir, METADATA_FILE), JSON.stringify(metadataDocument(ctx)));
  return { samples, labels, seconds: (performance.now() - started) / 1000, warnings: ctx.problems.warnings() };
}
