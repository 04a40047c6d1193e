// Which DatasetBackend a connection uses: HTTP for the API connection, core's services for the database connection.
import { ApiConnection } from '../connection/api-connection.js';
import type { Connection } from '../connection/connect.js';
import type { DatasetBackend } from './dataset-backend.js';
import { DirectDatasetBackend } from './direct-dataset-backend.js';
import { HttpDatasetBackend } from './http-dataset-backend.js';

// One backend per connection, so every Dataset opened through it shares one database handle.
const backends = new WeakMap<Connection, Promise<DatasetBackend>>();

export function backendFor(connection: Connection): Promise<DatasetBackend> {
  let backend = backends.get(connection);
  if (!backend) {
    backend =
      connection instanceof ApiConnection
        ? Promise.resolve(new HttpDatasetBackend(connection.http))
        : DirectDatasetBackend.open(connection).catch((error: unknown) => {
            // A database that failed to open may be fixed and retried; do not cache the failure.
            backends.delete(connection);
            throw error;
          });
    backends.set(connection, backend);
  }
  return backend;
}
