// CLI failure kinds and their exit codes: 2 for a mistake in the command line, 1 for everything else.

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line itself is wrong (bad value, missing option): exit 2, like commander's own parse errors. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command was well formed but cannot be done in this situation (e.g. needs a server that is not configured). */
export class CliError extends Error {
  override name = 'CliError';
}

/** One line, whatever the error: scripts read the first line of stderr, people read one sentence. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
  const requestId = (error as { requestId?: unknown } | null)?.requestId;
  // For server-side failures the request id is what lets an admin find the log entry.
  const status = (error as { status?: unknown } | null)?.status;
  const suffix =
    typeof requestId === 'string' && typeof status === 'number' && status >= 500 ? ` (request id ${requestId})` : '';
  return `teamset: error: ${oneLine}${suffix}`;
}

export function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}
