// The API connection: every call goes over HTTP to a Teamset server and runs as the API key's user.
import { validateApiKey, validateApiUri } from '../config/validate-settings.js';
import type { ConfigSource } from '../config/config-fields.js';
import { ConfigError } from '../errors.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';

export type HttpTuning = Omit<HttpClientOptions, 'apiUri' | 'apiKey'>;

export interface ApiConnectionSettings extends HttpTuning {
  apiUri: string;
  apiKey: string;
  /** Where apiKey was read from (the environment, a config file), named when the server refuses it. */
  apiKeySource?: ConfigSource;
}

export class ApiConnection {
  readonly kind = 'api';
  readonly apiUri: string;
  readonly http: HttpClient;

  constructor(settings: ApiConnectionSettings) {
    // Explicit settings get the same checks as configured ones, so a typo fails here, not on the first call.
    const explicit = { type: 'option' } as const;
    if (!settings.apiKey)
      throw new ConfigError('An API connection needs an API key: pass apiKey, or set FIFTYONE_API_KEY');
    const { apiUri, apiKey, ...tuning } = settings;
    this.apiUri = validateApiUri(apiUri, explicit);
    this.http = new HttpClient({ ...tuning, apiUri: this.apiUri, apiKey: validateApiKey(apiKey, explicit) });
  }

  /** Nothing to release (fetch pools sockets globally); present so both connections close the same way. */
  async close(): Promise<void> {}
}
