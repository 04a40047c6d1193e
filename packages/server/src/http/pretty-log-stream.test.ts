// Readable log lines for a terminal: time, level and message first, request lines compact, other fields kept.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatLogLine, prettyLogStream } from './pretty-log-stream.js';

const TIME = Date.UTC(2026, 0, 2, 3, 4, 5);

describe('formatLogLine', () => {
  it('shows time, level and message, and the fields a reader needs', () => {
    const line = JSON.stringify({ level: 40, time: TIME, pid: 1, hostname: 'h', msg: 'slow query', dataset: 'birds' });
    expect(formatLogLine(line)).toBe('03:04:05  WARN   slow query  {"dataset":"birds"}');
  });

  it('writes a request line as method, path, status and time', () => {
    const line = JSON.stringify({
      level: 20,
      time: TIME,
      reqId: 'r',
      msg: 'request completed',
      req: { method: 'GET', url: '/health' },
      res: { statusCode: 200 },
      responseTime: 1.234,
    });
    expect(formatLogLine(line)).toBe('03:04:05  DEBUG  request completed  GET /health  200  1.2 ms');
  });

  it('passes on what is not JSON', () => {
    expect(formatLogLine('plain text')).toBe('plain text');
  });
});

describe('prettyLogStream', () => {
  it('formats whole lines, also when they arrive in pieces', async () => {
    const target = new PassThrough();
    let out = '';
    target.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const stream = prettyLogStream(target);
    const line = JSON.stringify({ level: 30, time: TIME, msg: 'hello' });
    await new Promise<void>((resolve) => stream.write(line.slice(0, 10), () => resolve()));
    await new Promise<void>((resolve) => stream.write(`${line.slice(10)}\n`, () => resolve()));
    expect(out).toBe('03:04:05  INFO   hello\n');
  });
});
