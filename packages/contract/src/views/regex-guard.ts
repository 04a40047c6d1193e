// Cheap static checks that keep a client's regex from backtracking for minutes: length, syntax, nested repeats, backrefs.

/** Largest `{n,m}` count accepted; bigger counts blow up the compiled automaton in some engines. */
export const MAX_REGEX_REPEAT = 1000;

interface GroupFrame {
  /** An unbounded or multi-count quantifier occurs somewhere inside this group. */
  repeatsInside: boolean;
}

/**
 * Why `pattern` is refused, or undefined when accepted. Not a proof of linear time: it rejects the
 * classic exponential shapes (a repeated group that itself repeats, like `(a+)+` or `(\w*)*`, and
 * backreferences) and leaves alternation overlaps such as `(a|aa)+` to the query-time budget.
 */
export function regexProblem(pattern: string, maxLength: number): string | undefined {
  if (pattern.length > maxLength) return `regex is ${pattern.length} characters; the limit is ${maxLength}`;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `invalid regex: ${(error as Error).message}`;
  }
  return scan(pattern);
}

/** Reads a quantifier at `i`; returns its length and whether it can repeat more than once. */
function quantifierAt(pattern: string, i: number): { length: number; repeats: boolean; count: number } | undefined {
  const c = pattern[i];
  if (c === '*' || c === '+') return { length: lazyLength(pattern, i + 1, 1), repeats: true, count: 0 };
  if (c === '?') return { length: lazyLength(pattern, i + 1, 1), repeats: false, count: 0 };
  if (c !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!match) return undefined; // a literal "{", as JS reads it
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : match[3] === '' ? Infinity : Number(match[3]);
  const count = Math.max(low, high === Infinity ? low : high);
  return { length: lazyLength(pattern, i + match[0].length, match[0].length), repeats: high > 1, count };
}

/** A trailing `?` makes a quantifier lazy; it is part of the quantifier, not a new one. */
function lazyLength(pattern: string, next: number, length: number): number {
  return pattern[next] === '?' ? length + 1 : length;
}

function scan(pattern: string): string | undefined {
  const stack: GroupFrame[] = [{ repeatsInside: false }];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    let atomEnd = i + 1;
    let closed: GroupFrame | undefined;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed';
      atomEnd = i + 2;
    } else if (c === '[') {
      atomEnd = classEnd(pattern, i);
    } else if (c === '(') {
      stack.push({ repeatsInside: false });
      i += groupPrefixLength(pattern, i);
      continue;
    } else if (c === ')') {
      closed = stack.pop();
    } else if (c === '|' || c === '^' || c === '$') {
      i += 1;
      continue;
    }
    const quantifier = quantifierAt(pattern, atomEnd);
    const frame = stack[stack.length - 1] as GroupFrame;
    if (quantifier) {
      if (quantifier.count > MAX_REGEX_REPEAT) return `repetition count ${quantifier.count} is over ${MAX_REGEX_REPEAT}`;
      if (quantifier.repeats && closed?.repeatsInside) {
        return `nested quantifier at character ${atomEnd}: a repeated group contains a repeat, e.g. (a+)+`;
      }
      if (quantifier.repeats) frame.repeatsInside = true;
    }
    if (closed?.repeatsInside) frame.repeatsInside = true;
    i = atomEnd + (quantifier?.length ?? 0);
  }
  return undefined;
}

/** Index just past the `]` closing the class that opens at `start` (syntax was already checked by RegExp). */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') i += 1; // a leading "]" is literal
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Length of `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` or `(?<name>`, so its `?` is not read as a quantifier. */
function groupPrefixLength(pattern: string, start: number): number {
  if (pattern[start + 1] !== '?') return 1;
  const rest = pattern.slice(start + 2);
  if (rest.startsWith('<=') || rest.startsWith('<!')) return 4;
  const named = /^<[A-Za-z_$][\w$]*>/.exec(rest);
  if (named) return 2 + named[0].length;
  return 3;
}
