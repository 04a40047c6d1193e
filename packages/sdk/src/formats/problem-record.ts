// Problems noted while reading one stretch of a file, kept to be added to the import's ProblemLog later, in file order.
import { InvalidInputError } from './invalid-input-error.js';
import type { ProblemLog } from './problem-log.js';
import { MAX_LISTED_PROBLEMS, type ProblemSink } from './problem-sink.js';

type Entry = { kind: 'invalid' | 'warn'; message: string } | { kind: 'warnOnce'; key: string; message: string };

/** A ProblemRecord as plain data, to post from a worker thread. */
export interface ProblemRecordData {
  entries: Entry[];
  moreInvalid: number;
  moreWarnings: number;
}

/**
 * Stretches of a file read out of order (on another thread) must still report their problems in the file's
 * order: each stretch records them here and they are replayed into the log stretch by stretch. At most
 * MAX_LISTED_PROBLEMS of each kind are kept word for word, as the log itself would list no more (unless it is
 * told of every problem): the ones after them are only counted.
 */
export class ProblemRecord implements ProblemSink {
  readonly #data: ProblemRecordData = { entries: [], moreInvalid: 0, moreWarnings: 0 };
  #invalid = 0;
  #warnings = 0;
  readonly #once = new Set<string>();

  /** `listed`: the log's own (ProblemLog.listed), Infinity when it is told of every problem. */
  constructor(private readonly listed: number = MAX_LISTED_PROBLEMS) {}

  invalid(message: string): void {
    if (this.#invalid++ < this.listed) this.#data.entries.push({ kind: 'invalid', message });
    else this.#data.moreInvalid++;
  }

  warn(message: string): void {
    if (this.#warnings++ < this.listed) this.#data.entries.push({ kind: 'warn', message });
    else this.#data.moreWarnings++;
  }

  warnOnce(key: string, message: string): void {
    // The log decides whether it is the first time over the whole file; here each key need only be kept once.
    if (this.#once.has(key)) return;
    this.#once.add(key);
    this.#data.entries.push({ kind: 'warnOnce', key, message });
  }

  fatal(message: string): never {
    throw new InvalidInputError([message]);
  }

  toData(): ProblemRecordData {
    return this.#data;
  }
}

/** Adds recorded problems to `log` as if they had been reported to it directly. */
export function replayProblems(data: ProblemRecordData, log: ProblemLog): void {
  for (const entry of data.entries) {
    if (entry.kind === 'warnOnce') log.warnOnce(entry.key, entry.message);
    else if (entry.kind === 'invalid') log.invalid(entry.message);
    else log.warn(entry.message);
  }
  log.countUnlisted(data.moreInvalid, data.moreWarnings);
}
