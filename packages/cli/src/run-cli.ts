// Runs one CLI invocation and returns its exit code: 0 ok, 2 usage error, 1 any other failure.
import { CommanderError } from 'commander';
import { createProgram } from './program.js';
import { EXIT_OK, EXIT_USAGE, errorLine, exitCodeFor } from './cli-errors.js';

/** `argv` without the node binary and script path, e.g. ['keys', 'list', '--json']. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help or its one-line error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    process.stderr.write(`${errorLine(error)}\n`);
    if (process.env.TEAMSET_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error);
  }
}
