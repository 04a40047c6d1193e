#!/usr/bin/env node
// The `teamset` executable: runs the CLI on this process's arguments and exits with its code.
import { runCli } from './run-cli.js';

// exitCode, not exit(): stdout may still be flushing into a pipe.
process.exitCode = await runCli(process.argv.slice(2));
