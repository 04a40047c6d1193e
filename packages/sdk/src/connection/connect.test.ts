// Tests for connect(): api_uri picks the API connection, otherwise the database connection opens core lazily.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatApiKey } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { ApiConnection } from './api-connection.js';
import { connect } from './connect.js';
import { DatabaseConnection } from './database-connection.js';

const KEY = formatApiKey('Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0Kk1Ll2Mm');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'teamset-sdk-connect-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('connect', () => {
  it('returns an API connection when api_uri is configured', () => {
    const connection = connect({
      configPath: join(dir, 'none.json'),
      env: { FIFTYONE_API_URI: 'https://teamset.example/', FIFTYONE_API_KEY: KEY },
    });
    expect(connection).toBeInstanceOf(ApiConnection);
    expect((connection as ApiConnection).apiUri).toBe('https://teamset.example');
  });

  it('returns a database connection otherwise, which opens the database only when first used', async () => {
    const databaseUri = `sqlite:${join(dir, 'sdk.db')}`;
    const connection = connect({ configPath: join(dir, 'none.json'), env: { FIFTYONE_DATABASE_URI: databaseUri } });
    expect(connection).toBeInstanceOf(DatabaseConnection);
    const database = connection as DatabaseConnection;
    expect(database.databaseUri).toBe(databaseUri);
    const services = await database.services();
    expect(await database.services()).toBe(services);
    const user = await services.users.create(SYSTEM_ACTOR, {
      email: 'direct@example.com',
      name: 'Direct',
      role: 'ADMIN',
    });
    expect((await services.users.list(SYSTEM_ACTOR, {})).users.map((u) => u.id)).toEqual([user.id]);
    await database.close();
    await database.close(); // closing twice is harmless
  });

  it('checks explicit API settings as strictly as configured ones', () => {
    expect(() => new ApiConnection({ apiUri: 'http://localhost:5151', apiKey: '' })).toThrow(ConfigError);
    expect(() => new ApiConnection({ apiUri: 'http://localhost:5151', apiKey: 'tsk_nope' })).toThrow(
      /does not look like a Teamset API key/,
    );
    expect(() => new ApiConnection({ apiUri: 'localhost', apiKey: KEY })).toThrow(
      /api_uri \(an explicit option\) is not a URL/,
    );
  });
});
