// What an import's readers report problems to, and how many of each kind are listed word for word.

/** How many problems of each kind are kept word for word; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 100;

/** What a reader reports problems to: the import's ProblemLog itself, or a ProblemRecord. */
export interface ProblemSink {
  invalid(message: string): void;
  warn(message: string): void;
  warnOnce(key: string, message: string): void;
  fatal(message: string): never;
}
