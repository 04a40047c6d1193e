// Parses a view regex in the one accepted syntax (a subset meaning the same on RE2 and PostgreSQL) into a tree.
import { charSet, complement, union, type CharSet, type CodeRange } from './char-set.js';
import { RegexSyntaxError } from './regex-syntax-error.js';
import { MAX_REGEX_NESTED_REPEAT, MAX_REGEX_REPEAT, type RegexClass, type RegexNode } from './regex-tree.js';

const DIGIT: CharSet = [[0x30, 0x39]];
const WORD: CharSet = charSet([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
/** Tab, newline, vertical tab, form feed, carriage return, space: ASCII only, whatever the database's locale. */
const SPACE: CharSet = charSet([
  [0x09, 0x0d],
  [0x20, 0x20],
]);
const NEWLINE = 0x0a;

const SHORTHANDS: Record<string, { set: CharSet; negated: boolean }> = {
  d: { set: DIGIT, negated: false },
  D: { set: DIGIT, negated: true },
  w: { set: WORD, negated: false },
  W: { set: WORD, negated: true },
  s: { set: SPACE, negated: false },
  S: { set: SPACE, negated: true },
};

const CONTROL_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, f: 0x0c, v: 0x0b };

/** Why an escape is refused, for the letters whose meaning differs between engines or that have none here. */
const REFUSED_ESCAPES: Record<string, string> = {
  b: 'word boundaries (\\b, \\B) are not supported: PostgreSQL reads \\b as a backspace',
  B: 'word boundaries (\\b, \\B) are not supported',
  k: 'backreferences are not allowed',
  p: 'Unicode property classes (\\p{...}) are not supported; use a class such as [a-zà-ÿ]',
  P: 'Unicode property classes (\\P{...}) are not supported',
  A: 'use ^ for the start of the text',
  z: 'use $ for the end of the text',
  Z: 'use $ for the end of the text',
};

const QUANTIFIER_START = new Set(['*', '+', '?', '{']);

/** Parses `pattern`; throws RegexSyntaxError naming what is not accepted. */
export function parseViewRegex(pattern: string): RegexNode {
  const parser = new Parser(pattern);
  const tree = parser.alternation();
  if (!parser.done()) throw new RegexSyntaxError('unmatched )', parser.position);
  checkNestedRepeats(tree, 1);
  return tree;
}

class Parser {
  private readonly chars: string[];
  position = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
    const lone = this.chars.findIndex((c) => c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff);
    if (lone >= 0) throw new RegexSyntaxError('the pattern is not valid Unicode (a lone surrogate)', lone);
  }

  done(): boolean {
    return this.position >= this.chars.length;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.position + offset];
  }

  private next(): string {
    const c = this.chars[this.position];
    if (c === undefined) throw new RegexSyntaxError('the pattern ends too early', this.position);
    this.position += 1;
    return c;
  }

  alternation(): RegexNode {
    const items = [this.concat()];
    while (this.peek() === '|') {
      this.position += 1;
      items.push(this.concat());
    }
    return items.length === 1 ? (items[0] as RegexNode) : { type: 'alternation', items };
  }

  private concat(): RegexNode {
    const items: RegexNode[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      items.push(this.quantified(this.atom()));
    }
    return items.length === 1 ? (items[0] as RegexNode) : { type: 'concat', items };
  }

  private quantified(atom: RegexNode): RegexNode {
    const c = this.peek();
    if (c === undefined || !QUANTIFIER_START.has(c)) return atom;
    if (atom.type === 'anchor') throw new RegexSyntaxError(`nothing to repeat before ${c}`, this.position);
    const at = this.position;
    const [min, max] = this.quantifier();
    if (this.peek() === '?') this.position += 1; // lazy: the same strings match
    const after = this.peek();
    if (after !== undefined && QUANTIFIER_START.has(after)) {
      throw new RegexSyntaxError(
        `a quantifier cannot follow another; group the repeated part instead, e.g. (?:a+)*`,
        this.position,
      );
    }
    if (max !== null && min > max)
      throw new RegexSyntaxError(`repeat count {${min},${max}} has its minimum above its maximum`, at);
    return { type: 'repeat', item: atom, min, max };
  }

  private quantifier(): [number, number | null] {
    const c = this.next();
    if (c === '*') return [0, null];
    if (c === '+') return [1, null];
    if (c === '?') return [0, 1];
    const at = this.position - 1;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.chars.slice(at, at + 12).join(''));
    if (!match)
      throw new RegexSyntaxError(
        'a { starts a repeat count such as {2}, {2,} or {2,5}; write \\{ for a literal brace',
        at,
      );
    this.position = at + match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? null : Number(match[3]);
    const largest = Math.max(min, max ?? 0);
    if (largest > MAX_REGEX_REPEAT)
      throw new RegexSyntaxError(`repetition count ${largest} is over ${MAX_REGEX_REPEAT}`, at);
    return [min, max];
  }

  private atom(): RegexNode {
    const at = this.position;
    const c = this.next();
    switch (c) {
      case '(':
        return this.group(at);
      case '[':
        return this.bracket(at);
      case '.':
        return { type: 'class', folded: [], fixed: [[NEWLINE, NEWLINE]], negated: true };
      case '^':
        return { type: 'anchor', at: 'start' };
      case '$':
        return { type: 'anchor', at: 'end' };
      case '\\':
        return this.escapeAtom(at);
      default:
        if (QUANTIFIER_START.has(c)) throw new RegexSyntaxError(`nothing to repeat before ${c}`, at);
        return literal(c.codePointAt(0) as number);
    }
  }

  private group(at: number): RegexNode {
    if (this.peek() === '?') {
      if (this.peek(1) !== ':')
        throw new RegexSyntaxError(groupProblem(this.chars.slice(this.position, this.position + 3).join('')), at);
      this.position += 2;
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new RegexSyntaxError('missing ) to close the group', at);
    this.position += 1;
    return inner;
  }

  private escapeAtom(at: number): RegexNode {
    const escaped = this.escape(at);
    if (typeof escaped === 'number') return literal(escaped);
    return { type: 'class', folded: [], fixed: escaped.set, negated: escaped.negated };
  }

  /** After a backslash: a code point, or a shorthand class. */
  private escape(at: number): number | { set: CharSet; negated: boolean } {
    if (this.done()) throw new RegexSyntaxError('the pattern ends with a lone backslash', at);
    const c = this.next();
    const shorthand = SHORTHANDS[c];
    if (shorthand) return shorthand;
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return control;
    if (c === 'x' || c === 'u') return this.hexEscape(c === 'x' ? 2 : 4, at);
    if (/^[!-/:-@[-`{-~ ]$/.test(c)) return c.codePointAt(0) as number;
    if (/^[0-9]$/.test(c))
      throw new RegexSyntaxError(
        c === '0' ? 'use \\x00 style escapes for character codes' : 'backreferences are not allowed',
        at,
      );
    throw new RegexSyntaxError(REFUSED_ESCAPES[c] ?? `unsupported escape \\${c}`, at);
  }

  private hexEscape(digits: number, at: number): number {
    const hex = this.chars.slice(this.position, this.position + digits).join('');
    if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) {
      throw new RegexSyntaxError(`\\${digits === 2 ? 'x' : 'u'} needs exactly ${digits} hexadecimal digits`, at);
    }
    this.position += digits;
    const cp = parseInt(hex, 16);
    if (cp >= 0xd800 && cp <= 0xdfff) throw new RegexSyntaxError('a surrogate code is not a character', at);
    return cp;
  }

  private bracket(at: number): RegexClass {
    const negated = this.peek() === '^';
    if (negated) this.position += 1;
    if (this.peek() === ']') throw new RegexSyntaxError('empty class; write \\] for a literal ]', at);
    const folded: CodeRange[] = [];
    const fixed: CharSet[] = [];
    let first = true;
    while (this.peek() !== ']') {
      if (this.done()) throw new RegexSyntaxError('missing ] to close the class', at);
      const itemAt = this.position;
      const item = this.classItem(itemAt);
      if (typeof item !== 'number') {
        fixed.push(item.negated ? complement(item.set) : item.set);
      } else if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.position += 1;
        const high = this.classItem(this.position);
        if (typeof high !== 'number')
          throw new RegexSyntaxError('a range cannot end in a class shorthand such as \\d', itemAt);
        if (high < item) throw new RegexSyntaxError('range out of order: its start is above its end', itemAt);
        folded.push([item, high]);
      } else {
        if (this.chars[itemAt] === '-' && !first && this.peek() !== ']')
          throw new RegexSyntaxError('a literal - in a class goes first or last, or write \\-', itemAt);
        folded.push([item, item]);
      }
      first = false;
    }
    this.position += 1;
    return { type: 'class', folded: charSet(folded), fixed: union(...fixed), negated };
  }

  private classItem(at: number): number | { set: CharSet; negated: boolean } {
    const c = this.next();
    if (c === '\\') return this.escape(at);
    if (c === '[')
      throw new RegexSyntaxError(
        'write \\[ for a literal [ inside a class (POSIX classes such as [:alpha:] are not supported)',
        at,
      );
    return c.codePointAt(0) as number;
  }
}

function literal(cp: number): RegexClass {
  return { type: 'class', folded: [[cp, cp]], fixed: [], negated: false };
}

function groupProblem(prefix: string): string {
  if (prefix.startsWith('?=') || prefix.startsWith('?!')) return 'lookahead (?= and (?! is not supported';
  if (prefix.startsWith('?<=') || prefix.startsWith('?<!')) return 'lookbehind (?<= and (?<! is not supported';
  if (prefix.startsWith('?<') || prefix.startsWith('?P')) return 'named groups are not supported; use ( ) or (?: )';
  return 'only ( ) and (?: ) groups are supported (no inline flags: use ignore_case)';
}

/** RE2 refuses nested repeats whose counts multiply past 1000; refuse them here, on both databases. */
function checkNestedRepeats(node: RegexNode, outer: number): void {
  if (node.type === 'repeat') {
    const product = outer * Math.max(1, node.max ?? node.min);
    if (product > MAX_REGEX_NESTED_REPEAT) {
      throw new RegexSyntaxError(
        `nested repeat counts multiply to ${product}; the limit is ${MAX_REGEX_NESTED_REPEAT}`,
      );
    }
    checkNestedRepeats(node.item, product);
  } else if (node.type === 'concat' || node.type === 'alternation') {
    for (const item of node.items) checkNestedRepeats(item, outer);
  }
}
