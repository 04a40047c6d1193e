// What every export reads before writing: the dataset's current record and schema, the view's size, its samples.
import type { Dataset as DatasetRecord, FieldType, Sample } from '@teamset/contract';
import { DEFAULT_LABEL_FIELD } from './label-field-names.js';
import { ProblemLog } from './problem-log.js';
import type { ExportSource } from './transfer-ports.js';
import type { ExportDirOptions, TransferProgress } from './transfer-types.js';

export interface ExportContext {
  view: ExportSource['samples'];
  /** Read now (VIEW: a dataset the caller cannot see is a NotFoundError here, before anything is written). */
  record: DatasetRecord;
  /** Custom fields and label attributes, path → type. */
  schema: Record<string, FieldType>;
  total: number;
  problems: ProblemLog;
  /** Counts exported samples and reports progress (at most every 100 ms). */
  tick(): void;
  samples(): AsyncIterable<Sample>;
}

export async function openExport(source: ExportSource, options: ExportDirOptions): Promise<ExportContext> {
  const view = source.samples;
  const record = await source.readRecord();
  const fields = await source.readFields();
  const schema = Object.fromEntries(fields.filter((f) => !f.builtin).map((f) => [f.path, f.type])) as Record<
    string,
    FieldType
  >;
  const total = await view.count();
  const started = performance.now();
  let done = 0;
  let last = 0;
  const report = (force: boolean) => {
    const now = performance.now();
    if (!force && now - last < 100) return;
    last = now;
    const progress: TransferProgress = { phase: 'exporting', done, total, elapsedMs: now - started };
    options.progress?.(progress);
  };
  report(true);
  return {
    view,
    record,
    schema,
    total,
    problems: new ProblemLog(true),
    tick() {
      done++;
      report(done === total);
    },
    samples: () => view,
  };
}

/** The Detections field a COCO or YOLO export writes: the one asked for, else `ground_truth`, else the only one. */
export function exportDetectionsField(
  schema: Readonly<Record<string, FieldType>>,
  requested: string | undefined,
  format: string,
): string {
  if (requested !== undefined) {
    const type = schema[requested];
    if (type === undefined)
      throw new TypeError(`labelField ${JSON.stringify(requested)}: the dataset has no such field`);
    if (type !== 'Detections')
      throw new TypeError(
        `labelField ${JSON.stringify(requested)} is a ${type} field; ${format} exports a Detections field`,
      );
    return requested;
  }
  if (schema[DEFAULT_LABEL_FIELD] === 'Detections') return DEFAULT_LABEL_FIELD;
  const candidates = Object.keys(schema).filter((path) => schema[path] === 'Detections');
  if (candidates.length === 1) return candidates[0] as string;
  if (candidates.length === 0)
    throw new TypeError(`${format} export needs a Detections field, and the dataset has none`);
  throw new TypeError(
    `The dataset has several Detections fields (${candidates.join(', ')}); pass labelField to choose one`,
  );
}

/** The detections of a sample's Detections field (none when it is unset). */
export function detectionsOf(sample: Sample, field: string): Record<string, unknown>[] {
  const value = sample[field] as { detections?: unknown } | null | undefined;
  return Array.isArray(value?.detections) ? (value.detections as Record<string, unknown>[]) : [];
}

/** Width and height from the sample's metadata, when both are there. */
export function metadataSize(sample: Sample): { width: number; height: number } | undefined {
  const width = sample.metadata?.width;
  const height = sample.metadata?.height;
  return typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0
    ? { width, height }
    : undefined;
}

/**
 * The dataset's own class order: the class names a YOLO import kept (`info.classes`), else the categories a COCO
 * import kept (`info.categories`), in the order the file listed them.
 */
export function datasetClasses(info: Record<string, unknown>): string[] {
  if (Array.isArray(info.classes)) return info.classes.filter((c): c is string => typeof c === 'string');
  if (!Array.isArray(info.categories)) return [];
  const names = info.categories.map((c: unknown) =>
    typeof c === 'object' && c !== null ? (c as { name?: unknown }).name : undefined,
  );
  return [...new Set(names.filter((name): name is string => typeof name === 'string'))];
}

/** Label names in the order an export numbers them: the ones listed first (as imported), then the rest sorted. */
export function orderedLabels(listed: readonly string[], present: Iterable<string>): string[] {
  const out = [...listed];
  const known = new Set(out);
  for (const label of [...present].sort()) {
    if (!known.has(label)) {
      known.add(label);
      out.push(label);
    }
  }
  return out;
}
