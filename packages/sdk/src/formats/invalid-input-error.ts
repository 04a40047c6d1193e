// The error an import throws for input it cannot take: every problem found, the first one in the message.
import { BadRequestError } from '../errors.js';

export class InvalidInputError extends BadRequestError {
  override name = 'InvalidInputError';
  /** Each problem as `file: path: what was expected`, at most MAX_LISTED_PROBLEMS plus a count line. */
  readonly problems: string[];
  /** True when every problem is an invalid item that skipInvalid would skip; false for input that cannot be read at all. */
  readonly skippable: boolean;
  /** How many problems were found, listed or not. */
  readonly total: number;

  constructor(problems: readonly string[], options: { total?: number; skippable?: boolean } = {}) {
    const total = options.total ?? problems.length;
    const first = problems[0] ?? 'invalid input';
    const more = total > 1 ? ` (and ${total - 1} more problem${total === 2 ? '' : 's'})` : '';
    // No HTTP status: the input was refused before anything was sent.
    super(`${first}${more}`, { status: null, details: { problems: [...problems] } });
    this.problems = [...problems];
    this.skippable = options.skippable ?? false;
    this.total = total;
  }
}
