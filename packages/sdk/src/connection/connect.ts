// Picks the connection from configuration (docs/design.md §4): api_uri set → API connection, otherwise the database.
import { loadConfig, type LoadConfigOptions, type TeamsetConfig } from '../config/load-config.js';
import { ApiConnection, type HttpTuning } from './api-connection.js';
import { DatabaseConnection } from './database-connection.js';

export type Connection = ApiConnection | DatabaseConnection;

export interface ConnectOptions extends LoadConfigOptions {
  /** An already loaded configuration; the file and environment are then not read again. */
  config?: TeamsetConfig;
  /** Timeout and retry settings for the API connection. */
  http?: HttpTuning;
}

export function connect(options: ConnectOptions = {}): Connection {
  const config = options.config ?? loadConfig(options);
  // loadConfig guarantees a key whenever there is a URI; the check keeps the types honest.
  if (config.apiUri !== undefined && config.apiKey !== undefined) {
    return new ApiConnection({
      ...options.http,
      apiUri: config.apiUri,
      apiKey: config.apiKey,
      apiKeySource: config.sources.apiKey,
    });
  }
  return new DatabaseConnection(config.databaseUri);
}
