// The connections an SDK suite runs through: the API on SQLite and on PostgreSQL, and the database connection on each.
import { createTestDatabase, testDialects, type TestDialect } from '@teamset/core/testing';
import { ApiConnection } from '../connection/api-connection.js';
import type { Connection } from '../connection/connect.js';
import { DatabaseConnection } from '../connection/database-connection.js';
import { startTeamsetTestServer, type TeamsetTestServer } from './teamset-test-server.js';

export interface OpenedConnection {
  connection: Connection;
  /** Set for the API connection: the server, to add more users. */
  server?: TeamsetTestServer;
  close(): Promise<void>;
}

export interface ConnectionTarget {
  /** e.g. "API on sqlite", "database on postgres". */
  label: string;
  kind: 'api' | 'database';
  dialect: TestDialect;
  open(): Promise<OpenedConnection>;
}

function apiTarget(dialect: TestDialect): ConnectionTarget {
  return {
    label: `API on ${dialect}`,
    kind: 'api',
    dialect,
    async open() {
      const server = await startTeamsetTestServer({ dialect });
      const member = await server.addUser('member@example.com', 'MEMBER');
      // One attempt: a test should see the first failure, not a retried one.
      const connection = new ApiConnection({ apiUri: server.url, apiKey: member.key, maxAttempts: 1 });
      return { connection, server, close: () => server.close() };
    },
  };
}

function databaseTarget(dialect: TestDialect): ConnectionTarget {
  return {
    label: `database on ${dialect}`,
    kind: 'database',
    dialect,
    async open() {
      const database = await createTestDatabase(dialect);
      const connection = new DatabaseConnection(database.uri);
      return {
        connection,
        async close() {
          await connection.close();
          await database.drop();
        },
      };
    },
  };
}

/** API and database connection on every dialect available (PostgreSQL is required in CI). */
export async function sdkTestConnections(): Promise<ConnectionTarget[]> {
  const dialects = await testDialects();
  return [...dialects.map(apiTarget), ...dialects.map(databaseTarget)];
}
