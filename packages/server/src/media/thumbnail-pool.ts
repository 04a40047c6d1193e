// A few worker threads that render thumbnails, with a bounded queue: the semaphore on concurrent generations.
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '@teamset/core';
import type { CropBox } from './crop-box.js';
import type { RenderLimits, RenderResult } from './thumbnail-render.js';
import type { ThumbnailJob, ThumbnailReply } from './thumbnail-worker.js';

export class ThumbnailQueueFullError extends Error {}

interface Pending {
  job: ThumbnailJob;
  resolve: (result: RenderResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | undefined;
}

/** The worker module next to this one (see spawnModuleWorker for how tests run it from sources). */
function spawnWorker(): Worker {
  return spawnModuleWorker(import.meta.url, 'thumbnail-worker');
}

export class ThumbnailPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    /** Generations at once; each holds a decoded image in memory (up to 4 bytes × the pixel limit). */
    private readonly concurrency: number,
    /** Waiting jobs beyond this are refused (503) rather than piling up without bound. */
    private readonly maxQueued: number,
    private readonly limits: RenderLimits,
  ) {}

  render(path: string, maxSide: number, crop?: CropBox): Promise<RenderResult> {
    if (this.closed) return Promise.reject(new Error('the thumbnail pool is closed'));
    if (this.queue.length >= this.maxQueued)
      return Promise.reject(
        new ThumbnailQueueFullError('Too many thumbnails are being made right now; try again shortly'),
      );
    return new Promise((resolve, reject) => {
      const job = { id: this.nextId++, path, maxSide, limits: this.limits, ...(crop ? { crop } : {}) };
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the server is shutting down'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot =
        this.slots.find((s) => !s.busy) ?? (this.slots.length < this.concurrency ? this.addSlot() : undefined);
      if (!slot) return;
      const pending = this.queue.shift() as Pending;
      slot.busy = pending;
      slot.worker.ref();
      slot.worker.postMessage(pending.job);
    }
  }

  private addSlot(): Slot {
    const slot: Slot = { worker: spawnWorker(), busy: undefined };
    // An idle worker must not keep the process alive (a CLI test, a server shutting down).
    slot.worker.unref();
    slot.worker.on('message', (reply: ThumbnailReply) => {
      const pending = slot.busy;
      if (!pending || pending.job.id !== reply.id) return;
      slot.busy = undefined;
      slot.worker.unref();
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(reply.result);
      this.dispatch();
    });
    const fail = (error: Error): void => {
      // A crashed worker (e.g. out of memory) fails its job and is replaced on the next dispatch.
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      slot.busy?.reject(error);
      slot.busy = undefined;
      if (!this.closed) this.dispatch();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`the thumbnail worker stopped (exit code ${code})`));
    });
    this.slots.push(slot);
    return slot;
  }
}
