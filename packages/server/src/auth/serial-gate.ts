// Runs work one at a time per key, with a short queue: what is asked beyond the queue is refused, not kept waiting.

interface Lane {
  running: boolean;
  waiting: Array<() => void>;
}

export type GateOutcome<T> = { ran: true; value: T } | { ran: false };

export class SerialGate {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly maxWaiting: number) {}

  /** Runs `work` after the key's earlier work has finished; `{ran: false}` (not run) when the key's queue is full. */
  async run<T>(key: string, work: () => Promise<T>): Promise<GateOutcome<T>> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { running: false, waiting: [] };
      this.lanes.set(key, lane);
    }
    if (lane.running) {
      if (lane.waiting.length >= this.maxWaiting) return { ran: false };
      await new Promise<void>((resolve) => lane?.waiting.push(resolve));
    }
    lane.running = true;
    try {
      return { ran: true, value: await work() };
    } finally {
      const next = lane.waiting.shift();
      if (next) next();
      else {
        lane.running = false;
        // An idle lane is dropped, so a flood of addresses leaves nothing behind.
        this.lanes.delete(key);
      }
    }
  }

  /** Keys with work running or queued (for tests). */
  get size(): number {
    return this.lanes.size;
  }
}
