// Checkpoints a SQLite file's WAL from a worker thread so commits on the main thread do not copy pages and fsync.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export interface WalCheckpointerOptions {
  /** How often the worker looks for commits while there are none (default 250 ms); while they come, every 10 ms. */
  intervalMs?: number;
  /**
   * wal_autocheckpoint on the main handle while the worker runs (default 10,000 pages, about 40 MiB): a backstop,
   * so a commit checkpoints inline only when writes outrun the worker's disk, rather than the WAL growing without bound.
   */
  autocheckpointPages?: number;
  /** The file the worker opens: the main handle's own by default (tests point it elsewhere to make the worker fail). */
  file?: string;
  /** Told once if the worker fails; the main handle is back to checkpointing in its commits. Default: a process warning. */
  onFailure?: (error: Error) => void;
}

interface WorkerData {
  driver: string;
  file: string;
  intervalMs: number;
  activeIntervalMs: number;
}

/**
 * The worker's pace while commits come. A writer restarts the WAL only if, when it begins, a checkpoint has
 * backfilled the whole WAL: a short backlog finishes between two of a bulk import's transactions, a 250 ms one
 * mostly does not (measured: the WAL then grew to the size of the import).
 */
const ACTIVE_INTERVAL_MS = 10;

// CommonJS run with `eval`: no module of ours to load, so it runs the same from dist and from the TypeScript sources.
// PASSIVE never waits on readers or writers. A failure ends the worker; SqliteError is rethrown as an Error because
// it is not one to the structured clone that carries it to the main thread (its message would be lost).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
function sqlite(step) {
  try {
    return step();
  } catch (error) {
    throw new Error(String((error && error.message) || error));
  }
}
const db = sqlite(() => new Database(workerData.file, { fileMustExist: true }));
sqlite(() => db.pragma('busy_timeout = 5000'));
let lastVersion;
let timer;
function checkpoint() {
  sqlite(() => db.pragma('wal_checkpoint(PASSIVE)'));
  // data_version moves when another connection commits: the WAL's frame count cannot tell, as it restarts.
  const version = sqlite(() => db.pragma('data_version', { simple: true }));
  const writing = version !== lastVersion;
  lastVersion = version;
  timer = setTimeout(checkpoint, writing ? workerData.activeIntervalMs : workerData.intervalMs);
}
checkpoint();
parentPort.postMessage('ready');
parentPort.once('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export class WalCheckpointer {
  /** Resolves once the worker has its connection and made a first checkpoint, or false if it failed first. Tests wait on it; the server need not. */
  readonly ready: Promise<boolean>;
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  /** wal_autocheckpoint before start (SQLite's default is 1000 pages), put back on stop or failure. */
  private readonly previousPages: number;
  private stopping: Promise<void> | undefined;
  private restored = false;

  /** Starts the worker at once. For a file-backed handle in WAL mode only (an in-memory database has no WAL to share). */
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    options: WalCheckpointerOptions = {},
  ) {
    if (sqlite.memory) throw new Error('WalCheckpointer needs a file-backed SQLite database');
    const onFailure =
      options.onFailure ??
      ((error: Error) =>
        process.emitWarning(`SQLite WAL checkpoint worker failed, commits checkpoint again: ${error.message}`));
    this.previousPages = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
    sqlite.pragma(`wal_autocheckpoint = ${options.autocheckpointPages ?? 10_000}`);
    const workerData: WorkerData = {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: options.file ?? sqlite.name,
      intervalMs: options.intervalMs ?? 250,
      activeIntervalMs: ACTIVE_INTERVAL_MS,
    };
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    // A server shutting down or a CLI test must not wait on this thread.
    this.worker.unref();
    let failed = false;
    const fail = (error: Error): void => {
      if (failed || this.stopping) return;
      failed = true;
      this.restore();
      onFailure(error);
    };
    this.worker.on('error', (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
    this.ready = new Promise((resolve) => {
      this.worker.once('message', () => resolve(true));
      this.worker.once('exit', () => resolve(false));
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        fail(new Error(`the checkpoint worker exited unexpectedly (code ${code})`));
        resolve();
      });
    });
  }

  /** Ends the worker (its connection closed) and gives checkpointing back to the main handle's commits. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      // Referenced again so the process stays up until the worker has closed its connection.
      this.worker.ref();
      this.worker.postMessage('stop');
      await this.exited;
      this.restore();
    })();
    return this.stopping;
  }

  private restore(): void {
    if (this.restored) return;
    this.restored = true;
    // The worker may fail after the database was closed; there is nothing left to restore then.
    if (!this.sqlite.open) return;
    try {
      this.sqlite.pragma(`wal_autocheckpoint = ${this.previousPages}`);
    } catch {
      // Runs from worker events: a throw here would crash the process over a tuning setting.
    }
  }
}
