// testApiConnection(): FiftyOne's fo.test_api_connection — is the server reachable, and does it accept the key?
import { PATHS, type WhoAmI } from '@teamset/contract';
import { loadConfig } from '../config/load-config.js';
import { maskApiKey } from '../config/mask-secrets.js';
import { AuthenticationError, ConfigError, ServerError } from '../errors.js';
import { ApiConnection } from './api-connection.js';
import type { ConnectOptions } from './connect.js';

export interface TestApiConnectionOptions extends ConnectOptions {
  /** Test this connection instead of the configured one. */
  connection?: ApiConnection;
}

/** Resolves with who the key belongs to; rejects with a typed error whose message says what to fix. */
export async function testApiConnection(options: TestApiConnectionOptions = {}): Promise<WhoAmI> {
  const { connection, keyHint } = resolve(options);
  const health = await connection.http.get<unknown>(PATHS.health);
  if ((health as { status?: unknown } | undefined)?.status !== 'available') {
    throw new ServerError(
      `The server at ${connection.apiUri} answered /health, but not as a Teamset server does — check api_uri`,
    );
  }
  try {
    return await connection.http.get<WhoAmI>(PATHS.whoami);
  } catch (error) {
    if (error instanceof AuthenticationError) {
      throw new AuthenticationError(
        // The message already names where the key came from and how to get a new one.
        `The server at ${connection.apiUri} rejected the API key${keyHint}: ${error.message}`,
        { status: error.status, requestId: error.requestId, details: error.details, cause: error },
      );
    }
    throw error;
  }
}

function resolve(options: TestApiConnectionOptions): { connection: ApiConnection; keyHint: string } {
  if (options.connection) return { connection: options.connection, keyHint: '' };
  const config = options.config ?? loadConfig(options);
  if (config.apiUri === undefined || config.apiKey === undefined) {
    throw new ConfigError(
      `No API connection is configured: set FIFTYONE_API_URI and FIFTYONE_API_KEY, or api_uri and api_key in ${config.configPath}`,
      { path: config.configPath },
    );
  }
  const connection = new ApiConnection({
    ...options.http,
    apiUri: config.apiUri,
    apiKey: config.apiKey,
    apiKeySource: config.sources.apiKey,
  });
  return { connection, keyHint: ` (${maskApiKey(config.apiKey)})` };
}
