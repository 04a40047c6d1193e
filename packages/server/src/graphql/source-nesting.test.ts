// sourceNesting counts brackets as graphql reads them: strings, block strings and comments hold none.
import { describe, expect, it } from 'vitest';
import { sourceNesting } from './source-nesting.js';

describe('sourceNesting', () => {
  it('counts {, [ and ( together', () => {
    expect(sourceNesting('{viewer{id}}')).toBe(2);
    expect(sourceNesting('query($ids: [[String!]]){a(x: {y: [1]}){b}}')).toBe(4);
    expect(sourceNesting('')).toBe(0);
  });

  it('skips brackets inside strings (with escaped quotes), block strings and comments', () => {
    const open = '{'.repeat(50);
    expect(sourceNesting(`{user(id: "${open} \\" ${open}"){id}}`)).toBe(2);
    expect(sourceNesting(`{user(id: """${open} \\""" ${open} """){id}}`)).toBe(2);
    expect(sourceNesting(`# ${open}\n{viewer{id}} # ${open}`)).toBe(2);
  });

  it('an unterminated string or stray closers end the count, not the scan', () => {
    expect(sourceNesting('}}}{viewer{id')).toBe(2);
    expect(sourceNesting(`{a(x: "${'{'.repeat(10)}`)).toBe(2);
  });
});
