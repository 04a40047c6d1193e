// Worker thread: encodes the tail of a large NDJSON batch while the main thread encodes and inserts its head.
import type { FieldType } from '@teamset/contract';
import { parentPort } from 'node:worker_threads';
import { checkBatchSize, ndjsonText, parseNdjsonSamples } from './ndjson-samples.js';
import { SampleEncoder } from './sample-encoder.js';
import type { EncodedSample } from '../samples/sample-store.js';

export interface EncodeJob {
  id: number;
  /** UTF-8 NDJSON, transferred (not copied) to the worker, which decodes it: that work leaves the main thread too. */
  bytes: ArrayBuffer;
  stored: Record<string, FieldType>;
}

export type EncodeReply =
  | {
      id: number;
      ok: true;
      rows: EncodedSample[];
      ids: string[];
      given: string[];
      changes: Array<[string, FieldType]>;
      droppedNulls: string[];
    }
  // Any problem: the main thread runs the whole batch itself, which names the sample and line at fault.
  | { id: number; ok: false };

export function encodeJob(job: EncodeJob): EncodeReply {
  try {
    const samples = parseNdjsonSamples(ndjsonText(new Uint8Array(job.bytes)));
    checkBatchSize(samples.length);
    // Structured cloning gave the schema a prototype; a field named `constructor` must not find Object's.
    const encoder = new SampleEncoder(Object.assign(Object.create(null) as Record<string, FieldType>, job.stored));
    const rows = samples.map((sample, i) => encoder.encode(sample, i));
    return {
      id: job.id,
      ok: true,
      rows,
      ids: encoder.ids,
      given: encoder.given,
      changes: encoder.schema.changes().map((c) => [c.path, c.type]),
      droppedNulls: [...encoder.droppedNulls],
    };
  } catch {
    return { id: job.id, ok: false };
  }
}

parentPort?.on('message', (job: EncodeJob) => parentPort?.postMessage(encodeJob(job)));
