// Problems recorded stretch by stretch and replayed give the log exactly what reporting them directly would.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './invalid-input-error.js';
import { ProblemLog } from './problem-log.js';
import { ProblemRecord, replayProblems } from './problem-record.js';
import type { ProblemSink } from './problem-sink.js';

type Call = (sink: ProblemSink) => void;

/** The log's whole output: errors thrown (listed and counted) and warnings. */
function outcome(log: ProblemLog) {
  let errors: string[] = [];
  try {
    log.throwIfErrors();
  } catch (error) {
    errors = [(error as InvalidInputError).message, ...(error as InvalidInputError).problems];
  }
  return { errors, errorCount: log.errorCount, warnings: log.warnings() };
}

describe('ProblemRecord', () => {
  // A fixed mix with runs of each kind long enough to pass the listing cap inside one stretch.
  const calls: Call[] = [];
  for (let i = 0; i < 900; i++) {
    if (i % 3 === 0 || (i > 300 && i < 520)) calls.push((s) => s.invalid(`bad ${i}`));
    else if (i % 3 === 1 || (i > 600 && i < 760)) calls.push((s) => s.warn(`warn ${i}`));
    else calls.push((s) => s.warnOnce(`key ${i % 7}`, `once ${i}`));
  }

  for (const skipInvalid of [false, true]) {
    it(`replays stretches as if reported directly (skipInvalid: ${skipInvalid})`, () => {
      const direct = new ProblemLog(skipInvalid);
      for (const call of calls) call(direct);
      for (const stretch of [1, 37, 250, 900]) {
        const replayed = new ProblemLog(skipInvalid);
        for (let start = 0; start < calls.length; start += stretch) {
          const record = new ProblemRecord();
          for (const call of calls.slice(start, start + stretch)) call(record);
          replayProblems(record.toData(), replayed);
        }
        expect(outcome(replayed)).toEqual(outcome(direct));
      }
    });
  }

  it('keeps at most 100 of each kind word for word and counts the rest', () => {
    const record = new ProblemRecord();
    for (let i = 0; i < 250; i++) record.invalid(`bad ${i}`);
    for (let i = 0; i < 120; i++) record.warn(`warn ${i}`);
    const data = record.toData();
    expect(data.entries).toHaveLength(200);
    expect([data.moreInvalid, data.moreWarnings]).toEqual([150, 20]);
    expect(() => record.fatal('broken')).toThrow(InvalidInputError);
  });
});
