// Annotations read on two threads: runs the worker parses and runs the main thread parses, joined in file order.
import type { Worker } from 'node:worker_threads';
import { ProblemRecord, type ProblemRecordData } from '../problem-record.js';
import type { ProblemSink } from '../problem-sink.js';
import type { AnnotationJob, AnnotationReply } from './coco-annotation-job.js';
import { AnnotationReader, type AnnotationTable } from './coco-annotations.js';

/** A stretch of the file's annotations, read. */
export interface AnnotationPart {
  table: AnnotationTable;
  problems: ProblemRecordData;
}

/** Which runs the worker takes: the `run`th found, while it holds `inFlight` it has not answered yet. */
export type HandOver = (run: number, inFlight: number) => boolean;

/**
 * Up to two runs at a time keeps the worker busy; the main thread, which also reads the file and finds the runs,
 * parses the runs found while the worker holds two (about half of them, measured). One at a time measured about
 * 20 % slower; three, no faster than two.
 */
export const handOverWhileFree: HandOver = (_run, inFlight) => inFlight < 2;

/** One worker for one file's annotations. A failure of any kind makes `failed` true: the file is read again in one pass. */
export class AnnotationWorker {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, (part: AnnotationPart | undefined) => void>();
  #nextId = 1;
  #runs = 0;
  #failed = false;

  private constructor(
    worker: Worker,
    private readonly handOver: HandOver,
  ) {
    this.#worker = worker;
    worker.on('message', (reply: AnnotationReply) => {
      const resolve = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (!reply.ok) this.#failed = true;
      resolve?.(reply.ok ? { table: reply.table, problems: reply.problems } : undefined);
    });
    // A worker that cannot start or dies fails the runs it holds; the file is then read on the main thread alone.
    worker.on('error', () => this.#fail());
    worker.on('exit', () => this.#fail());
  }

  /**
   * A worker, or undefined when none can be started. Core (an optional peer of the SDK) starts it, imported here so
   * an API-only install without core still imports COCO files, on the main thread alone.
   */
  static async start(handOver: HandOver = handOverWhileFree): Promise<AnnotationWorker | undefined> {
    try {
      const { spawnModuleWorker } = await import('@teamset/core/workers');
      return new AnnotationWorker(spawnModuleWorker(import.meta.url, 'coco-annotation-worker'), handOver);
    } catch {
      return undefined;
    }
  }

  /** Whether the run just found is to be handed over. */
  wants(): boolean {
    return !this.#failed && this.handOver(this.#runs++, this.#waiting.size);
  }

  /** True once a run came back as not whole elements, or the worker failed: the read so far is void. */
  get failed(): boolean {
    return this.#failed;
  }

  /** The run read, or undefined when it was not `count` whole elements or the worker failed. */
  read(
    file: string,
    first: number,
    count: number,
    text: Uint8Array,
    listed: number,
  ): Promise<AnnotationPart | undefined> {
    if (this.#failed) return Promise.resolve(undefined);
    const id = this.#nextId++;
    const job: AnnotationJob = { id, file, first, count, text, listed };
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#worker.postMessage(job, [text.buffer as ArrayBuffer]);
    });
  }

  #fail(): void {
    this.#failed = true;
    for (const resolve of this.#waiting.values()) resolve(undefined);
    this.#waiting.clear();
  }

  async close(): Promise<void> {
    this.#worker.removeAllListeners('exit');
    await this.#worker.terminate();
  }
}

/**
 * The file's annotations as a list of parts in file order: stretches the main thread reads element by element,
 * between runs the worker reads. Problems found on the main thread (images and categories too) are recorded in
 * the current stretch, so that once all parts are in, replaying them part by part gives the file's order.
 */
export class AnnotationParts {
  readonly #parts: Array<AnnotationPart | Promise<AnnotationPart | undefined>> = [];
  #reader!: AnnotationReader;
  #record!: ProblemRecord;
  #handedOver = 0;

  constructor(
    private readonly file: string,
    /** Problems of each kind each part keeps word for word (ProblemLog.listed). */
    readonly listed: number,
  ) {
    this.#open();
  }

  /** Where problems found on the main thread go now. */
  get problems(): ProblemSink {
    return this.#record;
  }

  /** The annotation at `index` of the list, read on the main thread. */
  read(index: number, value: unknown): void {
    this.#reader.read(index, value);
  }

  /** Runs read elsewhere (add calls). */
  get handedOver(): number {
    return this.#handedOver;
  }

  /** A run read elsewhere, next in file order. */
  add(part: Promise<AnnotationPart | undefined>): void {
    this.#handedOver++;
    this.#close();
    this.#parts.push(part);
    this.#open();
  }

  /** Every part in file order, or undefined when a run read elsewhere failed. */
  async finish(): Promise<AnnotationPart[] | undefined> {
    this.#close();
    const parts = await Promise.all(this.#parts);
    return parts.every((part) => part !== undefined) ? (parts as AnnotationPart[]) : undefined;
  }

  #open(): void {
    this.#record = new ProblemRecord(this.listed);
    this.#reader = new AnnotationReader(this.file, this.#record);
  }

  #close(): void {
    const part = { table: this.#reader.finish(), problems: this.#record.toData() };
    if (part.table.count > 0 || part.problems.entries.length > 0) this.#parts.push(part);
  }
}
