// The parsed form of a view regex: the one syntax both databases run, before it is printed for either engine.
import type { CharSet } from './char-set.js';

/** Largest count in `{n}`, `{n,}` or `{n,m}`: PostgreSQL refuses more than 255. */
export const MAX_REGEX_REPEAT = 255;
/** Largest product of nested repeat counts, e.g. `(a{10}){100}`: RE2 refuses more than 1000. */
export const MAX_REGEX_NESTED_REPEAT = 1000;

/**
 * One character out of a set. `folded` holds what case-insensitive matching widens (literals and class ranges);
 * `fixed` holds what it leaves alone (`\d \w \s` and `.`), so `(?i)\w` stays ASCII on both engines.
 */
export interface RegexClass {
  type: 'class';
  folded: CharSet;
  fixed: CharSet;
  negated: boolean;
}

export interface RegexConcat {
  type: 'concat';
  items: RegexNode[];
}

export interface RegexAlternation {
  type: 'alternation';
  items: RegexNode[];
}

/** A quantifier; `max` null is unbounded. Laziness is dropped: it cannot change whether a string matches. */
export interface RegexRepeat {
  type: 'repeat';
  item: RegexNode;
  min: number;
  max: number | null;
}

/** `^` (start of the text) or `$` (end of the text); never per line. */
export interface RegexAnchor {
  type: 'anchor';
  at: 'start' | 'end';
}

export type RegexNode = RegexClass | RegexConcat | RegexAlternation | RegexRepeat | RegexAnchor;
