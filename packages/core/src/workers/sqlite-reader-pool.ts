// A pool of reader threads over one SQLite file: reads run there, in parallel, while the main thread keeps serving.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { QueryCancelled } from '../db/query-context.js';
import type { PageBytes, PageSpec } from '../views/page-bytes.js';
import { DeadlineExceeded } from '../views/sqlite-functions.js';
import { spawnModuleWorker } from './module-worker.js';
import type { ReaderJob, ReaderReply, ReaderWorkerData } from './sqlite-reader-worker.js';

/** Readers when none is configured: one per core, at least 2 (one long read must not hold up every other), at most 8. */
export function defaultReaderCount(): number {
  return Math.min(8, Math.max(2, availableParallelism()));
}

/**
 * How long past its deadline (or its cancellation) a read may take to notice and stop before its worker is
 * terminated. The deadline is checked about every 1024 rows and at every regex match; a statement that reaches
 * neither for this long (a big sort, say) costs its worker instead of running on unseen.
 */
export const DEFAULT_READER_GRACE_MS = 1_000;

export interface ReaderResult {
  rows: unknown[];
  changes: number | undefined;
  lastInsertRowid: number | bigint | undefined;
  /** Set for a page job (ReaderRun.page). */
  page?: PageBytes;
}

/** What became of the pool's reads that did not answer (for tests and diagnostics). */
export interface ReaderStats {
  /** Stopped in their thread at the deadline. */
  timedOut: number;
  /** Stopped in their thread because their client went away. */
  cancelled: number;
  /** Threads terminated because their read did not stop within the grace. */
  terminated: number;
}

export interface ReaderRun {
  deadline: number | undefined;
  signal: AbortSignal | undefined;
  /** Run as a page statement: the thread answers with the page's bytes (page-bytes.ts), not its rows. */
  page?: PageSpec;
}

/** A worker and its cancel flag; `dead` once it exited or was terminated (it is then dropped, never reused). */
export class ReaderThread {
  readonly cancel = new Int32Array(new SharedArrayBuffer(4));
  readonly worker: Worker;
  dead = false;
  private nextId = 1;
  private pending: { id: number; settle: (reply: ReaderReply | Error) => void } | undefined;

  constructor(
    path: string,
    private readonly graceMs: number,
    private readonly stats: ReaderStats,
    private readonly onDeath: (thread: ReaderThread) => void,
  ) {
    const data: ReaderWorkerData = { path, cancel: this.cancel.buffer as SharedArrayBuffer };
    this.worker = spawnModuleWorker(import.meta.url, 'sqlite-reader-worker', { workerData: data });
    this.worker.unref();
    this.worker.on('message', (reply: ReaderReply) => {
      if (this.pending?.id === reply.id) this.finish(reply);
    });
    this.worker.on('error', (error) => this.end(error, false));
    this.worker.on('exit', () => this.end(new Error('SQLite reader thread exited'), false));
  }

  /** Ends the thread: its read (if any) fails with `error`, and the pool stops counting it. */
  end(error: Error, terminate: boolean): void {
    if (this.dead) return;
    this.dead = true;
    this.finish(error);
    if (terminate) void this.worker.terminate();
    this.onDeath(this);
  }

  run(sql: string, parameters: readonly unknown[], options: ReaderRun): Promise<ReaderResult> {
    const id = this.nextId++;
    Atomics.store(this.cancel, 0, 0);
    const job: ReaderJob = {
      id,
      sql,
      parameters,
      deadline: options.deadline,
      ...(options.page ? { page: options.page } : {}),
    };
    return new Promise<ReaderResult>((resolve, reject) => {
      let killTimer: NodeJS.Timeout | undefined;
      // Past the grace the worker is ended: the read's resources go with it, and the pool starts a fresh one.
      const killAfterGrace = (delayMs: number, error: Error): void => {
        if (killTimer) return;
        killTimer = setTimeout(() => {
          this.stats.terminated++;
          this.end(error, true);
        }, delayMs);
      };
      const onAbort = (): void => {
        Atomics.store(this.cancel, 0, 1);
        killAfterGrace(this.graceMs, new QueryCancelled());
      };
      if (options.deadline !== undefined)
        killAfterGrace(Math.max(0, options.deadline - Date.now()) + this.graceMs, new DeadlineExceeded());
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending = {
        id,
        settle: (reply) => {
          if (killTimer) clearTimeout(killTimer);
          options.signal?.removeEventListener('abort', onAbort);
          this.worker.unref();
          if (reply instanceof Error) reject(reply);
          else if (reply.ok)
            resolve({
              rows: reply.rows,
              changes: reply.changes,
              lastInsertRowid: reply.lastInsertRowid,
              ...(reply.page ? { page: reply.page } : {}),
            });
          else {
            if (reply.kind === 'deadline') this.stats.timedOut++;
            if (reply.kind === 'cancelled') this.stats.cancelled++;
            reject(replyError(reply));
          }
        },
      };
      this.worker.ref();
      this.worker.postMessage(job);
      if (options.signal?.aborted) onAbort();
    });
  }

  private finish(reply: ReaderReply | Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.settle(reply);
  }
}

function replyError(reply: Extract<ReaderReply, { ok: false }>): Error {
  if (reply.kind === 'deadline') return new DeadlineExceeded();
  if (reply.kind === 'cancelled') return new QueryCancelled();
  return Object.assign(new Error(reply.message), reply.code === undefined ? {} : { code: reply.code });
}

interface Waiter {
  resolve: (thread: ReaderThread) => void;
  reject: (error: Error) => void;
}

/**
 * Threads start on first use and are replaced when one dies or is terminated; a read waits in FIFO order when all
 * are busy, giving up at its deadline (QUERY_TIMEOUT) or when its client goes (cancelled).
 */
export class SqliteReaderPool {
  private readonly idle: ReaderThread[] = [];
  private readonly threads = new Set<ReaderThread>();
  private readonly waiters: Waiter[] = [];
  private closed = false;
  private started = 0;
  readonly stats: ReaderStats = { timedOut: 0, cancelled: 0, terminated: 0 };

  constructor(
    private readonly path: string,
    readonly size: number,
    private readonly graceMs: number = DEFAULT_READER_GRACE_MS,
  ) {
    if (!Number.isSafeInteger(size) || size < 1)
      throw new Error(`reader pool size must be a positive integer (got ${size})`);
  }

  /** Threads started so far, replacements included (tests check a stuck read cost its thread). */
  get threadsStarted(): number {
    return this.started;
  }

  /** Threads alive and not leased. */
  get idleThreads(): number {
    return this.idle.length;
  }

  acquire(options: ReaderRun): Promise<ReaderThread> {
    if (this.closed) return Promise.reject(new Error('SQLite reader pool is closed'));
    if (options.signal?.aborted) return Promise.reject(new QueryCancelled());
    const ready = this.idle.pop();
    if (ready) return Promise.resolve(ready);
    if (this.threads.size < this.size) return Promise.resolve(this.spawn());
    return new Promise<ReaderThread>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const leave = (): void => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        resolve: (thread) => {
          leave();
          resolve(thread);
        },
        reject: (error) => {
          leave();
          reject(error);
        },
      };
      const onAbort = (): void => waiter.reject(new QueryCancelled());
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.deadline !== undefined)
        timer = setTimeout(() => waiter.reject(new DeadlineExceeded()), Math.max(0, options.deadline - Date.now()));
      this.waiters.push(waiter);
    });
  }

  release(thread: ReaderThread): void {
    if (thread.dead) return;
    if (this.closed) {
      void thread.worker.terminate();
      return;
    }
    const waiter = this.waiters[0];
    if (waiter) waiter.resolve(thread);
    else this.idle.push(thread);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.reject(new Error('SQLite reader pool is closed'));
    this.idle.length = 0;
    const threads = [...this.threads];
    for (const thread of threads) thread.end(new Error('SQLite reader pool is closed'), false);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): ReaderThread {
    this.started++;
    const thread = new ReaderThread(this.path, this.graceMs, this.stats, (dead) => this.onDeath(dead));
    this.threads.add(thread);
    return thread;
  }

  private onDeath(dead: ReaderThread): void {
    this.threads.delete(dead);
    const at = this.idle.indexOf(dead);
    if (at >= 0) this.idle.splice(at, 1);
    // A queued read takes the dead thread's place at once.
    const waiter = this.waiters[0];
    if (waiter && !this.closed) waiter.resolve(this.spawn());
  }
}
