// A batch writer's timer: flushes every interval in the background (unref'd), and once more on stop.
export abstract class PeriodicFlush {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly flushIntervalMs: number) {}

  abstract flush(): Promise<void>;

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
  }

  /** Writes what is pending: nothing counted before shutdown is lost. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
