// Checks of api_uri, api_key and database_uri; messages name where the value came from but never echo it.
import { isWellFormedApiKey } from '@teamset/contract';
import { ConfigError } from '../errors.js';
import { describeSource, type ConfigSource } from './config-fields.js';

function configPathOf(source: ConfigSource): string | undefined {
  return source.type === 'file' ? source.path : undefined;
}

/**
 * Returns the URI without trailing slashes so paths can be appended. The value is not quoted in
 * errors: a key pasted into the wrong variable would otherwise end up on screen.
 */
export function validateApiUri(value: string, source: ConfigSource): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(
      `api_uri (${describeSource(source)}) is not a URL: expected something like http://localhost:5151`,
      {
        path: configPathOf(source),
      },
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`api_uri (${describeSource(source)}) must be an http:// or https:// URL`, {
      path: configPathOf(source),
    });
  }
  if (parsed.username || parsed.password) {
    throw new ConfigError(
      `api_uri (${describeSource(source)}) must not contain a user name or password; the API key authenticates`,
      {
        path: configPathOf(source),
      },
    );
  }
  if (parsed.search || parsed.hash) {
    throw new ConfigError(`api_uri (${describeSource(source)}) must not have a query string or fragment`, {
      path: configPathOf(source),
    });
  }
  return value.replace(/\/+$/, '');
}

export function validateApiKey(value: string, source: ConfigSource): string {
  if (!isWellFormedApiKey(value)) {
    throw new ConfigError(
      `The API key (${describeSource(source)}) does not look like a Teamset API key: expected "tsk_" followed by 38 letters and digits, ` +
        'exactly as shown when the key was created',
      { path: configPathOf(source) },
    );
  }
  return value;
}

export function validateDatabaseUri(value: string, source: ConfigSource): string {
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(value)) {
    throw new ConfigError(
      `database_uri (${describeSource(source)}) must start with sqlite: (e.g. sqlite:/data/teamset.db) or postgres://`,
      { path: configPathOf(source) },
    );
  }
  return value;
}

/** docs/design.md §4: a URI without a key is a configuration error, not a silent anonymous connection. */
export function missingApiKeyError(apiUriSource: ConfigSource, configPath: string): ConfigError {
  return new ConfigError(
    `api_uri is set (${describeSource(apiUriSource)}) but no API key is: set FIFTYONE_API_KEY or api_key in ${configPath}`,
    { path: configPath },
  );
}
