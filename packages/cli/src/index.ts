// @teamset/cli: the `teamset` command, also runnable in-process.
export { runCli } from './run-cli.js';
export { createProgram, CLI_VERSION } from './program.js';
export { parseDuration, parsePort, parsePositiveInt, parseRole } from './option-parsers.js';
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-errors.js';
