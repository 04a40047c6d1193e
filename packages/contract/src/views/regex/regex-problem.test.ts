// The accepted regex syntax: what passes, what is refused and why, the limits on length and repeat counts.
import { describe, expect, it } from 'vitest';
import { regexProblem } from './regex-problem.js';

const check = (pattern: string) => regexProblem(pattern, 200);

describe('regexProblem', () => {
  it('accepts the shared syntax', () => {
    for (const pattern of [
      '^/data/.*\\.jpg$',
      'cat|dog',
      '(cat|dog)s?',
      '[a-z]+_[0-9]{2,4}',
      '(?:ab)+',
      '(ab?)+',
      '[(+*]+',
      '\\(a+\\)+',
      'a{2}',
      '(a{1})+',
      'a{2,}b{0,3}?c*?d+?e??',
      '[^\\d\\s]\\W\\D\\S\\w',
      '[-a]|[a-]|[a\\-z]|[\\]\\[\\\\^]',
      'x\\{1\\}|a}|b]',
      '\\n\\r\\t\\f\\v\\x41\\u00e9',
      'a/b\\/c',
      'é+|😀|[à-ÿ]',
      '',
      '()|(?:)|a|',
      '.*.*.*.*.*.*x',
    ]) {
      expect(check(pattern), pattern).toBeUndefined();
    }
  });

  it('accepts nested quantifiers: both engines run them in linear time', () => {
    for (const pattern of ['(a+)+', '(a*)*', '(\\w+\\s?)*$', '(?:a+){2,}', '(x+x+)+y'])
      expect(check(pattern), pattern).toBeUndefined();
  });

  it('refuses what one engine reads differently or cannot run, saying why', () => {
    const refused: Array<[string, RegExp]> = [
      ['(a)\\1', /backreferences are not allowed/],
      ['(?<x>a)\\k<x>', /named groups/],
      ['\\bcat\\b', /word boundaries .* backspace/],
      ['(?=a)b', /lookahead/],
      ['(?!a)b', /lookahead/],
      ['(?<=a)b', /lookbehind/],
      ['(?<!a)b', /lookbehind/],
      ['(?P<x>a)', /named groups/],
      ['(?i)cat', /no inline flags/],
      ['\\p{L}', /Unicode property classes/],
      ['[[:alpha:]]', /POSIX classes/],
      ['[]a]', /empty class/],
      ['[^]', /empty class/],
      ['x{', /repeat count such as/],
      ['x{,3}', /repeat count such as/],
      ['\\Aa\\z', /use \^/],
      ['\\q', /unsupported escape \\q/],
      ['\\é', /unsupported escape/],
      ['\\0', /\\x00/],
      ['\\x4', /exactly 2 hexadecimal/],
      ['\\ud800', /surrogate/],
      ['a**', /cannot follow another/],
      ['a*+', /cannot follow another/],
      ['a{2}{3}', /cannot follow another/],
      ['*a', /nothing to repeat/],
      ['a|+', /nothing to repeat/],
      ['^*', /nothing to repeat/],
      ['[a-c-e]', /literal - in a class/],
      ['[z-a]', /out of order/],
      ['[a-\\d]', /cannot end in a class shorthand/],
      ['a{3,2}', /minimum above its maximum/],
      ['(', /missing \)/],
      ['a)', /unmatched \)/],
      ['[', /missing \]/],
      ['\\', /lone backslash/],
    ];
    for (const [pattern, message] of refused) {
      const problem = check(pattern);
      expect(problem, pattern).toMatch(/^invalid regex: /);
      expect(problem, pattern).toMatch(message);
    }
  });

  it('says where the problem is', () => {
    expect(check('ab\\1')).toBe('invalid regex: backreferences are not allowed (at character 3)');
  });

  it('refuses repeat counts PostgreSQL or RE2 would refuse', () => {
    expect(check('a{255}')).toBeUndefined();
    expect(check('a{256}')).toBe('invalid regex: repetition count 256 is over 255 (at character 2)');
    expect(check('a{1,5000}')).toMatch(/5000 is over 255/);
    expect(check('(a{10}){100}')).toBeUndefined();
    expect(check('((a{10}){10}){11}')).toMatch(/multiply to 1100; the limit is 1000/);
  });

  it('refuses over-long patterns', () => {
    expect(regexProblem('abc', 2)).toBe('regex is 3 characters; the limit is 2');
  });
});
