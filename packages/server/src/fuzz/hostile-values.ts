// Hostile inputs shared by the REST and GraphQL fuzzers: odd strings, wrong types, huge and deeply nested values.
import fc from 'fast-check';

/** Over any field's limit yet well under the 1 MiB body limit once encoded. */
export const HUGE_STRING_LENGTH = 200_000;

/** Deep enough to overflow any recursive walk of the parsed value, small enough to stay under the body limit. */
export const DEEP_LEVELS = [64, 1_000, 20_000, 100_000] as const;

export const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uFFFD',
  '\u202Eevil',
  'e\u0301\u0301\u0301',
  '😀👩‍👩‍👧',
  '名前',
  '..',
  '../../etc/passwd',
  '%00',
  '%2F',
  "' OR '1'='1",
  '"; drop table users; --',
  '${jndi:x}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '9007199254740993',
  '<script>alert(1)</script>',
  '\r\n\t',
  'a'.repeat(1025),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...ODD_STRINGS), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  {
    arbitrary: fc.nat({ max: 3 }).map((i) => ['x', '\u0000', '\uD800', 'é'][i]!.repeat(HUGE_STRING_LENGTH)),
    weight: 1,
  },
);

/** A value of some JSON type, usually not the one the schema wants. */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -0,
    [],
    {},
    [null],
    { '': null },
    Number.MAX_SAFE_INTEGER + 2,
  ),
  hostileString,
  fc.jsonValue({ maxDepth: 2 }),
);

/** JSON text nested `levels` deep: arrays or objects, written as text (JSON.stringify itself would recurse). */
export function deepJsonText(levels: number, kind: 'array' | 'object', leaf = '1'): string {
  return kind === 'array'
    ? `${'['.repeat(levels)}${leaf}${']'.repeat(levels)}`
    : `${'{"a":'.repeat(levels)}${leaf}${'}'.repeat(levels)}`;
}

/** Byte sequences that are not UTF-8: a lone continuation byte, an overlong NUL, a truncated sequence, an encoded surrogate. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0xc0, 0x80]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0x80, 0xfe]),
];
