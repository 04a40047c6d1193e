// pino's JSON lines made readable on a terminal: time, level, message, then the other fields compactly.
import { Writable } from 'node:stream';

const LEVELS: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every line has, or that the line's start already shows. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'req', 'res', 'responseTime', 'reqId']);

interface LogRecord {
  level?: number;
  time?: number;
  msg?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [field: string]: unknown;
}

/** One JSON log line as one readable line; a line that is not JSON is passed on as it is. */
export function formatLogLine(line: string): string {
  let record: LogRecord;
  try {
    record = JSON.parse(line) as LogRecord;
  } catch {
    return line;
  }
  const time = new Date(record.time ?? Date.now()).toISOString().slice(11, 19);
  const level = (LEVELS[record.level ?? 30] ?? String(record.level)).padEnd(5);
  const parts = [time, level, record.msg ?? ''];
  if (record.req?.method) parts.push(`${record.req.method} ${record.req.url ?? ''}`);
  if (record.res?.statusCode !== undefined) parts.push(String(record.res.statusCode));
  if (typeof record.responseTime === 'number') parts.push(`${record.responseTime.toFixed(1)} ms`);
  const rest = Object.fromEntries(Object.entries(record).filter(([field]) => !SHOWN.has(field)));
  if (Object.keys(rest).length > 0) parts.push(JSON.stringify(rest));
  return parts.join('  ');
}

/** A stream for the server's logStream option that writes readable lines to `target` (a terminal). */
export function prettyLogStream(target: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      pending += String(chunk);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line !== '') target.write(`${formatLogLine(line)}\n`);
      callback();
    },
  });
}
