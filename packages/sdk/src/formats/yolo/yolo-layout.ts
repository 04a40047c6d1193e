// Where a YOLOv5 dataset keeps its class names and images: data.yaml (names, path, train/val/test) or classes.txt.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { listImages } from '../image-files.js';
import type { ProblemLog } from '../problem-log.js';
import { stringProblem } from '../text-checks.js';

export const YOLO_YAML_FILES = ['data.yaml', 'dataset.yaml'] as const;
export const YOLO_CLASSES_FILE = 'classes.txt';
const SPLITS = ['train', 'val', 'test'] as const;

export interface YoloImage {
  /** Absolute path. */
  path: string;
  /** The split it was listed under, when the yaml names several different ones. */
  split: string | undefined;
}

export interface YoloLayout {
  /** The dataset directory: messages name files relative to it. */
  root: string;
  names: string[];
  images: YoloImage[];
  /** Where label files were looked for, to find label files without an image. */
  labelDirs: string[];
}

async function exists(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/** YOLOv5's rule: the last `/images/` of the image path becomes `/labels/`, and the extension `.txt`. */
export function labelPathFor(imagePath: string): string {
  const marker = `${sep}images${sep}`;
  const at = imagePath.lastIndexOf(marker);
  const swapped =
    at < 0 ? imagePath : `${imagePath.slice(0, at)}${sep}labels${sep}${imagePath.slice(at + marker.length)}`;
  const dot = swapped.lastIndexOf('.');
  return `${dot > swapped.lastIndexOf(sep) ? swapped.slice(0, dot) : swapped}.txt`;
}

function checkNames(names: unknown[], where: string, problems: ProblemLog): string[] {
  return names.map((name, i) => {
    if (typeof name !== 'string' && typeof name !== 'number')
      problems.fatal(`${where}: class ${i}: expected a name, got ${JSON.stringify(name)}`);
    const text = String(name);
    const bad = stringProblem(text);
    if (text === '' || bad) problems.fatal(`${where}: class ${i}: the name ${bad ?? 'is empty'}`);
    return text;
  });
}

/** `names:` as a list, or as a map from class index to name (indexes 0…n-1, none missing). */
function yamlNames(value: unknown, where: string, problems: ProblemLog): string[] {
  if (Array.isArray(value)) return checkNames(value, where, problems);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const out: unknown[] = [];
    for (const [key, name] of entries) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= entries.length)
        problems.fatal(
          `${where}: names: expected class indexes 0 to ${entries.length - 1}, got ${JSON.stringify(key)}`,
        );
      out[index] = name;
    }
    return checkNames(out, where, problems);
  }
  return problems.fatal(`${where}: names: expected a list of class names, or a map from class index to name`);
}

async function readYaml(file: string, problems: ProblemLog): Promise<Record<string, unknown>> {
  let doc: unknown;
  try {
    doc = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    const linePos = (error as { linePos?: Array<{ line: number }> }).linePos?.[0];
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    problems.fatal(`${basename(file)}: ${linePos ? `line ${linePos.line}: ` : ''}not valid YAML (${message})`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    problems.fatal(`${basename(file)}: expected a mapping with names and train/val/test`);
  return doc as Record<string, unknown>;
}

/** Images listed by a split entry: a directory (searched recursively) or a .txt file of image paths. */
async function splitImages(entry: string, base: string, where: string, problems: ProblemLog): Promise<string[]> {
  const full = resolve(base, entry);
  const kind = await exists(full);
  if (kind === 'dir') return (await listImages(full)).map((p) => join(full, p));
  if (kind === 'file' && full.endsWith('.txt')) {
    const lines = (await readFile(full, 'utf8'))
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    return lines.map((line) => resolve(dirname(full), line));
  }
  return problems.fatal(
    `${where}: ${JSON.stringify(entry)}: expected a directory of images or a .txt list of image paths (${relative(base, full) || full} ${kind ? 'is not one' : 'does not exist'})`,
  );
}

export async function resolveYoloLayout(
  path: string,
  imagesDir: string | undefined,
  problems: ProblemLog,
): Promise<YoloLayout> {
  const full = resolve(path);
  const kind = await exists(full);
  if (!kind) problems.fatal(`${full}: no such file or directory`);
  let yamlFile: string | undefined;
  let root = full;
  if (kind === 'file') {
    yamlFile = full;
    root = dirname(full);
  } else {
    for (const name of YOLO_YAML_FILES)
      if (!yamlFile && (await exists(join(full, name))) === 'file') yamlFile = join(full, name);
  }

  let names: string[];
  const splitEntries: Array<{ split: string; entry: string; base: string; where: string }> = [];
  if (yamlFile) {
    const where = basename(yamlFile);
    const doc = await readYaml(yamlFile, problems);
    if (doc.names === undefined) problems.fatal(`${where}: expected names: (the class names)`);
    names = yamlNames(doc.names, where, problems);
    if (typeof doc.nc === 'number' && doc.nc !== names.length)
      problems.warn(`${where}: nc is ${doc.nc} but names has ${names.length} classes; using names`);
    let base = typeof doc.path === 'string' ? resolve(dirname(yamlFile), doc.path) : dirname(yamlFile);
    if ((await exists(base)) !== 'dir') {
      // A dataset moved since its yaml was written (YOLO yamls often hold an absolute path): look beside the yaml.
      problems.warn(
        `${where}: path ${JSON.stringify(doc.path)} does not exist; reading the splits relative to ${where}'s directory`,
      );
      base = dirname(yamlFile);
    }
    for (const split of SPLITS) {
      const value = doc[split];
      if (value === undefined || value === null) continue;
      const entries = Array.isArray(value) ? value : [value];
      for (const entry of entries) {
        if (typeof entry !== 'string')
          problems.fatal(`${where}: ${split}: expected a path, got ${JSON.stringify(entry)}`);
        splitEntries.push({ split, entry, base, where: `${where}: ${split}` });
      }
    }
  } else {
    const classesFile = join(root, YOLO_CLASSES_FILE);
    if ((await exists(classesFile)) !== 'file') {
      problems.fatal(
        `${root}: no class names: expected ${YOLO_YAML_FILES.join(' or ')} (with names:) or ${YOLO_CLASSES_FILE}`,
      );
    }
    const lines = (await readFile(classesFile, 'utf8')).split(/\r?\n/).map((l) => l.trim());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    names = checkNames(lines, YOLO_CLASSES_FILE, problems);
  }

  // The same images may be listed under several splits (an export lists them as train and val): once each,
  // and tagged with their split only when the splits really differ.
  const images: YoloImage[] = [];
  if (imagesDir !== undefined || splitEntries.length === 0) {
    const dir = resolve(imagesDir ?? join(root, 'images'));
    if ((await exists(dir)) !== 'dir')
      problems.fatal(
        `${dir}: no images directory (expected ${relative(root, dir) || dir}/ beside the labels, or pass imagesDir)`,
      );
    for (const p of await listImages(dir)) images.push({ path: join(dir, p), split: undefined });
  } else {
    const seen = new Map<string, YoloImage>();
    const splitsUsed = new Set<string>();
    for (const { split, entry, base, where } of splitEntries) {
      for (const p of await splitImages(entry, base, where, problems)) {
        if (seen.has(p)) continue;
        const image = { path: p, split };
        seen.set(p, image);
        images.push(image);
        splitsUsed.add(split);
      }
    }
    if (splitsUsed.size < 2) for (const image of images) image.split = undefined;
  }
  const labelDirs = [...new Set(images.map((i) => dirname(labelPathFor(i.path))))];
  return { root, names, images, labelDirs };
}
