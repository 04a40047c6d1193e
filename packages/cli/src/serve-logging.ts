// How `teamset serve` logs: level and format from the flags, else TEAMSET_LOG_LEVEL / TEAMSET_LOG_FORMAT, else info and the terminal's choice.
import { CliError, UsageError } from './cli-errors.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export function parseLogLevel(raw: string): string {
  const level = raw.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new UsageError(`log level must be one of ${LOG_LEVELS.join(', ')}, not "${raw}"`);
  return level;
}

export function parseLogFormat(raw: string): LogFormat {
  const format = raw.trim().toLowerCase();
  if (!(LOG_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`log format must be json or pretty, not "${raw}"`);
  return format as LogFormat;
}

/** serve's reader of TEAMSET_* settings: undefined when unset, a usage error naming the variable when wrong. */
export type EnvOption = <T>(name: string, parse: (raw: string) => T) => T | undefined;

export interface ServeLogging {
  level: string;
  format: LogFormat;
}

/** JSON for machines (a pipe, a file, a service manager), readable lines for a person at a terminal. */
export function serveLogging(
  flags: { logLevel?: string; logFormat?: LogFormat },
  stdoutIsTty: boolean,
  fromEnv: EnvOption,
): ServeLogging {
  return {
    level: flags.logLevel ?? fromEnv('TEAMSET_LOG_LEVEL', parseLogLevel) ?? 'info',
    format: flags.logFormat ?? fromEnv('TEAMSET_LOG_FORMAT', parseLogFormat) ?? (stdoutIsTty ? 'pretty' : 'json'),
  };
}

/** A second server on a taken port: say which flag picks another. */
export function listenError(error: unknown, port: number): unknown {
  if ((error as { code?: unknown } | null)?.code !== 'EADDRINUSE') return error;
  return new CliError(
    `port ${port} is already in use (another teamset serve?): stop that server, or choose another port with --port <n> (--port 0 picks a free one)`,
  );
}
