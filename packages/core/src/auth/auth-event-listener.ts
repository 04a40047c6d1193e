// PostgreSQL LISTEN for the auth event feed: one dedicated connection that wakes the feed when an event commits.
import type pg from 'pg';

/** NOTIFY is scoped to one database, so servers on other databases sharing the cluster never hear it. */
export const AUTH_EVENTS_CHANNEL = 'teamset_auth_events';
/** Shown in pg_stat_activity, so an operator can tell the listener from pooled connections. */
export const AUTH_LISTENER_APPLICATION_NAME = 'teamset-auth-listener';

export interface ListenerBackoff {
  /** Wait before the first reconnect attempt after the connection drops; doubles per failed attempt. */
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_LISTENER_BACKOFF: ListenerBackoff = { initialMs: 100, maxMs: 10_000 };

export class PgAuthEventListener {
  private client: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private nextBackoffMs: number;
  private stopped = false;

  /**
   * `wake` is called for every notification and after every (re)connect: events committed while no
   * connection was listening were announced to no one, so the feed reads them then.
   */
  constructor(
    private readonly newClient: (applicationName: string) => pg.Client,
    private readonly wake: () => void,
    private readonly backoff: ListenerBackoff = DEFAULT_LISTENER_BACKOFF,
  ) {
    this.nextBackoffMs = backoff.initialMs;
  }

  /** True while a connection is LISTENing; false while it reconnects (the feed's poll covers that time). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Makes the first connection; when that fails it keeps retrying in the background rather than failing start-up. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = this.newClient(AUTH_LISTENER_APPLICATION_NAME);
    let dropped = false;
    // pg reports a lost connection as 'error' then 'end' (or only one of them): act once.
    const drop = (): void => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    // An unhandled 'error' on a pg client would crash the server.
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      if (message.channel === AUTH_EVENTS_CHANNEL) this.wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_EVENTS_CHANNEL}`);
    } catch {
      drop();
      return;
    }
    if (dropped) return;
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.nextBackoffMs = this.backoff.initialMs;
    this.wake();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.nextBackoffMs;
    this.nextBackoffMs = Math.min(this.backoff.maxMs, this.nextBackoffMs * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}
