// Prints a parsed view regex for one engine: RE2 syntax (re2js on SQLite) or a PostgreSQL ARE (`~`), same meaning.
import { withCaseVariants } from './case-fold.js';
import { complement, MAX_CODE_POINT, union, type CharSet } from './char-set.js';
import type { RegexClass, RegexNode } from './regex-tree.js';

export type RegexEngine = 're2' | 'postgres';

/**
 * The pattern to hand `engine`, always matched case-sensitively and unanchored: case-insensitivity is already
 * spelled out as classes, so it never depends on the engine's or the database locale's case rules. Every class is
 * printed as explicit code point ranges and every character but ASCII letters and digits as a hex escape, so no
 * engine reads its own meaning into `\w`, `.`, `[[:alpha:]]` or a bracket's special characters.
 */
export function printViewRegex(tree: RegexNode, engine: RegexEngine, ignoreCase: boolean): string {
  return new Printer(engine, ignoreCase).print(tree);
}

class Printer {
  constructor(
    private readonly engine: RegexEngine,
    private readonly ignoreCase: boolean,
  ) {}

  print(node: RegexNode): string {
    switch (node.type) {
      case 'class':
        return this.charClass(node);
      case 'anchor':
        return node.at === 'start' ? '^' : '$';
      case 'concat':
        return node.items.length === 0
          ? '(?:)'
          : node.items
              .map((item) => (item.type === 'alternation' ? `(?:${this.print(item)})` : this.print(item)))
              .join('');
      case 'alternation':
        return node.items.map((item) => this.print(item)).join('|');
      case 'repeat': {
        const item = node.item.type === 'class' ? this.print(node.item) : `(?:${this.print(node.item)})`;
        return item + quantifier(node.min, node.max);
      }
    }
  }

  private charClass(node: RegexClass): string {
    const matched = classSet(node, this.ignoreCase);
    const only = matched.length === 1 && matched[0]?.[0] === matched[0]?.[1] ? matched[0]?.[0] : undefined;
    if (only !== undefined) return this.char(only);
    if (matched.length === 0) return `[^${this.range(0, MAX_CODE_POINT)}]`; // matches nothing
    return `[${matched.map(([low, high]) => this.range(low, high)).join('')}]`;
  }

  private range(low: number, high: number): string {
    if (low === high) return this.char(low);
    return `${this.char(low)}-${this.char(high)}`;
  }

  private char(cp: number): string {
    if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a))
      return String.fromCharCode(cp);
    const hex = cp.toString(16);
    if (this.engine === 're2') return `\\x{${hex}}`;
    return cp <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
  }
}

function quantifier(min: number, max: number | null): string {
  if (min === 0 && max === null) return '*';
  if (min === 1 && max === null) return '+';
  if (min === 0 && max === 1) return '?';
  if (max === null) return `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** The code points a class matches, case variants of its literals and ranges included when ignoring case. */
function classSet(node: RegexClass, ignoreCase: boolean): CharSet {
  const set = union(ignoreCase ? withCaseVariants(node.folded) : node.folded, node.fixed);
  return node.negated ? complement(set) : set;
}
