// The one worker thread that encodes part of a large NDJSON batch: busy, broken or closed means the caller does it all itself.
import type { FieldSchema } from '@teamset/contract';
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../workers/module-worker.js';
import type { EncodeJob, EncodeReply } from './encode-worker.js';

interface Pending {
  id: number;
  resolve: (reply: EncodeReply | undefined) => void;
}

/**
 * One worker is enough: it runs beside the main thread, which encodes the other part and does all the SQL. It is
 * started on first use, keeps the process alive only while a job runs, and is never waited for in a queue — a
 * second batch arriving meanwhile is simply encoded on the main thread.
 */
export class EncodeWorkerClient {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private nextId = 1;
  private broken = false;
  private closed = false;
  private answered = 0;

  /** Jobs the worker has answered (tests check that a batch really was encoded in two parts). */
  get jobsAnswered(): number {
    return this.answered;
  }

  get available(): boolean {
    return !this.broken && !this.closed && this.pending === undefined;
  }

  /** The encoded batch, or undefined when the worker is busy, broken or closed, or fails on the way. */
  encode(bytes: Uint8Array, stored: FieldSchema): Promise<EncodeReply | undefined> {
    if (!this.available) return Promise.resolve(undefined);
    let worker: Worker;
    try {
      worker = this.worker ??= this.spawn();
    } catch {
      this.broken = true;
      return Promise.resolve(undefined);
    }
    const id = this.nextId++;
    // A copy of its own to transfer: the bytes are a view into the body the caller still reads (and a Buffer's
    // slice() is no copy).
    const own = new Uint8Array(bytes).buffer;
    const job: EncodeJob = { id, bytes: own, stored };
    worker.ref();
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      worker.postMessage(job, [own]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.settle(undefined);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private spawn(): Worker {
    const worker = spawnModuleWorker(import.meta.url, 'encode-worker');
    worker.unref();
    worker.on('message', (reply: EncodeReply) => {
      if (this.pending?.id !== reply.id) return;
      this.answered++;
      this.settle(reply);
    });
    // A worker that cannot start or dies takes no more jobs: the main thread does everything, as before it existed.
    const fail = (): void => {
      this.broken = true;
      this.worker = undefined;
      this.settle(undefined);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    return worker;
  }

  private settle(reply: EncodeReply | undefined): void {
    const pending = this.pending;
    this.pending = undefined;
    this.worker?.unref();
    pending?.resolve(reply);
  }
}
