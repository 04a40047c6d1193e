// startServer: opens the database, migrates, serves HTTP, and hands back the one-time setup token while no user exists.
import { createServices, redactDatabaseUri, resolveDatabaseUri, type CoreConfig } from '@teamset/core';
import { buildApp, type AppOptions } from './app.js';

export interface StartServerOptions {
  databaseUri?: string;
  host?: string;
  port?: number;
  publicUrl?: string;
  logLevel?: string | false;
  logStream?: NodeJS.WritableStream;
  trustProxy?: boolean;
  core?: Omit<CoreConfig, 'databaseUri'>;
  failedAuthLimit?: AppOptions['failedAuthLimit'];
  thumbnailCacheBytes?: AppOptions['thumbnailCacheBytes'];
  graphqlLimits?: AppOptions['graphqlLimits'];
}

export interface RunningServer {
  url: string;
  /** The database in use, any password masked: for a start banner. */
  database: string;
  /** While no user exists: the one-time token that creates the first admin; for the caller to show (it is never logged). */
  setupToken: string | undefined;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 5151;
export const DEFAULT_HOST = '127.0.0.1';

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const databaseUri = resolveDatabaseUri(options.databaseUri);
  const services = await createServices({ ...options.core, databaseUri });
  const app = await buildApp({
    services,
    logLevel: options.logLevel ?? 'info',
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.failedAuthLimit ? { failedAuthLimit: options.failedAuthLimit } : {}),
    ...(options.thumbnailCacheBytes !== undefined ? { thumbnailCacheBytes: options.thumbnailCacheBytes } : {}),
    ...(options.graphqlLimits ? { graphqlLimits: options.graphqlLimits } : {}),
  });
  try {
    await app.listen({ host: options.host ?? DEFAULT_HOST, port: options.port ?? DEFAULT_PORT });
  } catch (error) {
    await app.close();
    await services.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_PORT);
  const host = options.host ?? DEFAULT_HOST;
  const url = options.publicUrl ?? `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  app.log.info({ database: redactDatabaseUri(databaseUri), url }, 'Teamset server listening');

  const setupToken = await services.setup.issueToken();
  if (setupToken)
    app.log.info(
      `No users yet: create the first admin at ${url}/setup with the one-time setup token teamset serve prints`,
    );

  let closing: Promise<void> | undefined;
  return {
    url,
    database: redactDatabaseUri(databaseUri),
    setupToken: setupToken ?? undefined,
    close: () => {
      closing ??= (async () => {
        await app.close();
        await services.close();
      })();
      return closing;
    },
  };
}
