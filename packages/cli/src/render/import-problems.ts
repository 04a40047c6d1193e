// An import's problems for a person: the first ones on stderr with the total, or every listed one in a file.
import { writeFileSync } from 'node:fs';

/** Enough to see the pattern on a terminal; the file has the rest. */
export const PROBLEMS_ON_TERMINAL = 20;

/** `problems` as the SDK lists them (a trailing "… and N more" line when it stopped listing); `total` counts them all. */
export function problemLines(problems: readonly string[], total: number, problemsFile: string | undefined): string[] {
  const listed = problems.filter((problem) => !problem.startsWith('… and '));
  const shown = listed.slice(0, PROBLEMS_ON_TERMINAL);
  const lines = shown.map((problem, index) => `teamset: problem ${index + 1} of ${total}: ${problem}`);
  if (problemsFile !== undefined)
    lines.push(
      `teamset: ${listed.length === total ? 'all' : `the first ${listed.length} of`} ${total} problems are in ${problemsFile}`,
    );
  else if (total > shown.length)
    lines.push(`teamset: ${total - shown.length} more not shown: --problems-file <file> writes them to a file`);
  return lines;
}

/** One problem a line, with the SDK's count line when it listed fewer than it found. */
export function writeProblemsFile(path: string, problems: readonly string[]): void {
  writeFileSync(path, problems.map((problem) => `${problem}\n`).join(''));
}
