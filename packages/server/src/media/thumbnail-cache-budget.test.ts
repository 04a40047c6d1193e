// ThumbnailCacheBudget on a real folder: least recently used thumbnails go first, recent ones and strangers' files stay.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECENTLY_USED_MS, ThumbnailCacheBudget } from './thumbnail-cache-budget.js';

const HOUR = 60 * 60_000;
let dir: string;
let now: number;
const clock = () => now;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'teamset-thumb-budget-'));
  now = Date.now();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

let names = 0;
/** A thumbnail of `bytes` last used `ageMs` ago, named as ThumbnailCache names them. */
function thumbnail(bytes: number, ageMs: number, suffix = ''): string {
  const name = (names++).toString(16).padStart(64, '0');
  const sub = join(dir, name.slice(-2));
  mkdirSync(sub, { recursive: true });
  const path = join(sub, `${name}.jpg${suffix}`);
  writeFileSync(path, Buffer.alloc(bytes));
  const at = new Date(now - ageMs);
  utimesSync(path, at, at);
  return path;
}

describe('ThumbnailCacheBudget', () => {
  it('under budget deletes no thumbnail, only crashed writes older than an hour, and never files it did not write', async () => {
    const kept = [thumbnail(100, 5 * HOUR), thumbnail(100, 0)];
    const freshTemp = thumbnail(50, 0, '.0123456789ab.tmp');
    const staleTemp = thumbnail(50, 2 * HOUR, '.0123456789ab.tmp');
    const stranger = join(dir, 'ab', 'notes.txt');
    mkdirSync(join(dir, 'ab'), { recursive: true });
    writeFileSync(stranger, 'x'.repeat(10_000));
    utimesSync(stranger, new Date(now - 9 * HOUR), new Date(now - 9 * HOUR));

    const budget = new ThumbnailCacheBudget(() => dir, 1000, clock);
    expect(await budget.sweep()).toEqual({ files: 2, bytes: 200, deleted: 0, leftovers: 1 });
    for (const path of [...kept, freshTemp, stranger]) expect(existsSync(path)).toBe(true);
    expect(existsSync(staleTemp)).toBe(false);
  });

  it('over budget deletes the least recently used down to 90 %, but none used in the last minutes', async () => {
    const oldest = thumbnail(300, 5 * HOUR);
    const older = thumbnail(300, 4 * HOUR);
    const old = thumbnail(300, 3 * HOUR);
    const recent = [thumbnail(300, RECENTLY_USED_MS / 2), thumbnail(300, 0)];
    const budget = new ThumbnailCacheBudget(() => dir, 1200, clock);
    // 1500 bytes: down to 1080 means three go, but only the three old ones may.
    expect(await budget.sweep()).toEqual({ files: 3, bytes: 900, deleted: 2, leftovers: 0 });
    expect([oldest, older, old].map((path) => existsSync(path))).toEqual([false, false, true]);
    for (const path of recent) expect(existsSync(path)).toBe(true);

    // Everything left recent and over a smaller budget: nothing can go.
    const tight = new ThumbnailCacheBudget(() => dir, 500, clock);
    now += RECENTLY_USED_MS / 4;
    expect(await tight.sweep()).toMatchObject({ deleted: 1, files: 2, bytes: 600 });
  });

  it('marks a served thumbnail used when its mark is older than a few minutes, and says when it is gone', async () => {
    const stale = thumbnail(10, HOUR);
    const fresh = thumbnail(10, 1000);
    const budget = new ThumbnailCacheBudget(() => dir, 1000, clock);
    expect(await budget.used(stale, statSync(stale).mtimeMs)).toBe(true);
    expect(statSync(stale).mtimeMs).toBeCloseTo(now, -3);
    const freshMark = statSync(fresh).mtimeMs;
    expect(await budget.used(fresh, freshMark)).toBe(true);
    expect(statSync(fresh).mtimeMs).toBe(freshMark);
    rmSync(stale);
    expect(await budget.used(stale, now - HOUR)).toBe(false);
  });

  it('learns the folder on the first write, then sweeps when writes take it over budget', async () => {
    const first = thumbnail(400, 3 * HOUR);
    thumbnail(400, 2 * HOUR);
    const budget = new ThumbnailCacheBudget(() => dir, 1000, clock);
    budget.added(0);
    await budget.close();
    expect(existsSync(first)).toBe(true);
    // 800 known; a new 100-byte thumbnail stays within budget, another 300 does not.
    budget.added(100);
    await budget.close();
    expect(existsSync(first)).toBe(true);
    thumbnail(300, 0);
    budget.added(300);
    await budget.close();
    expect(existsSync(first)).toBe(false);
  });

  it('refuses a budget that is not a positive whole number of bytes', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => new ThumbnailCacheBudget(() => dir, bad)).toThrow(RangeError);
  });
});
