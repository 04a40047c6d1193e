// A read-only Kysely dialect whose connections are threads of the SQLite reader pool: compiled queries run there.
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { ReaderThread, SqliteReaderPool } from '../workers/sqlite-reader-pool.js';
import { BuiltPage, pageSpecOf } from './page-query.js';
import { currentQueryContext } from './query-context.js';

/** The async context's deadline and client signal go with every query, so the thread can stop it. */
class ReaderConnection implements DatabaseConnection {
  constructor(readonly thread: ReaderThread) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const context = currentQueryContext();
    const page = pageSpecOf(compiled);
    const result = await this.thread.run(compiled.sql, compiled.parameters, {
      deadline: context?.deadline,
      signal: context?.signal,
      ...(page ? { page } : {}),
    });
    if (result.page) return { rows: [new BuiltPage(result.page) as R] };
    return {
      rows: result.rows as R[],
      ...(result.changes === undefined ? {} : { numAffectedRows: BigInt(result.changes) }),
      ...(result.lastInsertRowid === undefined ? {} : { insertId: BigInt(result.lastInsertRowid) }),
    };
  }

  // eslint-disable-next-line require-yield -- no reader streams; the generator only reports that.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite reader pool does not stream; read in pages');
  }
}

class ReaderDriver implements Driver {
  constructor(private readonly pool: SqliteReaderPool) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const context = currentQueryContext();
    return new ReaderConnection(await this.pool.acquire({ deadline: context?.deadline, signal: context?.signal }));
  }

  // A deferred BEGIN on a read-only connection: one snapshot for several reads.
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.pool.release((connection as ReaderConnection).thread);
  }

  async destroy(): Promise<void> {
    await this.pool.close();
  }
}

/** SQLite's compiler and adapter over the pool's threads. */
export class ReaderPoolDialect implements Dialect {
  constructor(private readonly pool: SqliteReaderPool) {}

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new ReaderDriver(this.pool);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's Dialect signature.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
