// Request lines are debug: at the default level (info) a server's log has none, at debug each request has two.
import { Writable } from 'node:stream';
import { PATHS } from '@teamset/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/auth-fixture.js';

function collect(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
}

describe('request logging', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function logOf(level: string): Promise<string[]> {
    const lines: string[] = [];
    app = await createTestApp({ logLevel: level, logStream: collect(lines) });
    await app.app.inject({ method: 'GET', url: PATHS.health });
    await app.app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    return lines;
  }

  it('writes no line per request at info', async () => {
    const lines = await logOf('info');
    expect(lines.filter((line) => /incoming request|request completed|not found/.test(line))).toEqual([]);
  });

  it('writes the request and its answer at debug, as debug lines', async () => {
    const lines = (await logOf('debug')).map(
      (line) => JSON.parse(line) as { level: number; msg: string; req?: { url: string }; res?: { statusCode: number } },
    );
    const requests = lines.filter((line) => line.msg === 'incoming request');
    const answers = lines.filter((line) => line.msg === 'request completed');
    expect(requests.map((line) => line.req?.url)).toEqual([PATHS.health, '/api/v1/no-such-route']);
    expect(answers.map((line) => line.res?.statusCode)).toEqual([200, 404]);
    expect(new Set([...requests, ...answers].map((line) => line.level))).toEqual(new Set([20]));
  });
});
