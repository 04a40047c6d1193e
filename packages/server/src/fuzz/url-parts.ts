// Path parameters and query strings: real values from the seeded world, values of other kinds, and odd ones.
import fc from 'fast-check';
import type { Parameter } from './openapi-operations.js';
import { ODD_STRINGS, hostileString } from './hostile-values.js';
import type { SchemaArbitraryOptions } from './json-schema-arbitrary.js';
import { schemaArbitrary } from './json-schema-arbitrary.js';

/** Already URL-encoded (or deliberately badly encoded) segments, inserted verbatim. */
const RAW_SEGMENTS = [
  '%2F',
  'a%2Fb',
  '..',
  '%2e%2e',
  '.',
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%C3',
  '%ED%A0%80',
  '%FF',
  '%20',
  '+',
  'a;b',
  'a%3Fb=1',
  '%23',
  'x'.repeat(1100),
  '%25'.repeat(400),
];

/** A real value of the parameter's kind (from the seeded world), or — when it has none — one from its schema. */
export function realPathValue(
  param: Parameter,
  real: readonly string[],
  options: SchemaArbitraryOptions,
): fc.Arbitrary<string> {
  if (real.length > 0) return fc.constantFrom(...real).map(encodeSegment);
  return schemaArbitrary(param.schema, options, param.name).map((v) => encodeSegment(String(v)));
}

/** A value that is not one of the parameter's kind: another kind's id, a bad encoding, an odd or huge string, a number. */
export function oddPathValue(otherKinds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    ...(otherKinds.length > 0 ? [{ arbitrary: fc.constantFrom(...otherKinds).map(encodeSegment), weight: 2 }] : []),
    { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 3 },
    { arbitrary: hostileString.filter((s) => s.length < 4_000).map(encodeSegment), weight: 3 },
    { arbitrary: fc.oneof(fc.integer().map(String), fc.constantFrom('0', '-0', '1.5', '1e3')), weight: 1 },
  );
}

/** encodeURIComponent, except a lone surrogate (which it refuses) goes out as its invalid UTF-8 bytes. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return Array.from(value, (ch) => {
      const code = ch.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff)
        return `%ED%${(0xa0 + ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 + (code & 0x3f)).toString(16).toUpperCase()}`;
      return encodeURIComponent(ch);
    }).join('');
  }
}

const RAW_QUERIES = [
  '',
  '?',
  '?&&&',
  '?=',
  '?=x',
  '?%ZZ=1',
  '?a=%ZZ',
  '?__proto__[x]=1',
  '?constructor=1',
  '?a[b][c]=1',
  '?x=' + 'y'.repeat(5000),
];

function queryText(pairs: ReadonlyArray<readonly string[]>): string {
  const all = pairs.flat();
  return all.length === 0 ? '' : `?${all.join('&')}`;
}

/** A plausible query string (with its "?"): some of the declared parameters, with values from their schemas. */
export function plausibleQuery(params: readonly Parameter[], options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  const pairs = params.map((p) =>
    fc
      .option(schemaArbitrary(p.schema, options, p.name), { freq: 2 })
      .map((v) => (v === null ? [] : [`${encodeSegment(p.name)}=${encodeSegment(String(v))}`])),
  );
  return fc.tuple(...pairs).map(queryText);
}

/** A broken query string: declared parameters with odd, repeated or badly encoded values, unknown parameters, raw junk. */
export function oddQuery(params: readonly Parameter[]): fc.Arbitrary<string> {
  const odd = fc.oneof(
    hostileString.filter((s) => s.length < 4_000).map((v) => [encodeSegment(v)]),
    fc.constantFrom(['1', '2'], [''], ['%ZZ'], ['-1'], ['1e309'], ['true'], ['[]']),
  );
  const pairs = params.map((p) =>
    fc
      .option(odd, { freq: 2 })
      .map((values) => (values === null ? [] : values.map((v) => `${encodeSegment(p.name)}=${v}`))),
  );
  const extra = fc.constantFrom(...ODD_STRINGS).map((s) => [`${encodeSegment(s)}=${encodeSegment(s)}`]);
  return fc.oneof(fc.tuple(...pairs, extra).map(queryText), fc.constantFrom(...RAW_QUERIES));
}
