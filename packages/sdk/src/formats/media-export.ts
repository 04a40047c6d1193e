// Puts an export's images in place: copied or symlinked under one directory with unique names, or left where they are.
import { copyFile, mkdir, symlink } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { ProblemLog } from './problem-log.js';
import type { MediaMode } from './transfer-types.js';

/** Copies in flight at once: enough to hide file-system latency, few enough not to exhaust file handles. */
const PARALLEL_COPIES = 8;

export interface MediaExporterOptions {
  mode: MediaMode;
  /** Where copies and links go (e.g. `<export>/data`). */
  dir: string;
  /** `stem`: names must differ without their extension too (YOLO pairs `a.jpg` with `labels/a.txt`). */
  unique?: 'name' | 'stem';
}

/**
 * Names follow the source's base name; a second source with the same name gets `-1`, `-2`… before the
 * extension (as FiftyOne's exporters do). The same source exported twice maps to one file.
 */
export class MediaExporter {
  readonly #byPath = new Map<string, string>();
  readonly #taken = new Set<string>();
  readonly #pending = new Set<Promise<void>>();
  #dirReady: Promise<unknown> | undefined;
  #missing = 0;

  constructor(
    private readonly options: MediaExporterOptions,
    private readonly problems: ProblemLog,
  ) {}

  /** The name under `dir` this source gets (its absolute path when referencing). Starts the copy; await `flush()` at the end. */
  async place(sourcePath: string): Promise<string> {
    if (this.options.mode === 'reference') return resolve(sourcePath);
    const known = this.#byPath.get(sourcePath);
    if (known !== undefined) return known;
    const name = this.#uniqueName(sourcePath);
    this.#byPath.set(sourcePath, name);
    this.#dirReady ??= mkdir(this.options.dir, { recursive: true });
    await this.#dirReady;
    while (this.#pending.size >= PARALLEL_COPIES) await Promise.race(this.#pending);
    const target = join(this.options.dir, name);
    const work = (this.options.mode === 'copy' ? copyFile(sourcePath, target) : symlink(resolve(sourcePath), target))
      .catch((error: unknown) => this.#failed(sourcePath, error))
      .finally(() => this.#pending.delete(work));
    this.#pending.add(work);
    return name;
  }

  /** Waits for every copy; returns how many sources could not be copied (each one also a warning). */
  async flush(): Promise<number> {
    await Promise.all(this.#pending);
    return this.#missing;
  }

  #failed(sourcePath: string, error: unknown): void {
    this.#missing++;
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'not found' : error instanceof Error ? error.message : String(error);
    this.problems.warn(`${sourcePath}: media file ${why}; not ${this.options.mode === 'copy' ? 'copied' : 'linked'}`);
  }

  #uniqueName(sourcePath: string): string {
    const base = basename(sourcePath);
    const ext = extname(base);
    const stem = base.slice(0, base.length - ext.length);
    const keyOf = (s: string) => (this.options.unique === 'stem' ? s : s + ext);
    let candidate = stem;
    for (let n = 1; this.#taken.has(keyOf(candidate).toLowerCase()); n++) candidate = `${stem}-${n}`;
    // Case-insensitively unique, so an export also works on macOS and Windows file systems.
    this.#taken.add(keyOf(candidate).toLowerCase());
    return candidate + ext;
  }
}
