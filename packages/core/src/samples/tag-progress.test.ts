// The in-process board of tagging progress: start, advance, finish, forget after a while, and a bounded size.
import { describe, expect, it } from 'vitest';
import { TagProgressBoard } from './tag-progress.js';

describe('TagProgressBoard', () => {
  it('tracks one request from start to finish and forgets it a minute later', () => {
    let now = 1_000;
    const board = new TagProgressBoard(() => now);
    expect(board.read('a')).toBeUndefined();
    board.start('a', 0);
    expect(board.read('a')).toEqual({ done: 0, total: 0, finished: false });
    board.start('a', 25_000);
    board.advance('a', 10_000);
    expect(board.read('a')).toEqual({ done: 10_000, total: 25_000, finished: false });
    board.advance('a', 99_999);
    expect(board.read('a')?.done).toBe(25_000);
    board.finish('a', true);
    expect(board.read('a')).toEqual({ done: 25_000, total: 25_000, finished: true });
    now += 59_000;
    expect(board.read('a')?.finished).toBe(true);
    now += 2_000;
    expect(board.read('a')).toBeUndefined();
  });

  it('a failed request finishes where it stopped; running ones never expire; the oldest go past 1,000', () => {
    let now = 0;
    const board = new TagProgressBoard(() => now);
    board.start('failed', 10);
    board.advance('failed', 4);
    board.finish('failed', false);
    expect(board.read('failed')).toEqual({ done: 4, total: 10, finished: true });
    board.start('running', 10);
    now += 3_600_000;
    expect(board.read('running')?.finished).toBe(false);
    for (let i = 0; i < 1_000; i++) board.start(`k${i}`, 1);
    expect(board.read('running')).toBeUndefined();
    expect(board.read('k999')).toEqual({ done: 0, total: 1, finished: false });
  });
});
