// Loads the SDK configuration (docs/design.md §4): ~/.fiftyone/config.json, overridden field by field by FIFTYONE_* variables.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { CONFIG_FIELDS, CONFIG_PATH_ENV_VAR, type ConfigField, type ConfigSource } from './config-fields.js';
import { missingApiKeyError, validateApiKey, validateApiUri, validateDatabaseUri } from './validate-settings.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /** Defaults to process.env; tests pass their own. */
  env?: Environment;
  /** Beats FIFTYONE_CONFIG_PATH and the default path. */
  configPath?: string;
}

export interface TeamsetConfig {
  /** Without trailing slash. Set means: use the API connection. */
  apiUri?: string;
  /** Always well formed when present, and always present when apiUri is. */
  apiKey?: string;
  /** Unset means: the embedded default database chosen by @teamset/core. */
  databaseUri?: string;
  configPath: string;
  configFileFound: boolean;
  sources: Record<ConfigField, ConfigSource>;
}

export function defaultConfigPath(env: Environment = process.env): string {
  return nonEmpty(env[CONFIG_PATH_ENV_VAR]) ?? join(homedir(), '.fiftyone', 'config.json');
}

export function loadConfig(options: LoadConfigOptions = {}): TeamsetConfig {
  const env = options.env ?? process.env;
  const configPath = options.configPath ?? defaultConfigPath(env);
  const file = readConfigFile(configPath);

  const values: Partial<Record<ConfigField, string>> = {};
  const sources = {} as Record<ConfigField, ConfigSource>;
  for (const spec of CONFIG_FIELDS) {
    const fromEnv = nonEmpty(env[spec.envVar]);
    const fromFile = file ? fileString(file, spec.fileKey, configPath) : undefined;
    if (fromEnv !== undefined) {
      values[spec.field] = fromEnv;
      sources[spec.field] = { type: 'env', variable: spec.envVar };
    } else if (fromFile !== undefined) {
      values[spec.field] = fromFile;
      sources[spec.field] = { type: 'file', path: configPath, key: spec.fileKey };
    } else {
      sources[spec.field] = { type: 'unset' };
    }
  }

  const config: TeamsetConfig = { configPath, configFileFound: file !== undefined, sources };
  if (values.apiUri !== undefined) config.apiUri = validateApiUri(values.apiUri, sources.apiUri);
  if (values.apiKey !== undefined) config.apiKey = validateApiKey(values.apiKey, sources.apiKey);
  if (values.databaseUri !== undefined)
    config.databaseUri = validateDatabaseUri(values.databaseUri, sources.databaseUri);
  if (config.apiUri !== undefined && config.apiKey === undefined) throw missingApiKeyError(sources.apiUri, configPath);
  return config;
}

/** An empty variable counts as unset, as `FOO= cmd` is how shells commonly blank one out. */
function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** undefined when the file does not exist (that is fine: env vars or defaults apply). */
function readConfigFile(path: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : String(code ?? error);
    throw new ConfigError(`Cannot read the config file ${path}: ${reason}`, { path, cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message quotes the file's text, which may hold the API key: leave it (and the cause) out.
    throw new ConfigError(`The config file ${path} is not valid JSON`, { path });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`The config file ${path} must contain a JSON object`, { path });
  }
  return parsed as Record<string, unknown>;
}

function fileString(file: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = file[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ConfigError(`${key} in ${path} must be a string`, { path });
  return nonEmpty(value);
}
