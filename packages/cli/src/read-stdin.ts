// Reads a secret piped on stdin (`--password-stdin`), so it never appears in argv, shell history or `ps`.
import { UsageError } from './cli-errors.js';

export async function readSecretFromStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) {
    // Typing it here would echo it on screen; piping keeps it out of sight.
    throw new UsageError(`--${what}-stdin reads the ${what} from a pipe, e.g. printf '%s' "$PASSWORD" | teamset …`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only one trailing newline goes: the one `echo` adds. Other whitespace may be part of the secret.
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (secret === '') throw new UsageError(`--${what}-stdin was given but stdin was empty`);
  return secret;
}
