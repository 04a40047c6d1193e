// Starts requests a few at a time, outside the render that asked for them: a grid mounting a screenful of tiles then
// commits without also starting thirty fetches in that task, and a tile scrolled past before its turn never asks.

/** How long one task may spend starting requests before it yields to the page (ms). */
const TASK_BUDGET_MS = 4;

interface Job {
  start(): Promise<unknown>;
}

export class RequestQueue {
  private readonly waiting = new Set<Job>();
  private inFlight = 0;
  private scheduled = false;

  /** `limit`: requests in flight at once (under HTTP/1.1's six connections, some stay free for the API). */
  constructor(private readonly limit: number) {}

  /** Queues `start` (called once, in a later task, when its turn comes); the answer cancels it if not yet started. */
  enqueue(start: () => Promise<unknown>): () => void {
    const job: Job = { start };
    this.waiting.add(job);
    this.schedule();
    return () => {
      this.waiting.delete(job);
    };
  }

  /** Jobs not yet started (for tests). */
  get pending(): number {
    return this.waiting.size;
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.size === 0 || this.inFlight >= this.limit) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.pump();
    }, 0);
  }

  private pump(): void {
    const started = performance.now();
    for (const job of this.waiting) {
      if (this.inFlight >= this.limit || performance.now() - started > TASK_BUDGET_MS) break;
      this.waiting.delete(job);
      this.inFlight++;
      const done = () => {
        this.inFlight--;
        this.schedule();
      };
      job.start().then(done, done);
    }
    this.schedule();
  }
}
