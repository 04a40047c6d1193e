// Requests started before the component that needs them mounts (on navigation): the first identical request takes the answer instead of asking again.

/** A prefetched answer nobody asked for within this long is dropped: it may be out of date by then. */
const FRESH_MS = 15_000;

interface Entry {
  promise: Promise<unknown>;
  at: number;
}

const entries = new Map<string, Entry>();
let collecting = false;

/** The identity of a request: an identical method, path (with its query) and body get the same answer. */
export function requestKey(method: string, path: string, body: unknown): string {
  return `${method} ${path} ${body === undefined ? '' : JSON.stringify(body)}`;
}

/**
 * Runs `start`, in which every request made synchronously is kept for a later identical request rather than waited
 * for here. Only for reads: a write must never be answered from a copy.
 */
export function prefetch(start: () => void): void {
  collecting = true;
  try {
    start();
  } finally {
    collecting = false;
  }
}

/** Whether the request being made now is a prefetch (see `prefetch`). */
export function isPrefetching(): boolean {
  return collecting;
}

/** The prefetched answer for `key`, started with `send` unless one is already kept (not taken: that is for the page). */
export function peekOrPrefetch(key: string, send: () => Promise<unknown>): Promise<unknown> {
  const kept = entries.get(key);
  if (kept && Date.now() - kept.at <= FRESH_MS) return kept.promise;
  const entry = { promise: send(), at: Date.now() };
  entries.set(key, entry);
  // A failed prefetch is forgotten, so the real request asks again (and handles the error as usual).
  entry.promise.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return entry.promise;
}

/** The prefetched answer for `key`, once: the next identical request asks the server again. */
export function takePrefetched(key: string): Promise<unknown> | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  entries.delete(key);
  return Date.now() - entry.at <= FRESH_MS ? entry.promise : undefined;
}
