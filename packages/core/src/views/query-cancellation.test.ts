// The query runner on PostgreSQL: a read past its budget or whose client went away leaves no query running on the server.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { runWithSignal } from '../db/query-context.js';
import { expectAppError } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { openViewTestDatabase, type ViewTestDatabase } from '../test-support/view-fixtures.js';
import { QueryBudget } from './query-budget.js';

/** The backends still running a statement that names `marker`, other than the asking one. */
async function runningWith(database: Database, marker: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
    where state = 'active' and pid <> pg_backend_pid() and query like ${`%${marker}%`}`.execute(database.db);
  return Number(rows[0]?.n);
}

const sleep = (marker: string) => sql.raw<{ x: unknown }>(`select pg_sleep(5), '${marker}' as x`);

describe.runIf((await testDialects()).includes('postgres'))('view read cancellation on PostgreSQL', () => {
  let tdb: ViewTestDatabase;
  let database: Database;
  beforeAll(async () => {
    tdb = await openViewTestDatabase('postgres');
    database = tdb.database;
  });
  afterAll(async () => {
    await tdb?.close();
  });

  it('a read past its budget is stopped on the server by statement_timeout', async () => {
    const budget = new QueryBudget(database, 200);
    const at = Date.now();
    await expectAppError(
      budget.run(undefined, (db) => sleep('marker_budget').execute(db)),
      'QUERY_TIMEOUT',
    );
    expect(Date.now() - at).toBeLessThan(4_000);
    expect(await runningWith(database, 'marker_budget')).toBe(0);
  });

  it('statement_timeout is set for the read only: the connection goes back to the pool without it', async () => {
    const budget = new QueryBudget(database, 200);
    await budget.run(undefined, (db) => sql`select 1`.execute(db));
    const { rows } = await sql<{ value: string }>`select current_setting('statement_timeout') as value`.execute(
      database.db,
    );
    expect(rows[0]?.value).toBe('0');
  });

  it('a read whose client went away is cancelled on the server (pg_cancel_backend) and its connection freed', async () => {
    const budget = new QueryBudget(database, 60_000);
    const controller = new AbortController();
    const at = Date.now();
    const read = runWithSignal(controller.signal, () =>
      budget.run(undefined, (db) => sleep('marker_cancel').execute(db)),
    );
    setTimeout(() => controller.abort(), 200);
    await expectAppError(read, 'UNAVAILABLE', /client closed the connection/);
    expect(Date.now() - at).toBeLessThan(4_000);
    expect(await runningWith(database, 'marker_cancel')).toBe(0);
    // Every pooled connection (10) is usable again: none is left holding the cancelled read's transaction.
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => budget.run(undefined, (db) => sql<{ n: number }>`select 1 as n`.execute(db))),
    );
    expect(answers.every((answer) => answer.rows[0]?.n === 1)).toBe(true);
  });

  it('a read cancelled inside a caller transaction stops too, and the transaction can go on', async () => {
    const budget = new QueryBudget(database, 60_000);
    const controller = new AbortController();
    await database.db.transaction().execute(async (trx) => {
      await sql`savepoint before_read`.execute(trx);
      const read = runWithSignal(controller.signal, () => budget.run(trx, (db) => sleep('marker_trx').execute(db)));
      setTimeout(() => controller.abort(), 200);
      await expectAppError(read, 'UNAVAILABLE');
      await sql`rollback to savepoint before_read`.execute(trx);
      const { rows } = await sql<{ n: number }>`select 1 as n`.execute(trx);
      expect(rows[0]?.n).toBe(1);
    });
    expect(await runningWith(database, 'marker_trx')).toBe(0);
  });
});
