// NDJSON sample batches: one JSON object per line, parsed a line at a time so an error names its line.
import { MAX_SAMPLES_PER_BATCH } from '@teamset/contract';
import { badRequest } from '../errors/app-error.js';

const NEWLINE = '\n';

/**
 * The samples of an NDJSON body, in order. Empty lines (and a final newline) are skipped; `\r\n` line ends
 * are accepted (JSON ignores the `\r`). `firstLine` numbers the lines of a part cut from a larger body.
 */
export function parseNdjsonSamples(text: string, firstLine = 1): unknown[] {
  const samples: unknown[] = [];
  let line = firstLine;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf(NEWLINE, start);
    if (end === -1) end = text.length;
    if (end > start && !(end === start + 1 && text.charCodeAt(start) === 0x0d)) {
      try {
        samples.push(JSON.parse(text.slice(start, end)));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw badRequest(`Line ${line} of the body is not valid JSON (${why}); send one sample object per line`, { line, index: samples.length });
      }
    }
    start = end + 1;
  }
  return samples;
}

/** The same checks as a JSON body's `samples` list: at least one, at most MAX_SAMPLES_PER_BATCH. */
export function checkBatchSize(count: number): void {
  if (count === 0) throw badRequest('The body holds no samples: send one sample object per line', { field: 'samples' });
  if (count > MAX_SAMPLES_PER_BATCH) throw badRequest(`A batch holds at most ${MAX_SAMPLES_PER_BATCH} samples; got ${count}`, { field: 'samples' });
}

/**
 * Cuts `text` at the first line end at or after `fraction` of its length: the head keeps the lines before,
 * the tail the lines after. Undefined when there is no such line end (one line, or the cut would leave the
 * tail empty).
 */
export function splitNdjson(text: string, fraction: number): { head: string; tail: string } | undefined {
  const cut = text.indexOf(NEWLINE, Math.floor(text.length * fraction));
  if (cut <= 0 || cut >= text.length - 1) return undefined;
  return { head: text.slice(0, cut), tail: text.slice(cut + 1) };
}
