// Keeps the thumbnail folder within a size: the least recently served thumbnails go first, then crashed writes' leftovers.
import { readdir, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';

/** Default budget: 4 GiB, some 300,000 thumbnails of 256 pixels. */
export const DEFAULT_THUMBNAIL_CACHE_BYTES = 4 * 1024 ** 3;
/** A sweep leaves the folder at this share of the budget, so the next one is thousands of thumbnails away. */
const LOW_WATER = 0.9;
/**
 * A served thumbnail's modification time is its "last used" mark, set again at most this often; a thumbnail
 * marked more recently is never deleted (it may be being sent right now).
 */
export const RECENTLY_USED_MS = 10 * 60_000;
/** A temporary file this old is the leftover of a write that crashed. */
const STALE_TEMP_MS = 60 * 60_000;
/** Files looked at once while walking the folder: enough to be quick, few enough to leave the I/O threads to requests. */
const STATS_AT_ONCE = 16;
/** What ThumbnailCache writes: `<2 hex>/<64 hex>.jpg`, and `….jpg.<12 hex>.tmp` while writing. Nothing else is touched. */
const THUMBNAIL_NAME = /^[0-9a-f]{64}\.jpg$/;
const TEMP_NAME = /^[0-9a-f]{64}\.jpg\.[0-9a-f]{12}\.tmp$/;
const FAN_OUT_NAME = /^[0-9a-f]{2}$/;

export interface SweepResult {
  /** Thumbnails in the folder after the sweep, and their bytes. */
  files: number;
  bytes: number;
  /** Thumbnails deleted to get within budget, and crashed writes' leftovers deleted. */
  deleted: number;
  leftovers: number;
}

interface Entry {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * The folder's size is learnt by one walk, on the first thumbnail written after start-up, and then followed by
 * adding what this server writes; going over the budget starts a sweep. Several servers sharing the folder each
 * follow their own writes, so the folder may go over by what the others wrote since a sweep: the next sweep counts
 * it all again.
 */
export class ThumbnailCacheBudget {
  /** Bytes in the folder as far as this server knows; undefined before the first walk. */
  #known: number | undefined;
  /** Above this, added() starts a sweep: the budget, or more when the last sweep could not get within it. */
  #sweepAbove: number;
  #addedDuringSweep = 0;
  #sweeping: Promise<SweepResult> | undefined;

  constructor(
    private readonly dir: () => string,
    readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(Number.isInteger(maxBytes) && maxBytes > 0))
      throw new RangeError(`thumbnail cache budget must be a positive whole number of bytes, got ${maxBytes}`);
    this.#sweepAbove = maxBytes;
  }

  /** A thumbnail of `bytes` was written. */
  added(bytes: number): void {
    if (this.#sweeping) this.#addedDuringSweep += bytes;
    if (this.#known === undefined) {
      void this.sweep();
      return;
    }
    this.#known += bytes;
    if (this.#known > this.#sweepAbove) void this.sweep();
  }

  /**
   * A cached thumbnail is about to be served: marks it used. False when it has just been swept away, so the
   * caller makes it again rather than send a file that is gone.
   */
  async used(path: string, mtimeMs: number): Promise<boolean> {
    const now = this.now();
    if (now - mtimeMs < RECENTLY_USED_MS) return true;
    try {
      await utimes(path, new Date(now), new Date(now));
      return true;
    } catch {
      return false;
    }
  }

  /** Walks the folder and, over budget, deletes the least recently used thumbnails down to 90 % of it. One at a time. */
  sweep(): Promise<SweepResult> {
    if (!this.#sweeping) {
      this.#addedDuringSweep = 0;
      this.#sweeping = this.#sweep().finally(() => (this.#sweeping = undefined));
    }
    return this.#sweeping;
  }

  /** Waits for a sweep under way (server shutdown, tests). */
  async close(): Promise<void> {
    await this.#sweeping?.catch(() => undefined);
  }

  async #sweep(): Promise<SweepResult> {
    const started = this.now();
    const { thumbnails, leftovers } = await this.#walk(started);
    let bytes = thumbnails.reduce((sum, entry) => sum + entry.size, 0);
    let files = thumbnails.length;
    let deleted = 0;
    if (bytes > this.maxBytes) {
      const target = this.maxBytes * LOW_WATER;
      thumbnails.sort((a, b) => a.mtimeMs - b.mtimeMs);
      for (const entry of thumbnails) {
        if (bytes <= target) break;
        // Looked at again just before deleting: one served since the walk has a newer mark and stays.
        const current = await stat(entry.path).catch(() => undefined);
        if (current && (current.mtimeMs !== entry.mtimeMs || started - current.mtimeMs < RECENTLY_USED_MS)) continue;
        if (
          current &&
          !(await unlink(entry.path).then(
            () => true,
            () => false,
          ))
        )
          continue;
        bytes -= entry.size;
        files -= 1;
        if (current) deleted += 1;
      }
    }
    this.#known = bytes + this.#addedDuringSweep;
    // Still over (everything left was used recently): wait for another tenth of the budget before walking again.
    this.#sweepAbove = Math.max(this.maxBytes, this.#known + this.maxBytes * (1 - LOW_WATER));
    return { files, bytes, deleted, leftovers };
  }

  /** The thumbnails in the folder; temporary files of crashed writes are deleted on the way. */
  async #walk(started: number): Promise<{ thumbnails: Entry[]; leftovers: number }> {
    const root = this.dir();
    const thumbnails: Entry[] = [];
    let leftovers = 0;
    // No folder yet: nothing was ever cached.
    const fanOut = await readdir(root).catch(() => [] as string[]);
    for (const sub of fanOut.filter((name) => FAN_OUT_NAME.test(name))) {
      const names = (await readdir(join(root, sub)).catch(() => [] as string[])).filter(
        (name) => THUMBNAIL_NAME.test(name) || TEMP_NAME.test(name),
      );
      for (let i = 0; i < names.length; i += STATS_AT_ONCE) {
        await Promise.all(
          names.slice(i, i + STATS_AT_ONCE).map(async (name) => {
            const path = join(root, sub, name);
            const stats = await stat(path).catch(() => undefined);
            if (!stats?.isFile()) return;
            if (THUMBNAIL_NAME.test(name)) thumbnails.push({ path, size: stats.size, mtimeMs: stats.mtimeMs });
            else if (
              started - stats.mtimeMs > STALE_TEMP_MS &&
              (await unlink(path).then(
                () => true,
                () => false,
              ))
            )
              leftovers += 1;
          }),
        );
      }
    }
    return { thumbnails, leftovers };
  }
}
