// Stages the committed format fixtures (formats/fixtures/) in a temp directory, with the images they name generated.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeJpeg, writePng } from './tiny-images.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../formats/fixtures/', import.meta.url));

export interface StagedFixture {
  /** The staged copy: import from here. */
  dir: string;
  cleanup(): void;
}

/** Images (relative path → [width, height]) each fixture names; the extension decides PNG or JPEG. */
export const FIXTURE_IMAGES = {
  coco: {
    'data/cat.jpg': [640, 480],
    'data/dir/straße 猫.png': [320, 240],
    'data/empty.jpg': [100, 50],
    'data/nosize.png': [64, 32],
  },
  yolo: {
    'images/a.jpg': [640, 480],
    'images/sub/b.png': [320, 240],
    'images/empty.jpg': [100, 50],
    'images/c.jpg': [80, 60],
    'images/ünï 猫.jpg': [50, 40],
  },
  fiftyone: { 'data/one.jpg': [640, 480], 'data/ünï 猫.jpg': [100, 50] },
} as const satisfies Record<string, Record<string, readonly [number, number]>>;

export function writeImage(path: string, width: number, height: number): void {
  mkdirSync(dirname(path), { recursive: true });
  if (path.endsWith('.png')) writePng(path, width, height);
  else writeJpeg(path, width, height);
}

/** A temp copy of fixtures/<name> plus its images; `cleanup` removes it. */
export function stageFixture(name: keyof typeof FIXTURE_IMAGES): StagedFixture {
  const root = mkdtempSync(join(tmpdir(), `teamset-${name}-`));
  const dir = join(root, name);
  cpSync(join(FIXTURES_DIR, name), dir, { recursive: true });
  for (const [path, [width, height]] of Object.entries(FIXTURE_IMAGES[name]))
    writeImage(join(dir, path), width, height);
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A fresh temp directory (for exports). */
export function tempDir(prefix = 'teamset-export-'): StagedFixture {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rounds every number in `value` to 12 places, so boxes computed two ways compare equal within float rounding. */
export function rounded<T>(value: T): T {
  if (typeof value === 'number') return (Math.round(value * 1e12) / 1e12) as T;
  if (Array.isArray(value)) return value.map(rounded) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)])) as T;
  return value;
}
