// An import's problems for a person: the first ones on stderr with the total, and every one in a file when asked.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ImportProblem } from '@teamset/sdk';

/** Enough to see the pattern on a terminal; the file has the rest. */
export const PROBLEMS_ON_TERMINAL = 20;

/** `problems` as the SDK lists them (a trailing "… and N more" line when it stopped listing); `total` counts them all. */
export function problemLines(problems: readonly string[], total: number, problemsFile: string | undefined): string[] {
  const listed = problems.filter((problem) => !problem.startsWith('… and '));
  const shown = listed.slice(0, PROBLEMS_ON_TERMINAL);
  const lines = shown.map((problem, index) => `teamset: problem ${index + 1} of ${total}: ${problem}`);
  if (problemsFile !== undefined) lines.push(`teamset: all ${total} problems are in ${problemsFile}`);
  else if (total > shown.length)
    lines.push(`teamset: ${total - shown.length} more not shown: --problems-file <file> writes them to a file`);
  return lines;
}

/**
 * Writes every problem of an import to `path` as it is found, one a line (warnings of skipped items too, marked
 * so), however many there are: the SDK's own lists stop at 100 of each kind. The file is made at the first problem.
 */
export class ProblemsFile {
  #fd: number | undefined;
  #count = 0;

  constructor(readonly path: string) {}

  readonly add = (problem: ImportProblem): void => {
    this.#fd ??= openSync(this.path, 'w');
    writeSync(this.#fd, `${problem.kind === 'warning' ? 'warning: ' : ''}${problem.message}\n`);
    this.#count++;
  };

  /** Problems written so far. */
  get count(): number {
    return this.#count;
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}
