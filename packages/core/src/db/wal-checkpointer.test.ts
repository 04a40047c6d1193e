// WalCheckpointer on real SQLite files: the worker's checkpoints let the WAL restart, the backstop bounds it, stop and failure give checkpoints back.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../services.js';
import { openDatabase, type Database } from './database.js';
import { WalCheckpointer } from './wal-checkpointer.js';

const BACKSTOP_PAGES = 10_000;
const ROW = JSON.stringify({ text: 'x'.repeat(2_000) });
const ROWS_PER_TRANSACTION = 250;
const TRANSACTIONS_PER_ROUND = 4;
const ROUNDS = 10; // 10,000 rows of ~2 KB: ~20 MB.
/** Generous for one transaction's WAL frames: its rows, two to a 4 KiB page, and a few b-tree pages (128 measured). */
const walPagesPerTransaction = 200;

/** Polls instead of sleeping a fixed time: the worker thread's pace depends on a shared, slow machine. */
async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function autocheckpoint(database: Database): number {
  return database.sqlite?.pragma('wal_autocheckpoint', { simple: true }) as number;
}

let dir: string;
let file: string;
let database: Database;

/** Opens the file as the server does; a first query through Kysely, which is what lets close() close the handle. */
async function open(): Promise<Database> {
  const opened = openDatabase(`sqlite:${file}`);
  await sql`create table if not exists rows (id integer primary key, body text not null)`.execute(opened.db);
  return opened;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'teamset-wal-'));
  file = join(dir, 'test.db');
  database = await open();
});

afterEach(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Frames in the WAL and how many of them a checkpoint has copied into the database, read from the wal-index
 * (-shm) without touching SQLite, which would checkpoint itself (https://www.sqlite.org/walformat.html:
 * mxFrame at byte 16 of the header, nBackfill at byte 96; native byte order).
 */
function walIndex(): { frames: number; backfilled: number } {
  const shm = readFileSync(`${file}-shm`);
  const le = endianness() === 'LE';
  return {
    frames: le ? shm.readUInt32LE(16) : shm.readUInt32BE(16),
    backfilled: le ? shm.readUInt32LE(96) : shm.readUInt32BE(96),
  };
}

function inserter(sqlite: BetterSqlite3.Database): () => void {
  const insert = sqlite.prepare('insert into rows (body) values (?)');
  return sqlite.transaction(() => {
    for (let i = 0; i < ROWS_PER_TRANSACTION; i++) insert.run(ROW);
  }).immediate;
}

describe('WalCheckpointer', () => {
  it('checkpoints from the worker so the WAL restarts without commits checkpointing, then gives checkpoints back on stop', async () => {
    const sqlite = database.sqlite as BetterSqlite3.Database;
    expect(autocheckpoint(database)).toBe(1000);
    const checkpointer = new WalCheckpointer(sqlite);
    expect(await checkpointer.ready).toBe(true);
    // Commits checkpoint only past the backstop, which these writes never reach: every checkpoint is the worker's.
    expect(autocheckpoint(database)).toBe(BACKSTOP_PAGES);

    const writeTransaction = inserter(sqlite);
    let largestWal = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let t = 0; t < TRANSACTIONS_PER_ROUND; t++) writeTransaction();
      largestWal = Math.max(largestWal, statSync(`${file}-wal`).size);
      // A pause, as between a server's requests: the worker backfills the whole WAL, so the next writer restarts it.
      await until(() => {
        const { frames, backfilled } = walIndex();
        return backfilled === frames;
      }, 'the worker to backfill the WAL');
    }
    const written = ROUNDS * TRANSACTIONS_PER_ROUND * ROWS_PER_TRANSACTION * ROW.length;
    expect(largestWal).toBeLessThan(written / 4);
    writeTransaction();
    expect(walIndex().frames).toBeLessThanOrEqual(walPagesPerTransaction);
    expect(autocheckpoint(database)).toBe(BACKSTOP_PAGES);

    await checkpointer.stop();
    expect(autocheckpoint(database)).toBe(1000);

    await database.close();
    database = await open();
    const stored = database.sqlite?.prepare('select count(*) as n, sum(length(body)) as bytes from rows').get();
    const rows = (ROUNDS * TRANSACTIONS_PER_ROUND + 1) * ROWS_PER_TRANSACTION;
    expect(stored).toEqual({ n: rows, bytes: rows * ROW.length });
  });

  it('lets a commit checkpoint once the WAL passes the backstop, when commits come too fast for the worker', async () => {
    const sqlite = database.sqlite as BetterSqlite3.Database;
    const checkpointer = new WalCheckpointer(sqlite, { autocheckpointPages: 250 });
    expect(await checkpointer.ready).toBe(true);
    // Back to back, with no pause for a checkpoint to finish in, the worker alone would let the WAL hold all of it.
    const writeTransaction = inserter(sqlite);
    let largestWal = 0;
    for (let t = 0; t < ROUNDS * TRANSACTIONS_PER_ROUND; t++) {
      writeTransaction();
      largestWal = Math.max(largestWal, statSync(`${file}-wal`).size);
    }
    expect(largestWal).toBeLessThan((ROUNDS * TRANSACTIONS_PER_ROUND * ROWS_PER_TRANSACTION * ROW.length) / 2);
    await checkpointer.stop();
  });

  it('stops once however often it is asked, and the database then closes cleanly', async () => {
    const sqlite = database.sqlite as BetterSqlite3.Database;
    const checkpointer = new WalCheckpointer(sqlite);
    sqlite.prepare('insert into rows (body) values (?)').run(ROW);
    // Asked before the worker is even up, twice at once, then again.
    await Promise.all([checkpointer.stop(), checkpointer.stop()]);
    await checkpointer.stop();
    expect(autocheckpoint(database)).toBe(1000);

    await database.close();
    // The last connection to close checkpoints and removes the WAL: the worker's connection is gone too.
    expect(existsSync(`${file}-wal`)).toBe(false);
    database = await open();
    expect(database.sqlite?.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(database.sqlite?.prepare('select count(*) as n from rows').get()).toEqual({ n: 1 });
  });

  it('gives checkpoints back to commits if the worker fails, without crashing the process', async () => {
    const sqlite = database.sqlite as BetterSqlite3.Database;
    const failures: Error[] = [];
    const checkpointer = new WalCheckpointer(sqlite, {
      file: join(dir, 'missing.db'),
      onFailure: (error) => failures.push(error),
    });
    expect(await checkpointer.ready).toBe(false);
    await until(() => failures.length > 0, 'the failure to be reported');
    expect(autocheckpoint(database)).toBe(1000);
    expect(failures[0]?.message).toMatch(/unable to open database file/);

    await checkpointer.stop();
    expect(failures).toHaveLength(1);
    expect(autocheckpoint(database)).toBe(1000);
    sqlite.prepare('insert into rows (body) values (?)').run(ROW);
  });

  it('refuses an in-memory database', () => {
    const memory = new BetterSqlite3(':memory:');
    try {
      expect(() => new WalCheckpointer(memory)).toThrow(/file-backed/);
    } finally {
      memory.close();
    }
  });
});

describe('createServices walCheckpointer', () => {
  it('runs the checkpointer only when asked and only on a SQLite file, and stops it on close', async () => {
    const asked = await createServices({
      databaseUri: `sqlite:${join(dir, 'served.db')}`,
      background: false,
      walCheckpointer: true,
    });
    expect(autocheckpoint(asked.database)).toBe(BACKSTOP_PAGES);
    await asked.close();
    expect(existsSync(join(dir, 'served.db-wal'))).toBe(false);

    const notAsked = await createServices({ databaseUri: `sqlite:${join(dir, 'other.db')}`, background: false });
    expect(autocheckpoint(notAsked.database)).toBe(1000);
    await notAsked.close();

    const memory = await createServices({ databaseUri: 'sqlite::memory:', background: false, walCheckpointer: true });
    expect(autocheckpoint(memory.database)).toBe(1000);
    await memory.close();
  });
});
