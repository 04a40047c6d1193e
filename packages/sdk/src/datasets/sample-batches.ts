// Streams an (async) iterable to a sender in batches of ~1 MB of JSON or 0.2 s of accumulation, one request in flight.
import { MAX_SAMPLES_PER_BATCH } from '@teamset/contract';

export interface BatchLimits {
  /** Largest request body, in bytes of JSON (FiftyOne's target is 1 MB); a single larger item goes alone. */
  maxBytes: number;
  /** A batch is sent once its first item has waited this long, so a slow source still makes progress. */
  maxMs: number;
  /** Most items per batch (the server's limit). */
  maxCount: number;
}

/** 1 MB keeps a body under the server's 1 MiB default limit with room for the envelope. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxBytes: 1_000_000, maxMs: 200, maxCount: MAX_SAMPLES_PER_BATCH };

/** `{"samples":[` + `]}`: what the request envelope adds to the items' own JSON. */
const ENVELOPE_BYTES = 14;
const TIMED_OUT = Symbol('timed out');

export interface StreamBatchesOptions<T, R> {
  limits?: Partial<BatchLimits>;
  /** JSON size of one item in bytes; throws for an item that cannot be sent. Ignored when `encode` is given. */
  measure?: (item: T, index: number) => number;
  /**
   * One item's JSON text; throws for an item that cannot be sent. The batch is sized by these texts and `send`
   * receives them beside the items, so a sender that needs the JSON never serializes an item twice.
   */
  encode?: (item: T, index: number) => string;
  /** After each batch is accepted, in input order. Throwing here stops the stream. */
  onSent?: (result: R, batchSize: number) => void;
}

/** An item's JSON text; a TypeError naming its index when it has none (a BigInt, a cycle, undefined). */
export function jsonText(item: unknown, index: number): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(item);
  } catch (error) {
    throw new TypeError(
      `item ${index} cannot be serialized as JSON: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (text === undefined) throw new TypeError(`item ${index} cannot be serialized as JSON`);
  return text;
}

export function jsonBytes(item: unknown, index: number): number {
  return Buffer.byteLength(jsonText(item, index));
}

/**
 * Consumes `input` lazily and calls `send` once per batch. At most one `send` is pending while the next
 * batch is gathered (and measured), so input, serialization and the request overlap but memory stays at
 * about two batches. The first failed send stops the stream: earlier batches stay sent, the error is thrown.
 */
export async function streamBatches<T, R>(
  input: Iterable<T> | AsyncIterable<T>,
  send: (batch: T[], texts: string[]) => Promise<R>,
  options: StreamBatchesOptions<T, R> = {},
): Promise<void> {
  const limits = { ...DEFAULT_BATCH_LIMITS, ...options.limits };
  const measure = options.measure ?? jsonBytes;
  const iterator: Iterator<T> | AsyncIterator<T> = isAsyncIterable(input)
    ? input[Symbol.asyncIterator]()
    : input[Symbol.iterator]();

  const encode = options.encode;
  let batch: T[] = [];
  let texts: string[] = [];
  let bytes = ENVELOPE_BYTES;
  let startedAt = 0;
  let deadline: Deadline | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  let finished = false;
  let index = 0;
  // A function, not inline checks: the failure is set from a callback, which TypeScript's narrowing cannot see.
  const throwIfFailed = (): void => {
    if (failure) throw failure.error;
  };

  const flush = async (): Promise<void> => {
    deadline?.cancel();
    deadline = undefined;
    const sending = batch;
    const sendingTexts = texts;
    batch = [];
    texts = [];
    bytes = ENVELOPE_BYTES;
    await inFlight;
    throwIfFailed();
    // The rejection is caught at once (and rethrown by the loop) so it never surfaces as an unhandled one.
    inFlight = send(sending, sendingTexts)
      .then((result) => options.onSent?.(result, sending.length))
      .catch((error: unknown) => {
        failure = { error };
      });
  };

  try {
    for (;;) {
      throwIfFailed();
      let step = iterator.next();
      if (isPromise(step)) {
        if (batch.length > 0) {
          // A slow async source: send what we have once it is due, while still waiting for the next item.
          const remaining = limits.maxMs - (performance.now() - startedAt);
          if (remaining <= 0) await flush();
          else {
            deadline ??= new Deadline(remaining);
            if ((await Promise.race([step, deadline.promise])) === TIMED_OUT) await flush();
          }
        }
        step = await step;
      }
      if (step.done) break;
      let size: number;
      let text: string | undefined;
      if (encode) {
        text = encode(step.value, index++);
        size = Buffer.byteLength(text) + 1;
      } else size = measure(step.value, index++) + 1;
      if (batch.length > 0 && (bytes + size > limits.maxBytes || batch.length >= limits.maxCount)) await flush();
      if (batch.length === 0) startedAt = performance.now();
      batch.push(step.value);
      if (text !== undefined) texts.push(text);
      bytes += size;
      if (performance.now() - startedAt >= limits.maxMs) await flush();
    }
    if (batch.length > 0) await flush();
    await inFlight;
    throwIfFailed();
    finished = true;
  } finally {
    deadline?.cancel();
    if (!finished) {
      // Let the pending request settle before reporting, and release the source (closes a generator).
      await inFlight;
      try {
        await iterator.return?.();
      } catch {
        // The stream already failed; the source's own cleanup error would only hide why.
      }
    }
  }
}

class Deadline {
  readonly promise: Promise<typeof TIMED_OUT>;
  #timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    this.promise = new Promise((resolve) => {
      this.#timer = setTimeout(() => resolve(TIMED_OUT), ms);
    });
  }

  cancel(): void {
    clearTimeout(this.#timer);
  }
}

function isAsyncIterable<T>(input: Iterable<T> | AsyncIterable<T>): input is AsyncIterable<T> {
  return typeof (input as Partial<AsyncIterable<T>>)[Symbol.asyncIterator] === 'function';
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Partial<Promise<T>> | null)?.then === 'function';
}
