// Printing a parsed regex for RE2 and PostgreSQL: explicit classes and escapes, case variants spelled out.
import { describe, expect, it } from 'vitest';
import { parseViewRegex } from './parse-regex.js';
import { printViewRegex } from './print-regex.js';

const both = (pattern: string, ignoreCase = false) => {
  const tree = parseViewRegex(pattern);
  return { re2: printViewRegex(tree, 're2', ignoreCase), postgres: printViewRegex(tree, 'postgres', ignoreCase) };
};

describe('printViewRegex', () => {
  it('prints letters and digits as themselves and everything else as a hex escape', () => {
    expect(both('a1.b')).toEqual({
      re2: 'a1[\\x{0}-\\x{9}\\x{b}-\\x{10ffff}]b',
      postgres: 'a1[\\u0000-\\u0009\\u000b-\\U0010ffff]b',
    });
    expect(both('\\.é😀')).toEqual({ re2: '\\x{2e}\\x{e9}\\x{1f600}', postgres: '\\u002e\\u00e9\\U0001f600' });
  });

  it('spells out the shorthand classes as ASCII ranges', () => {
    expect(both('\\d\\w\\s').re2).toBe('[0-9][0-9A-Z\\x{5f}a-z][\\x{9}-\\x{d}\\x{20}]');
    expect(both('[^\\d]').postgres).toBe('[\\u0000-\\u002f\\u003a-\\U0010ffff]');
  });

  it('keeps structure: groups become non-capturing, laziness is dropped, anchors stay', () => {
    expect(both('^(ab|c)+?d{2,3}$').re2).toBe('^(?:ab|c)+d{2,3}$');
    expect(both('a(b|)').postgres).toBe('a(?:b|(?:))');
    expect(both('(a*)*').re2).toBe('(?:a*)*');
  });

  it('spells ignore_case as classes of case variants, Unicode letters included', () => {
    expect(both('a', true).re2).toBe('[Aa]');
    expect(both('é', true).postgres).toBe('[\\u00c9\\u00e9]');
    expect(both('k', true).re2).toBe('[Kk\\x{212a}]');
    expect(both('[a-c]', true).re2).toBe('[A-Ca-c]');
    expect(both('[^a]', true).re2).toBe('[\\x{0}-\\x{40}B-\\x{60}b-\\x{10ffff}]');
    // The shorthand classes stay ASCII.
    expect(both('\\w', true).re2).toBe('[0-9A-Z\\x{5f}a-z]');
  });

  it('prints a class that matches nothing so that it matches nothing', () => {
    expect(both('[^\\s\\S]').re2).toBe('[^\\x{0}-\\x{10ffff}]');
  });
});
