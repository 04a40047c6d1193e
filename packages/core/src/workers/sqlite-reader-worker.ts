// A reader thread: one read-only better-sqlite3 connection to the server's database file, running compiled reads off the main thread.
import BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { QueryCancelled } from '../db/query-context.js';
import { pageBytes, type PageBytes, type PageSpec } from '../views/page-bytes.js';
import { DeadlineExceeded, sqliteQueryState } from '../views/sqlite-functions.js';

export interface ReaderWorkerData {
  path: string;
  /** One Int32 over a SharedArrayBuffer: 1 while the running query's client has gone. */
  cancel: SharedArrayBuffer;
}

export interface ReaderJob {
  id: number;
  sql: string;
  parameters: readonly unknown[];
  /** Epoch ms; undefined: unbounded. */
  deadline: number | undefined;
  /** A page statement: answer with the page built here (page-bytes.ts) instead of its rows. */
  page?: PageSpec;
}

export type ReaderReply =
  | {
      id: number;
      ok: true;
      rows: unknown[];
      changes: number | undefined;
      lastInsertRowid: number | bigint | undefined;
      /** A page job's page; its bytes' ArrayBuffer is transferred, not cloned. */
      page?: PageBytes;
    }
  | { id: number; ok: false; kind: 'deadline' | 'cancelled' | 'error'; message: string; code: string | undefined };

/** Prepared statements kept per connection: a view's SQL repeats across pages and aggregation requests. */
const STATEMENT_CACHE_MAX = 200;

const data = workerData as ReaderWorkerData;
// readonly: a write sent here by mistake fails instead of racing the one writer on the main thread.
const connection = new BetterSqlite3(data.path, { readonly: true, fileMustExist: true });
connection.pragma('busy_timeout = 5000');
const state = sqliteQueryState(connection);
state.cancel = new Int32Array(data.cancel);
const statements = new Map<string, BetterSqlite3.Statement>();

function prepared(text: string): BetterSqlite3.Statement {
  let statement = statements.get(text);
  if (!statement) {
    if (statements.size >= STATEMENT_CACHE_MAX) statements.clear();
    statement = connection.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

/** Structured clone turns a Buffer into a plain Uint8Array; better-sqlite3 binds only Buffers as blobs. */
function bindable(value: unknown): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;
}

function run(job: ReaderJob): ReaderReply {
  state.deadline = job.deadline;
  try {
    const statement = prepared(job.sql);
    const parameters = job.parameters.map(bindable);
    if (statement.reader && job.page) {
      const page = pageBytes(statement.all(parameters) as Record<string, unknown>[], job.page);
      return { id: job.id, ok: true, rows: [], changes: undefined, lastInsertRowid: undefined, page };
    }
    if (statement.reader)
      return { id: job.id, ok: true, rows: statement.all(parameters), changes: undefined, lastInsertRowid: undefined };
    const result = statement.run(parameters);
    return { id: job.id, ok: true, rows: [], changes: result.changes, lastInsertRowid: result.lastInsertRowid };
  } catch (error) {
    const kind =
      error instanceof DeadlineExceeded ? 'deadline' : error instanceof QueryCancelled ? 'cancelled' : 'error';
    const code = (error as { code?: unknown }).code;
    return {
      id: job.id,
      ok: false,
      kind,
      message: error instanceof Error ? error.message : String(error),
      code: typeof code === 'string' ? code : undefined,
    };
  } finally {
    state.deadline = undefined;
  }
}

parentPort?.on('message', (job: ReaderJob) => {
  const reply = run(job);
  // The page's bytes move to the main thread; copying 1 MB per page is what this path exists to avoid.
  parentPort?.postMessage(reply, reply.ok && reply.page ? [reply.page.bytes.buffer as ArrayBuffer] : []);
});
