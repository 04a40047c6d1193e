// NDJSON sample batches: one JSON object per line, parsed a line at a time so an error names its line.
import { isUtf8 } from 'node:buffer';
import { MAX_SAMPLES_PER_BATCH } from '@teamset/contract';
import { badRequest } from '../errors/app-error.js';

const NEWLINE = '\n';

/**
 * The samples of an NDJSON body, in order. Empty lines (and a final newline) are skipped; `\r\n` line ends
 * are accepted (JSON ignores the `\r`).
 */
export function parseNdjsonSamples(text: string): unknown[] {
  const samples: unknown[] = [];
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf(NEWLINE, start);
    if (end === -1) end = text.length;
    if (end > start && !(end === start + 1 && text.charCodeAt(start) === 0x0d)) {
      try {
        samples.push(JSON.parse(text.slice(start, end)));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw badRequest(`Line ${line} of the body is not valid JSON (${why}); send one sample object per line`, {
          line,
          index: samples.length,
        });
      }
    }
    start = end + 1;
  }
  return samples;
}

/** The same checks as a JSON body's `samples` list: at least one, at most MAX_SAMPLES_PER_BATCH. */
export function checkBatchSize(count: number): void {
  if (count === 0) throw badRequest('The body holds no samples: send one sample object per line', { field: 'samples' });
  if (count > MAX_SAMPLES_PER_BATCH)
    throw badRequest(`A batch holds at most ${MAX_SAMPLES_PER_BATCH} samples; got ${count}`, { field: 'samples' });
}

/** NDJSON as it arrives: text, or the body's UTF-8 bytes. */
export type NdjsonInput = string | Uint8Array;

/**
 * Refuses bytes that are not UTF-8, before any part is decoded (here or by the worker): decoding would turn
 * them into U+FFFD and store that. One native pass over the whole body.
 */
export function checkUtf8(input: NdjsonInput): void {
  if (typeof input !== 'string' && !isUtf8(input)) throw badRequest('The body is not valid UTF-8');
}

export function ndjsonText(input: NdjsonInput): string {
  return typeof input === 'string'
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
}

/**
 * Cuts UTF-8 bytes at the first line end at or after `fraction` of their length (a newline byte never sits inside
 * a multi-byte character): the head keeps the lines before, the tail the lines after. Undefined when there is no
 * such line end (one line, or the cut would leave the tail empty).
 */
export function splitNdjson(bytes: Uint8Array, fraction: number): { head: Uint8Array; tail: Uint8Array } | undefined {
  const cut = bytes.indexOf(0x0a, Math.floor(bytes.length * fraction));
  if (cut <= 0 || cut >= bytes.length - 1) return undefined;
  return { head: bytes.subarray(0, cut), tail: bytes.subarray(cut + 1) };
}
