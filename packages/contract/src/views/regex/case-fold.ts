// Case-insensitive matching as explicit sets: each cased character with the characters it equals ignoring case.
import { charSet, pointsIn, union, type CharSet, type CodeRange } from './char-set.js';

/** No character above this has a case mapping (the last cased script, Adlam, ends at U+1E95F). */
const LAST_CASED = 0x1ffff;

interface FoldTable {
  /** Every code point that has at least one other case variant, ascending. */
  cased: number[];
  /** Code point → all the code points equal to it ignoring case, itself included. */
  orbits: Map<number, number[]>;
}

let table: FoldTable | undefined;

/**
 * Two characters are equal ignoring case when they have the same key: the lower case of their upper case, taking
 * only single-character mappings (so "ß" keeps its own key rather than "ss"). This groups k/K/K (Kelvin) and
 * s/S/ſ, like RE2's case orbits. Built once, on first use.
 */
function foldTable(): FoldTable {
  if (table) return table;
  const groups = new Map<number, number[]>();
  for (let cp = 0; cp <= LAST_CASED; cp += 1) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const key = foldKey(cp);
    const group = groups.get(key);
    if (group) group.push(cp);
    else groups.set(key, [cp]);
  }
  const orbits = new Map<number, number[]>();
  for (const group of groups.values()) {
    if (group.length > 1) for (const cp of group) orbits.set(cp, group);
  }
  table = { cased: [...orbits.keys()].sort((a, b) => a - b), orbits };
  return table;
}

function foldKey(cp: number): number {
  const upper = single(String.fromCodePoint(cp).toUpperCase()) ?? cp;
  return single(String.fromCodePoint(upper).toLowerCase()) ?? upper;
}

/** The code point of a one-character string, or undefined when the mapping gave several characters. */
function single(text: string): number | undefined {
  const cp = text.codePointAt(0) as number;
  return String.fromCodePoint(cp).length === text.length ? cp : undefined;
}

/** `set` with every character's case variants added. */
export function withCaseVariants(set: CharSet): CharSet {
  const { cased, orbits } = foldTable();
  const added: CodeRange[] = pointsIn(set, cased).flatMap((cp) => (orbits.get(cp) ?? []).map((v): CodeRange => [v, v]));
  return added.length === 0 ? set : union(set, charSet(added));
}
