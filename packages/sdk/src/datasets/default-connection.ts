// The connection the module-level dataset functions use when given none: one per configured target, opened once.
import { loadConfig } from '../config/load-config.js';
import { connect, type Connection } from '../connection/connect.js';

/**
 * Configuration is re-read on each call (as the management functions do), but a database connection holds
 * an open database, so the connection for a given target is kept and reused rather than opened per call.
 */
const connections = new Map<string, Connection>();

export function defaultConnection(): Connection {
  const config = loadConfig();
  const target =
    config.apiUri !== undefined
      ? `api ${config.apiUri} ${config.apiKey ?? ''}`
      : `database ${config.databaseUri ?? ''}`;
  let connection = connections.get(target);
  if (!connection) {
    connection = connect({ config });
    connections.set(target, connection);
  }
  return connection;
}

/** Closes the connections opened by defaultConnection(), e.g. so a script on PostgreSQL can exit at once. */
export async function closeDefaultConnections(): Promise<void> {
  const open = [...connections.values()];
  connections.clear();
  await Promise.all(open.map((connection) => connection.close()));
}
