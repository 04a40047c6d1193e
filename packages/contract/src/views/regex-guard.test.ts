// Regex guard: accepts ordinary patterns, refuses exponential shapes, backreferences, huge counts, bad syntax, long input.
import { describe, expect, it } from 'vitest';
import { regexProblem } from './regex-guard.js';

const check = (pattern: string) => regexProblem(pattern, 200);

describe('regexProblem', () => {
  it('accepts ordinary patterns', () => {
    for (const pattern of [
      '^/data/.*\\.jpg$',
      'cat|dog',
      '(cat|dog)s?',
      '[a-z]+_[0-9]{2,4}',
      '(?:ab)+',
      '(ab?)+',
      '(?<year>\\d{4})-\\d{2}',
      '(?<=x)y',
      '(?!foo)bar',
      '[(+*]+',
      '\\(a+\\)+',
      'a{2}',
      '(a{1})+',
      'x{',
    ]) {
      expect(check(pattern), pattern).toBeUndefined();
    }
  });

  it('refuses nested quantifiers, however written', () => {
    for (const pattern of ['(a+)+', '(a*)*', '(a+)*', '(\\w+\\s?)*$', '((ab)+c)+', '(?:a+){2,}', '([a-z]+)+x', '(a{1,5})+', '(x+x+)+y', '(a+)+?']) {
      expect(check(pattern), pattern).toMatch(/nested quantifier/);
    }
  });

  it('refuses backreferences', () => {
    expect(check('(a)\\1')).toBe('backreferences are not allowed');
    expect(check('(?<x>a)\\k<x>')).toBe('backreferences are not allowed');
  });

  it('refuses huge repetition counts', () => {
    expect(check('a{1001}')).toBe('repetition count 1001 is over 1000');
    expect(check('a{1,5000}')).toMatch(/5000/);
    expect(check('a{1000}')).toBeUndefined();
  });

  it('refuses syntax errors and over-long patterns', () => {
    expect(check('(')).toMatch(/^invalid regex/);
    expect(check('[')).toMatch(/^invalid regex/);
    expect(regexProblem('abc', 2)).toBe('regex is 3 characters; the limit is 2');
  });
});
