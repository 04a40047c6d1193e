// How deeply a GraphQL document's brackets nest, read from its text without parsing: the guard in front of graphql's recursive parser.

const OPENERS = new Set(['{', '[', '(']);
const CLOSERS = new Set(['}', ']', ')']);

/** Index just past the string that opens at `start` (a `"…"` string with escapes, or a `"""…"""` block string). */
function skipString(source: string, start: number): number {
  if (source.startsWith('"""', start)) {
    // In a block string only `\"""` escapes; everything else is literal up to the closing quotes.
    let i = start + 3;
    while (i < source.length) {
      if (source.startsWith('\\"""', i)) i += 4;
      else if (source.startsWith('"""', i)) return i + 3;
      else i++;
    }
    return i;
  }
  let i = start + 1;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') i += 2;
    else if (c === '"' || c === '\n' || c === '\r') return i + 1;
    else i++;
  }
  return i;
}

/**
 * The deepest nesting of `{`, `[` and `(` outside strings and comments, in one linear pass. graphql's parser
 * and validator recurse once per level, so a document nested thousands deep overflows the stack; this answer
 * lets the caller refuse it first. Unbalanced closers are the parser's to report, not this count's.
 */
export function sourceNesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '"') {
      i = skipString(source, i);
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
      continue;
    }
    if (OPENERS.has(c)) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (CLOSERS.has(c) && depth > 0) {
      depth--;
    }
    i++;
  }
  return deepest;
}
