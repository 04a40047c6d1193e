// Collects what is wrong with an import's input: fatal errors, skippable invalid items and warnings, listed with a cap.
import { InvalidInputError } from './invalid-input-error.js';
import { MAX_LISTED_PROBLEMS, type ProblemSink } from './problem-sink.js';
import type { ImportProblem } from './transfer-types.js';

export class ProblemLog implements ProblemSink {
  readonly #errors: string[] = [];
  #errorCount = 0;
  readonly #warnings: string[] = [];
  #warningCount = 0;
  /** Warnings given once per key (e.g. one per unsupported attribute name), however often they occur. */
  readonly #once = new Set<string>();

  constructor(
    readonly skipInvalid: boolean,
    private readonly onProblem?: (problem: ImportProblem) => void,
  ) {}

  /** How many problems of each kind a stretch read apart (ProblemRecord) must keep word for word for this log. */
  get listed(): number {
    return this.onProblem ? Infinity : MAX_LISTED_PROBLEMS;
  }

  /**
   * An invalid item (annotation, image, label line): an error, or with skipInvalid a warning. Either way the
   * caller leaves the item out; without skipInvalid nothing is imported in the end (throwIfErrors).
   */
  invalid(message: string): void {
    if (this.skipInvalid) this.warn(`${message} (skipped)`);
    else {
      this.#errorCount++;
      if (this.#errors.length < MAX_LISTED_PROBLEMS) this.#errors.push(message);
      this.onProblem?.({ kind: 'error', message });
    }
  }

  /** Something the input cannot be read without: thrown at once, skipInvalid or not. */
  fatal(message: string): never {
    throw new InvalidInputError([message]);
  }

  warn(message: string): void {
    this.#warningCount++;
    if (this.#warnings.length < MAX_LISTED_PROBLEMS) this.#warnings.push(message);
    this.onProblem?.({ kind: 'warning', message });
  }

  /** A warning given at most once for `key`. */
  warnOnce(key: string, message: string): void {
    if (this.#once.has(key)) return;
    this.#once.add(key);
    this.warn(message);
  }

  /** Counts problems that come after others of their kind already listed in full (see ProblemRecord). */
  countUnlisted(invalid: number, warnings: number): void {
    if (this.skipInvalid) this.#warningCount += invalid;
    else this.#errorCount += invalid;
    this.#warningCount += warnings;
  }

  get errorCount(): number {
    return this.#errorCount;
  }

  throwIfErrors(): void {
    if (this.#errorCount === 0) return;
    const listed = [...this.#errors];
    if (this.#errorCount > listed.length) listed.push(`… and ${this.#errorCount - listed.length} more`);
    throw new InvalidInputError(listed, { total: this.#errorCount, skippable: true });
  }

  /** The warnings, with a count line when some were not listed. */
  warnings(): string[] {
    const listed = [...this.#warnings];
    if (this.#warningCount > listed.length) listed.push(`… and ${this.#warningCount - listed.length} more warnings`);
    return listed;
  }
}
