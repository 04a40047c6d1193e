// Progress of tag requests in flight, kept in this process so the App can poll it while its one tagging request runs.

/** How far one tagging request has come: `done` of `total` samples written, `finished` once it has answered. */
export interface TagProgress {
  done: number;
  total: number;
  finished: boolean;
}

/** What a client names its request by: random, so another person cannot guess it (and the key includes the caller anyway). */
export const PROGRESS_TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
/** A finished request's progress stays readable this long, for a poll that arrives after the answer. */
const KEEP_FINISHED_MS = 60_000;
/** Requests tracked at once; the oldest are dropped first (a poll for a dropped one reads as unknown). */
const MAX_TRACKED = 1_000;

interface Entry {
  progress: TagProgress;
  expires: number;
}

export class TagProgressBoard {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts (or restarts) tracking `key` at 0 of `total`. */
  start(key: string, total: number): void {
    this.#sweep();
    this.#entries.delete(key);
    this.#entries.set(key, { progress: { done: 0, total, finished: false }, expires: Number.POSITIVE_INFINITY });
    while (this.#entries.size > MAX_TRACKED) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  advance(key: string, done: number): void {
    const entry = this.#entries.get(key);
    if (entry) entry.progress = { ...entry.progress, done: Math.min(done, entry.progress.total) };
  }

  /** Marks the request answered (all done, or failed part way: `done` says how far it came before rolling back). */
  finish(key: string, succeeded: boolean): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    entry.progress = {
      ...entry.progress,
      done: succeeded ? entry.progress.total : entry.progress.done,
      finished: true,
    };
    entry.expires = this.now() + KEEP_FINISHED_MS;
  }

  read(key: string): TagProgress | undefined {
    this.#sweep();
    return this.#entries.get(key)?.progress;
  }

  #sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
  }
}
