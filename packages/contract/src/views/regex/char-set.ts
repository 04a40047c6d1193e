// Sets of Unicode code points as sorted, disjoint, non-adjacent ranges: what a regex class, `.` or a literal matches.

/** The largest Unicode code point; complements are taken over 0..MAX_CODE_POINT. */
export const MAX_CODE_POINT = 0x10ffff;

/** An inclusive range of code points. */
export type CodeRange = readonly [low: number, high: number];

/** Sorted by `low`, disjoint and never adjacent, so two equal sets have equal arrays. */
export type CharSet = readonly CodeRange[];

export function charSet(ranges: readonly CodeRange[]): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [low, high] of sorted) {
    const last = merged[merged.length - 1];
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else merged.push([low, high]);
  }
  return merged;
}

export function union(...sets: CharSet[]): CharSet {
  return charSet(sets.flat());
}

export function complement(set: CharSet): CharSet {
  const out: CodeRange[] = [];
  let next = 0;
  for (const [low, high] of set) {
    if (low > next) out.push([next, low - 1]);
    next = high + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** The code points of `set` that are also in the sorted list `points`. */
export function pointsIn(set: CharSet, points: readonly number[]): number[] {
  const found: number[] = [];
  for (const [low, high] of set) {
    for (let i = lowerBound(points, low); i < points.length && (points[i] as number) <= high; i += 1)
      found.push(points[i] as number);
  }
  return found;
}

function lowerBound(points: readonly number[], value: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((points[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
