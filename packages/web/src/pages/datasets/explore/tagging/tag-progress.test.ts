// What the tag popover says while a request runs, and the tokens it names requests by.
import { describe, expect, it } from 'vitest';
import { describeProgress, progressToken } from './tag-progress';

describe('tag progress', () => {
  it('says "finding the samples" until the total is known, then done of total in full numbers', () => {
    expect(describeProgress('Tagging', undefined)).toBe('Finding the samples…');
    expect(describeProgress('Tagging', { state: 'running', done: 0, total: 0 })).toBe('Finding the samples…');
    expect(describeProgress('Untagging', { state: 'running', done: 20_000, total: 120_000 })).toBe(
      'Untagging 20,000 of 120,000 samples',
    );
  });

  it('names each request with a fresh token the server accepts', () => {
    const token = progressToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(progressToken()).not.toBe(token);
  });
});
