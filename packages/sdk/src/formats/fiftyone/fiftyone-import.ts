// FiftyOne dataset-format import (metadata.json + samples.json): checked in a first pass, streamed in a second.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MEDIA_TYPES, type CreateDatasetBody, type MediaType, type SampleInput } from '@teamset/contract';
import { scanJson } from '../json-stream-scanner.js';
import { describeValue } from '../json-path.js';
import type { PreparedImport } from '../prepared-import.js';
import { ProblemLog } from '../problem-log.js';
import { isPlainObject } from '../text-checks.js';
import type { ImportDirOptions } from '../transfer-types.js';
import { readFiftyOneSample } from './fiftyone-sample-reader.js';
import { declarationsFromSampleFields } from './fiftyone-schema.js';

export const METADATA_FILE = 'metadata.json';
export const SAMPLES_FILE = 'samples.json';

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

async function readMetadata(dir: string, problems: ProblemLog): Promise<Record<string, unknown>> {
  const file = join(dir, METADATA_FILE);
  if ((await kindOf(file)) !== 'file') return {};
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    problems.fatal(`${METADATA_FILE}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isPlainObject(doc)) problems.fatal(`${METADATA_FILE}: expected an object, got ${describeValue(doc)}`);
  return doc;
}

/** What a dataset created by the import takes from metadata.json; values the server would refuse are left out with a warning. */
function datasetDefaults(metadata: Record<string, unknown>, problems: ProblemLog): Omit<CreateDatasetBody, 'name'> {
  const out: Omit<CreateDatasetBody, 'name'> = {};
  const mediaType = metadata.media_type;
  if (typeof mediaType === 'string') {
    if ((MEDIA_TYPES as readonly string[]).includes(mediaType)) out.mediaType = mediaType as MediaType;
    else
      problems.warn(
        `${METADATA_FILE}: media_type ${JSON.stringify(mediaType)} is not one Teamset knows; the dataset is an image dataset`,
      );
  }
  const tags = metadata.tags;
  if (Array.isArray(tags) && tags.length > 0) {
    if (tags.length <= 100 && tags.every((t) => typeof t === 'string' && t.length >= 1 && t.length <= 100))
      out.tags = tags as string[];
    else problems.warn(`${METADATA_FILE}: tags are not imported (at most 100 tags of 1 to 100 characters)`);
  }
  if (typeof metadata.description === 'string') {
    if (metadata.description.length <= 10_000) out.description = metadata.description;
    else problems.warn(`${METADATA_FILE}: description is not imported (longer than 10,000 characters)`);
  }
  if (isPlainObject(metadata.info) && Object.keys(metadata.info).length > 0) out.info = metadata.info;
  return out;
}

export async function prepareFiftyOneImport(path: string, options: ImportDirOptions): Promise<PreparedImport> {
  const started = performance.now();
  const problems = new ProblemLog(options.skipInvalid ?? false, options.onProblem);
  const dir = resolve(path);
  if ((await kindOf(dir)) !== 'dir')
    problems.fatal(`${dir}: expected a FiftyOne dataset directory (with ${METADATA_FILE} and ${SAMPLES_FILE})`);
  const samplesFile = join(dir, SAMPLES_FILE);
  if ((await kindOf(samplesFile)) !== 'file') {
    const perSample = (await kindOf(join(dir, 'samples'))) === 'dir';
    problems.fatal(
      `${dir}: no ${SAMPLES_FILE}${perSample ? ' (per-sample files in samples/, written with use_dirs=True, are not supported)' : ''}`,
    );
  }
  const metadata = await readMetadata(dir, problems);
  if ((await kindOf(join(dir, 'frames.json'))) === 'file')
    problems.warn(`frames.json: frame-level labels (video) are not imported`);
  const defaults = datasetDefaults(metadata, problems);
  const declarations = declarationsFromSampleFields(metadata.sample_fields, problems);
  const ctx = { datasetDir: dir, problems, file: SAMPLES_FILE };
  const scan = (progress?: (done: number, total: number) => void) =>
    scanJson(samplesFile, { arrays: new Set(['samples']), label: SAMPLES_FILE, ...(progress ? { progress } : {}) });

  // First pass: every sample converted and checked, then dropped, so memory holds ids only.
  let sampleCount = 0;
  let labelCount = 0;
  const seen = new Map<string, number>();
  for await (const events of scan((done, total) =>
    options.progress?.({ phase: 'reading', done, total, elapsedMs: performance.now() - started }),
  )) {
    for (const event of events) {
      if (event.kind !== 'element' || event.key !== 'samples') continue;
      const read = readFiftyOneSample(event.value, event.index, ctx);
      if (!read) continue;
      const id = read.sample.id as string;
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        problems.invalid(
          `${SAMPLES_FILE}: samples[${event.index}]._id: duplicate sample id ${id} (also samples[${earlier}])`,
        );
        continue;
      }
      seen.set(id, event.index);
      sampleCount++;
      labelCount += read.labels;
    }
  }
  problems.throwIfErrors();
  const warnings = problems.warnings();

  return {
    sampleCount,
    labelCount,
    warnings,
    datasetDefaults: defaults,
    declarations,
    readMs: performance.now() - started,
    async *samples(): AsyncGenerator<SampleInput> {
      // Second pass: the same conversion (its warnings were collected by the first), skipped items skipped again.
      const quiet = { ...ctx, problems: new ProblemLog(true) };
      for await (const events of scan()) {
        for (const event of events) {
          if (event.kind !== 'element' || event.key !== 'samples') continue;
          const read = readFiftyOneSample(event.value, event.index, quiet);
          if (read && seen.get(read.sample.id as string) === event.index) yield read.sample;
        }
      }
    },
  };
}
