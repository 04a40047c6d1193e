// The Range request header (RFC 9110 §14): one byte range, resolved against the file size.
export type RangeRequest =
  /** No Range header, or one we ignore (not bytes, several ranges, bad syntax): send the whole file. */
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  /** Well-formed but starting past the end of the file: 416. */
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Parses `Range` for a file of `size` bytes; `end` is inclusive and clamped to the file. Several ranges are
 * answered with the whole file (allowed by the RFC, and no media client asks for multipart/byteranges).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.replace(/\s+/g, ''));
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  // "5-3" is not a range at all (ignored), unlike "2000-" on a 1000-byte file (unsatisfiable).
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
