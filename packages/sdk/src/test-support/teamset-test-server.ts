// A real Teamset server on a temp SQLite file (or a fresh PostgreSQL database), with users and keys bootstrapped over the SDK's database connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset, Role, User } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { startServer } from '@teamset/server';
import { createTestDatabase, type TestDialect } from '@teamset/core/testing';
import { DatabaseConnection } from '../connection/database-connection.js';

export interface TestUser {
  user: User;
  key: string;
}

export interface TeamsetTestServerOptions {
  /** Default sqlite. PostgreSQL gets a fresh database, dropped on close. */
  dialect?: TestDialect;
}

export interface TeamsetTestServer {
  url: string;
  /** A temp directory, removed on close (for config files and the SQLite database). */
  dir: string;
  dialect: TestDialect;
  databaseUri: string;
  /** Creates a user directly in the database (as `teamset users create` does) and, unless a guest, a key for them. */
  addUser(email: string, role: Role): Promise<TestUser>;
  /** Creates a dataset directly in the database as the system actor, so it records no creator. */
  addDataset(name: string): Promise<Dataset>;
  close(): Promise<void>;
}

export async function startTeamsetTestServer(options: TeamsetTestServerOptions = {}): Promise<TeamsetTestServer> {
  const dialect = options.dialect ?? 'sqlite';
  const dir = mkdtempSync(join(tmpdir(), 'teamset-sdk-e2e-'));
  const postgres = dialect === 'postgres' ? await createTestDatabase('postgres') : undefined;
  const databaseUri = postgres?.uri ?? `sqlite:${join(dir, 'teamset.db')}`;
  const server = await startServer({ databaseUri, host: '127.0.0.1', port: 0, logLevel: false });
  const database = new DatabaseConnection(databaseUri);
  const services = await database.services();
  return {
    url: server.url,
    dir,
    dialect,
    databaseUri,
    async addUser(email, role) {
      const user = await services.users.create(SYSTEM_ACTOR, { email, name: email.split('@')[0] ?? email, role });
      const key =
        role === 'GUEST' ? '' : (await services.keys.generate(SYSTEM_ACTOR, { name: 'test', user: user.id })).key;
      return { user, key };
    },
    addDataset(name) {
      return services.datasets.create(SYSTEM_ACTOR, { name });
    },
    async close() {
      await database.close();
      await server.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
