// Tests for loadConfig: file vs environment precedence, FIFTYONE_CONFIG_PATH, and the clear errors of docs/design.md §4.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatApiKey } from '@teamset/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { loadConfig } from './load-config.js';

const KEY_A = formatApiKey('A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6');
const KEY_B = formatApiKey('Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp');

let dir: string;
let configPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'teamset-sdk-config-'));
  configPath = join(dir, 'config.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(content: unknown): void {
  writeFileSync(configPath, typeof content === 'string' ? content : JSON.stringify(content));
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads api_uri, api_key and database_uri from the file named by FIFTYONE_CONFIG_PATH', () => {
    writeConfig({
      api_uri: 'http://teamset.example:5151/',
      api_key: KEY_A,
      database_uri: 'sqlite:/tmp/x.db',
      other_fiftyone_setting: 3,
    });
    const config = loadConfig({ env: { FIFTYONE_CONFIG_PATH: configPath } });
    expect(config).toMatchObject({
      apiUri: 'http://teamset.example:5151',
      apiKey: KEY_A,
      databaseUri: 'sqlite:/tmp/x.db',
      configPath,
      configFileFound: true,
    });
    expect(config.sources.apiKey).toEqual({ type: 'file', path: configPath, key: 'api_key' });
  });

  it('lets each environment variable override its field in the file', () => {
    writeConfig({ api_uri: 'http://file.example', api_key: KEY_A, database_uri: 'sqlite:/tmp/file.db' });
    const config = loadConfig({
      env: {
        FIFTYONE_CONFIG_PATH: configPath,
        FIFTYONE_API_KEY: KEY_B,
        FIFTYONE_DATABASE_URI: 'postgres://db/teamset',
      },
    });
    expect(config.apiUri).toBe('http://file.example');
    expect(config.apiKey).toBe(KEY_B);
    expect(config.databaseUri).toBe('postgres://db/teamset');
    expect(config.sources).toEqual({
      apiUri: { type: 'file', path: configPath, key: 'api_uri' },
      apiKey: { type: 'env', variable: 'FIFTYONE_API_KEY' },
      databaseUri: { type: 'env', variable: 'FIFTYONE_DATABASE_URI' },
    });
  });

  it('treats an empty environment variable as unset', () => {
    writeConfig({ api_uri: 'http://file.example', api_key: KEY_A });
    const config = loadConfig({ env: { FIFTYONE_CONFIG_PATH: configPath, FIFTYONE_API_KEY: '' } });
    expect(config.apiKey).toBe(KEY_A);
  });

  it('accepts a missing file: nothing is configured, which means the database connection', () => {
    const config = loadConfig({ env: { FIFTYONE_CONFIG_PATH: join(dir, 'absent.json') } });
    expect(config.configFileFound).toBe(false);
    expect(config.apiUri).toBeUndefined();
    expect(config.databaseUri).toBeUndefined();
    expect(config.sources.apiUri).toEqual({ type: 'unset' });
  });

  it('prefers an explicit configPath over FIFTYONE_CONFIG_PATH', () => {
    writeConfig({ database_uri: 'sqlite:/tmp/explicit.db' });
    const config = loadConfig({ configPath, env: { FIFTYONE_CONFIG_PATH: join(dir, 'other.json') } });
    expect(config.databaseUri).toBe('sqlite:/tmp/explicit.db');
  });

  it('names the file when it is not valid JSON, without quoting its content', () => {
    writeConfig(`{"api_key": "${KEY_A}",}`);
    const error = configError(() => loadConfig({ env: { FIFTYONE_CONFIG_PATH: configPath } }));
    expect(error.message).toContain(configPath);
    expect(error.message).toContain('not valid JSON');
    expect(error.message).not.toContain(KEY_A);
    expect(error.cause).toBeUndefined();
  });

  it('rejects a file that is not a JSON object, and a field that is not a string', () => {
    writeConfig('[1, 2]');
    expect(configError(() => loadConfig({ configPath })).message).toContain('must contain a JSON object');
    writeConfig({ api_uri: 5151 });
    expect(configError(() => loadConfig({ configPath })).message).toBe(`api_uri in ${configPath} must be a string`);
  });

  it.skipIf(process.getuid?.() === 0)('names the file when it cannot be read', () => {
    writeConfig({});
    chmodSync(configPath, 0o000);
    const error = configError(() => loadConfig({ configPath }));
    expect(error.message).toBe(`Cannot read the config file ${configPath}: permission denied`);
  });

  it('names the file when the path is a directory', () => {
    const error = configError(() => loadConfig({ configPath: dir }));
    expect(error.message).toContain(dir);
  });

  it('refuses api_uri without an API key and says how to set one', () => {
    const error = configError(() => loadConfig({ configPath, env: { FIFTYONE_API_URI: 'http://localhost:5151' } }));
    expect(error.message).toContain('environment variable FIFTYONE_API_URI');
    expect(error.message).toContain('set FIFTYONE_API_KEY or api_key in');
    expect(error.message).toContain(configPath);
  });

  it('refuses a malformed key without echoing it', () => {
    const typo = KEY_A.slice(0, -1) + (KEY_A.endsWith('x') ? 'y' : 'x');
    const error = configError(() =>
      loadConfig({ configPath, env: { FIFTYONE_API_URI: 'http://localhost:5151', FIFTYONE_API_KEY: typo } }),
    );
    expect(error.message).toContain('does not look like a Teamset API key');
    expect(error.message).toContain('FIFTYONE_API_KEY');
    expect(error.message).not.toContain(typo);
    expect(error.message).not.toContain(typo.slice(4, 20));
  });

  it('requires api_uri to be an http(s) URL, without echoing the value', () => {
    for (const bad of ['localhost:5151/x', 'ftp://host', KEY_A, 'http://user:secret@host', 'http://host/?a=1']) {
      const error = configError(() =>
        loadConfig({ configPath, env: { FIFTYONE_API_URI: bad, FIFTYONE_API_KEY: KEY_A } }),
      );
      expect(error.message).toMatch(/^api_uri \(environment variable FIFTYONE_API_URI\)/);
      expect(error.message).not.toContain(KEY_A);
      expect(error.message).not.toContain('secret');
    }
  });

  it('requires database_uri to be sqlite: or postgres://', () => {
    writeConfig({ database_uri: 'mongodb://localhost/fiftyone' });
    const error = configError(() => loadConfig({ configPath }));
    expect(error.message).toContain(`database_uri in ${configPath}`);
    expect(error.path).toBe(configPath);
  });
});
