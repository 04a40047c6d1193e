// A validation problem: where in the view (a dotted/indexed path like `stages[2].filter.args[1]`) and what is wrong.

export interface ViewProblem {
  /** Path from the view root, e.g. `stages[2].filter.args[1]`; empty for the view itself. */
  path: string;
  message: string;
}

export function keyPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** `stages[2].filter.args[1]: unknown operator "foo"` — the one-line form used in 400 responses. */
export function formatProblem(problem: ViewProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

export function formatProblems(problems: readonly ViewProblem[]): string {
  return problems.map(formatProblem).join('; ');
}
