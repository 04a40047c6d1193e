// Thumbnails on disk under TEAMSET_HOME: one JPEG per (file version, size), made once by the pool, shared by every request.
import { createHash, randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { teamsetHome } from '@teamset/core';
import { LRUCache } from 'lru-cache';
import { cropKey, type CropBox } from './crop-box.js';
import type { ThumbnailCacheBudget } from './thumbnail-cache-budget.js';
import type { ThumbnailPool } from './thumbnail-pool.js';
import type { RenderFailure } from './thumbnail-render.js';

/** Bumped when the rendering changes, so old thumbnails are no longer found (and can be deleted by hand). */
const CACHE_VERSION = 'v1';

/** `made`: rendered by this request (or one it joined), else read from the cache. */
export type ThumbnailOutcome =
  { ok: true; path: string; size: number; made: boolean } | { ok: false; reason: RenderFailure; message: string };

/** ~/.teamset/thumbnails (TEAMSET_HOME/thumbnails), read when used so a test can point TEAMSET_HOME elsewhere. */
export function defaultThumbnailDir(): string {
  return join(teamsetHome(), 'thumbnails');
}

/**
 * The cache file for one version of one source file at one size: the name hashes the realpath, size and
 * modification time, so an edited or replaced image gets a new thumbnail and nothing needs invalidating.
 */
export function thumbnailCachePath(
  dir: string,
  source: string,
  stats: Pick<Stats, 'size' | 'mtimeMs'>,
  maxSide: number,
  crop?: CropBox,
): string {
  const cropped = crop ? `\0${cropKey(crop)}` : '';
  const key = createHash('sha256')
    .update(`${CACHE_VERSION}\0${source}\0${stats.size}\0${stats.mtimeMs}\0${maxSide}${cropped}`)
    .digest('hex');
  // Two-character fan-out keeps folders small for datasets of millions of images.
  return join(dir, key.slice(0, 2), `${key}.jpg`);
}

export class ThumbnailCache {
  private readonly inFlight = new Map<string, Promise<ThumbnailOutcome>>();
  /** Files that could not be rendered, so a corrupt image is not decoded again on every grid load. */
  private readonly failures = new LRUCache<string, Extract<ThumbnailOutcome, { ok: false }>>({ max: 10_000 });

  constructor(
    private readonly pool: ThumbnailPool,
    private readonly dir: () => string = defaultThumbnailDir,
    /** Keeps the folder within a size; without one it only grows. */
    private readonly budget?: ThumbnailCacheBudget,
  ) {}

  /** The cached thumbnail, made first if needed (once, however many requests ask at the same time). */
  async get(
    source: string,
    stats: Pick<Stats, 'size' | 'mtimeMs'>,
    maxSide: number,
    crop?: CropBox,
  ): Promise<ThumbnailOutcome> {
    const path = thumbnailCachePath(this.dir(), source, stats, maxSide, crop);
    const cached = await stat(path).catch(() => undefined);
    // Marked used, unless a sweep deleted it meanwhile: then it is made again.
    if (cached && (!this.budget || (await this.budget.used(path, cached.mtimeMs))))
      return { ok: true, path, size: cached.size, made: false };
    const failed = this.failures.get(path);
    if (failed) return failed;
    let running = this.inFlight.get(path);
    if (!running) {
      running = this.make(source, maxSide, path, crop).finally(() => this.inFlight.delete(path));
      this.inFlight.set(path, running);
    }
    return running;
  }

  private async make(source: string, maxSide: number, path: string, crop?: CropBox): Promise<ThumbnailOutcome> {
    const result = await this.pool.render(source, maxSide, crop);
    if (!result.ok) {
      const failure = { ok: false as const, reason: result.reason, message: result.message };
      this.failures.set(path, failure);
      return failure;
    }
    await mkdir(dirname(path), { recursive: true });
    // Written aside and renamed: a reader (another request, another server on the same disk) never sees half a file.
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, result.jpeg);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    this.budget?.added(result.jpeg.byteLength);
    return { ok: true, path, size: result.jpeg.byteLength, made: true };
  }
}
