// A refused key's error names where the key came from (FIFTYONE_API_KEY or the config file) and how to get a new one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatApiKey } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../connection/connect.js';
import type { ApiConnection } from '../connection/api-connection.js';
import { testApiConnection } from '../connection/test-api-connection.js';
import { AuthenticationError, ForbiddenError } from '../errors.js';
import { errorBody, sendJson, startTestServer, type TestServer } from '../test-support/http-test-server.js';

const KEY = formatApiKey('a'.repeat(32));

describe('a refused API key', () => {
  let server: TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'teamset-refused-key-'));
  beforeAll(async () => {
    server = await startTestServer((request, response) => {
      if (request.url === '/health') sendJson(response, 200, { status: 'available' });
      else if (request.url.startsWith('/api/v1/datasets'))
        sendJson(response, 403, errorBody('FORBIDDEN', 'Needs MANAGE'));
      else sendJson(response, 401, errorBody('UNAUTHENTICATED', 'Invalid or expired API key'));
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function refusal(connection: ApiConnection): Promise<AuthenticationError> {
    const error = await connection.http.get('/api/v1/whoami').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    return error as AuthenticationError;
  }

  it('from the environment: names FIFTYONE_API_KEY and how to get a new key', async () => {
    const connection = connect({
      env: { FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: KEY },
      configPath: join(dir, 'none.json'),
    }) as ApiConnection;
    const error = await refusal(connection);
    expect(error.message).toContain('Invalid or expired API key');
    expect(error.message).toContain('The API key from environment variable FIFTYONE_API_KEY was refused');
    expect(error.message).toContain('`teamset keys generate`');
    expect(error.message).toMatch(/put it in FIFTYONE_API_KEY\.$/);
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(KEY);
  });

  it("from the config file: names the file's path", async () => {
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ api_uri: server.url, api_key: KEY }));
    const error = await refusal(connect({ env: {}, configPath }) as ApiConnection);
    expect(error.message).toContain(`The API key from api_key in ${configPath} was refused`);
    expect(error.message).toContain(`put it in api_key in ${configPath}.`);
  });

  it('in testApiConnection too, once', async () => {
    const error = await testApiConnection({
      env: { FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: KEY },
      configPath: join(dir, 'none.json'),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    const message = (error as Error).message;
    expect(message).toContain('rejected the API key');
    expect(message.split('FIFTYONE_API_KEY').length - 1).toBe(2);
  });

  it('leaves other errors as they are', async () => {
    const connection = connect({
      env: { FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: KEY },
      configPath: join(dir, 'none.json'),
    }) as ApiConnection;
    const error = await connection.http.get('/api/v1/datasets/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toBe('Needs MANAGE');
  });
});
