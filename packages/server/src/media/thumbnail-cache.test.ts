// ThumbnailCache over the worker pool: made once on disk (concurrent asks share it), found there next time, failures remembered.
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJpeg, writeJpeg } from '../test-support/test-images.js';
import { ThumbnailCache, thumbnailCachePath } from './thumbnail-cache.js';
import { ThumbnailCacheBudget } from './thumbnail-cache-budget.js';
import { ThumbnailPool, ThumbnailQueueFullError } from './thumbnail-pool.js';
import { DEFAULT_RENDER_LIMITS } from './thumbnail-render.js';

/** The real pool, counting the renderings asked of it. */
class CountingPool extends ThumbnailPool {
  renders = 0;
  override render(path: string, maxSide: number) {
    this.renders += 1;
    return super.render(path, maxSide);
  }
}

describe('ThumbnailCache with a worker pool', () => {
  let dir: string;
  let cacheDir: string;
  let pool: CountingPool;
  let cache: ThumbnailCache;
  beforeAll(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'teamset-thumbs-')));
    cacheDir = join(dir, 'cache');
    pool = new CountingPool(2, 8, DEFAULT_RENDER_LIMITS);
    cache = new ThumbnailCache(pool, () => cacheDir);
  });
  afterAll(async () => {
    await pool?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders in a worker, writes the JPEG under the cache folder, then serves it from there', async () => {
    const source = join(dir, 'photo.jpg');
    writeJpeg(source, 800, 600);
    const stats = statSync(source);
    const first = await cache.get(source, stats, 256);
    expect(first).toMatchObject({ ok: true, made: true, path: thumbnailCachePath(cacheDir, source, stats, 256) });
    if (!first.ok) return;
    const image = decodeJpeg(readFileSync(first.path));
    expect([image.width, image.height]).toEqual([256, 192]);
    expect(first.size).toBe(statSync(first.path).size);
    expect(await cache.get(source, stats, 256)).toEqual({ ...first, made: false });
    // Another size is another file.
    const small = await cache.get(source, stats, 128);
    expect(small).toMatchObject({ ok: true, made: true });
    if (small.ok) expect(small.path).not.toBe(first.path);
  });

  it('several requests for one new thumbnail share one rendering', async () => {
    const source = join(dir, 'shared.jpg');
    writeJpeg(source, 640, 480);
    const stats = statSync(source);
    const before = pool.renders;
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.get(source, stats, 256)));
    expect(pool.renders - before).toBe(1);
    expect(results.filter((r) => r.ok && r.made)).toHaveLength(5);
    expect(new Set(results.map((r) => (r.ok ? r.path : '')))).toEqual(
      new Set([thumbnailCachePath(cacheDir, source, stats, 256)]),
    );
  });

  it('a changed file gets a new thumbnail (the name hashes its size and modification time)', async () => {
    const source = join(dir, 'changing.jpg');
    writeJpeg(source, 300, 300);
    const before = await cache.get(source, statSync(source), 256);
    writeJpeg(source, 600, 300);
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    const after = await cache.get(source, statSync(source), 256);
    expect(after).toMatchObject({ ok: true, made: true });
    if (before.ok && after.ok) {
      expect(after.path).not.toBe(before.path);
      expect(decodeJpeg(readFileSync(after.path)).width).toBe(256);
    }
  });

  it('a file that cannot be rendered is reported with the reason, and not retried', async () => {
    const source = join(dir, 'broken.jpg');
    writeFileSync(source, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]));
    const stats = statSync(source);
    const failure = await cache.get(source, stats, 256);
    expect(failure).toMatchObject({ ok: false, reason: 'undecodable' });
    // Remembered: the same answer comes back without asking a worker again.
    const before = pool.renders;
    expect(await cache.get(source, stats, 256)).toEqual(failure);
    expect(pool.renders).toBe(before);
    expect(existsSync(thumbnailCachePath(cacheDir, source, stats, 256))).toBe(false);
  });

  it('with a budget, keeps the folder within it (least recently used first); a swept thumbnail is made again when asked for', async () => {
    const budgetDir = join(dir, 'budgeted');
    // An hour ahead, so every thumbnail looks long unused and may be swept.
    const later = () => Date.now() + 60 * 60_000;
    const sources = ['b1.jpg', 'b2.jpg', 'b3.jpg'].map((name) => {
      const source = join(dir, name);
      writeJpeg(source, 640, 480);
      return { source, stats: statSync(source) };
    });
    const sizes: number[] = [];
    const probe = new ThumbnailCache(pool, () => budgetDir);
    for (const { source, stats } of sources) {
      const made = await probe.get(source, stats, 128);
      if (made.ok) sizes.push(made.size);
    }
    rmSync(budgetDir, { recursive: true, force: true });
    // Room for two of the three.
    const budget = new ThumbnailCacheBudget(
      () => budgetDir,
      Math.ceil(((sizes[0] ?? 0) + (sizes[1] ?? 0)) / 0.9) + 1,
      later,
    );
    const budgeted = new ThumbnailCache(pool, () => budgetDir, budget);
    const paths: string[] = [];
    for (const { source, stats } of sources) {
      const made = await budgeted.get(source, stats, 128);
      if (made.ok) paths.push(made.path);
      // One at a time, so the oldest is certain.
      await budget.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(paths.map((path) => existsSync(path))).toEqual([false, true, true]);
    // Asked for again, the swept one is made anew, and the next sweep takes the oldest left.
    const first = sources[0] as (typeof sources)[number];
    expect(await budgeted.get(first.source, first.stats, 128)).toMatchObject({ ok: true, made: true });
    await budget.close();
    expect(paths.map((path) => existsSync(path))).toEqual([true, false, true]);
  });

  it('past the queue limit new work is refused instead of piling up', async () => {
    const tiny = new ThumbnailPool(1, 2, DEFAULT_RENDER_LIMITS);
    try {
      const source = join(dir, 'queued.jpg');
      writeJpeg(source, 400, 400);
      // One runs at once, two may wait: the fourth is refused.
      const jobs = [tiny.render(source, 256), tiny.render(source, 256), tiny.render(source, 256)];
      await expect(tiny.render(source, 256)).rejects.toBeInstanceOf(ThumbnailQueueFullError);
      expect((await Promise.all(jobs)).every((r) => r.ok)).toBe(true);
    } finally {
      await tiny.close();
    }
  });
});
