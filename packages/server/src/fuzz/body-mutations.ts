// Request bodies: a schema-shaped value, then broken — wrong types, missing or extra fields, huge, deep — and encoded, sometimes badly.
import { NDJSON_CONTENT_TYPE } from '@teamset/contract';
import fc from 'fast-check';
import {
  DEEP_LEVELS,
  HUGE_STRING_LENGTH,
  INVALID_UTF8,
  deepJsonText,
  hostileString,
  wrongTypeValue,
} from './hostile-values.js';

export interface FuzzBody {
  payload: string | Buffer | undefined;
  contentType: string | undefined;
  /** What was done to the body, for the failure message. */
  note: string;
}

type Path = Array<string | number>;

/** A string no generator produces: marks where text is spliced in after JSON.stringify (deep JSON, raw bytes). */
const DEEP_MARKER = '\u0001deep-marker\u0001';

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/x-ndjson',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/vnd.api+json',
  'json',
] as const;

const NON_JSON_TEXT = [
  'hello',
  "{'a': 1}",
  '[1, 2,',
  '{"a":}',
  'NaN',
  'undefined',
  '{"a":1}{"b":2}',
  '\uFEFF{}',
  '{"__proto__": {"x": 1}}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '{"a":1,"a":2}',
  '\u0000',
  '1e99999',
];

/** Properties of the view language that hold an expression. */
const EXPRESSION_KEYS = new Set(['filter', 'expr']);

const DEEP_EXPRESSION_LEVELS = [50, 2_000, 20_000] as const;

/** Every location in the value (root first), so a mutation can pick one by index. */
function locations(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (out.length > 200) return out;
  if (Array.isArray(value)) value.forEach((item, i) => locations(item, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) locations(v, [...path, k], out);
  return out;
}

function replaceAt(value: unknown, path: Path, make: (old: unknown) => unknown): unknown {
  if (path.length === 0) return make(value);
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? replaceAt(item, rest, make) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: replaceAt(record[head], rest, make) };
}

function deleteAt(value: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const parent = path.slice(0, -1);
  const key = path[path.length - 1];
  return replaceAt(value, parent, (container) => {
    if (Array.isArray(container)) return container.filter((_, i) => i !== key);
    const { [key as string]: _dropped, ...rest } = container as Record<string, unknown>;
    return rest;
  });
}

type Mutation =
  | { kind: 'none' }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'huge-array'; at: number; length: number }
  | { kind: 'huge-string'; at: number }
  | { kind: 'deep'; at: number; levels: number; shape: 'array' | 'object' }
  | { kind: 'deep-expression'; at: number; levels: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: wrongTypeValue }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', ''), hostileString),
      value: wrongTypeValue,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('huge-array' as const),
      at: fc.nat(),
      length: fc.constantFrom(1_000, 100_000),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('huge-string' as const), at: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      at: fc.nat(),
      levels: fc.constantFrom(...DEEP_LEVELS),
      shape: fc.constantFrom('array' as const, 'object' as const),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('deep-expression' as const),
      at: fc.nat(),
      levels: fc.constantFrom(...DEEP_EXPRESSION_LEVELS),
    }),
    weight: 1,
  },
);

/** A view expression `not(not(…(true)))`: valid at every level, so only depth limits can refuse it. */
function deepExpressionText(levels: number): string {
  return `${'{"op":"not","args":['.repeat(levels)}{"op":"lit","value":true}${']}'.repeat(levels)}`;
}

/** The mutated value as JSON text (deep parts spliced in as text). */
function applyMutation(value: unknown, m: Mutation): { text: string; note: string } {
  if (m.kind === 'none') return { text: JSON.stringify(value) ?? '', note: 'as generated' };
  const all = locations(value);
  // A deep expression only tests depth limits where an expression is expected.
  const expressionSlots =
    m.kind === 'deep-expression' ? all.filter((p) => EXPRESSION_KEYS.has(String(p[p.length - 1]))) : [];
  const candidates = expressionSlots.length > 0 ? expressionSlots : all;
  const path = candidates[m.at % candidates.length] as Path;
  const where = path.length === 0 ? 'the body' : path.join('.');
  let deepText = '';
  let changed: unknown;
  switch (m.kind) {
    case 'replace':
      changed = replaceAt(value, path, () => m.value);
      break;
    case 'delete':
      changed = deleteAt(value, path);
      break;
    case 'extra':
      changed = replaceAt(value, path, (old) =>
        old !== null && typeof old === 'object' && !Array.isArray(old)
          ? { ...old, [m.key]: m.value }
          : { [m.key]: m.value },
      );
      break;
    case 'huge-array':
      changed = replaceAt(value, path, (old) => Array.from({ length: m.length }, () => old ?? 1));
      break;
    case 'huge-string':
      changed = replaceAt(value, path, () => 'x'.repeat(HUGE_STRING_LENGTH));
      break;
    case 'deep':
      deepText = deepJsonText(m.levels, m.shape);
      changed = replaceAt(value, path, () => DEEP_MARKER);
      break;
    case 'deep-expression':
      deepText = deepExpressionText(m.levels);
      changed = replaceAt(value, path, () => DEEP_MARKER);
      break;
  }
  const text = (JSON.stringify(changed) ?? '').replace(JSON.stringify(DEEP_MARKER), deepText);
  return {
    text,
    note: `${m.kind}${'levels' in m ? ` ×${m.levels}` : ''}${'length' in m ? ` ×${m.length}` : ''} at ${where}`,
  };
}

/** Invalid UTF-8 bytes inside the first string literal (or at the start when there is none). */
function withInvalidUtf8(text: string, bytes: Buffer): Buffer {
  const quote = text.indexOf('"');
  const at = quote >= 0 ? quote + 1 : 0;
  return Buffer.concat([Buffer.from(text.slice(0, at)), bytes, Buffer.from(text.slice(at))]);
}

/** The value as JSON with invalid UTF-8 bytes inside its first string value (not a key); undefined when it has none. */
export function withInvalidUtf8InValue(value: unknown, bytes: Buffer): Buffer | undefined {
  const path = locations(value).find((p) => p.length > 0 && typeof pathValue(value, p) === 'string');
  if (!path) return undefined;
  const text = JSON.stringify(replaceAt(value, path, (old) => `${String(old)}${DEEP_MARKER}`));
  const [head, tail] = text.split(JSON.stringify(DEEP_MARKER).slice(1, -1)) as [string, string];
  return Buffer.concat([Buffer.from(head), bytes, Buffer.from(tail)]);
}

function pathValue(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined),
    value,
  );
}

type Encoding =
  | { kind: 'json' }
  | { kind: 'invalid-utf8'; bytes: Buffer }
  | { kind: 'truncated'; at: number }
  | { kind: 'non-json'; text: string }
  | { kind: 'empty' }
  | { kind: 'absent' };

const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'json' as const }), weight: 12 },
  {
    arbitrary: fc.record({ kind: fc.constant('invalid-utf8' as const), bytes: fc.constantFrom(...INVALID_UTF8) }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('truncated' as const), at: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('non-json' as const), text: fc.constantFrom(...NON_JSON_TEXT) }),
    weight: 1,
  },
  { arbitrary: fc.constant({ kind: 'empty' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'absent' as const }), weight: 1 },
);

const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  { arbitrary: fc.constantFrom<string | undefined>(...CONTENT_TYPES, undefined), weight: 2 },
);

function encode(text: string, enc: Encoding): { payload: string | Buffer | undefined; note: string } {
  switch (enc.kind) {
    case 'json':
      return { payload: text, note: '' };
    case 'invalid-utf8':
      return { payload: withInvalidUtf8(text, enc.bytes), note: `, invalid UTF-8 ${enc.bytes.toString('hex')}` };
    case 'truncated':
      return { payload: text.slice(0, enc.at % Math.max(1, text.length)), note: ', truncated' };
    case 'non-json':
      return { payload: enc.text, note: ', not JSON' };
    case 'empty':
      return { payload: '', note: ', empty' };
    case 'absent':
      return { payload: undefined, note: ', no body' };
  }
}

/** The body as its schema has it (none when the operation takes none), as JSON. */
export function plausibleBody(base: fc.Arbitrary<unknown> | undefined): fc.Arbitrary<FuzzBody> {
  if (!base) return fc.constant({ payload: undefined, contentType: undefined, note: 'no body' });
  return base.map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json', note: 'as generated' }));
}

/** A broken body: from the schema when there is one (else from nothing), mutated, encoded — sometimes badly — and labelled. */
export function oddBody(base: fc.Arbitrary<unknown> | undefined): fc.Arbitrary<FuzzBody> {
  const value = base ?? fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
  return fc.tuple(value, mutation, encoding, contentType).map(([v, m, enc, type]) => {
    const { text, note } = applyMutation(v, m);
    const encoded = encode(text, enc);
    return {
      payload: encoded.payload,
      contentType: encoded.payload === undefined ? undefined : type,
      note: `${note}${encoded.note}`,
    };
  });
}

type NdjsonFault =
  'none' | 'not-json' | 'deep' | 'invalid-utf8' | 'odd-line-ends' | 'many-lines' | 'array-line' | 'nul' | 'bom';

const NDJSON_FAULTS: readonly NdjsonFault[] = [
  'none',
  'not-json',
  'deep',
  'invalid-utf8',
  'odd-line-ends',
  'many-lines',
  'array-line',
  'nul',
  'bom',
];

function ndjsonLines(lines: string[], fault: NdjsonFault, at: number): string | Buffer {
  const i = at % Math.max(1, lines.length);
  const replaced = (line: string) => lines.map((l, j) => (j === i ? line : l)).join('\n');
  switch (fault) {
    case 'none':
      return lines.join('\n');
    case 'not-json':
      return replaced(NON_JSON_TEXT[at % NON_JSON_TEXT.length] as string);
    case 'deep':
      return replaced(deepJsonText(DEEP_LEVELS[at % DEEP_LEVELS.length] as number, 'array'));
    case 'invalid-utf8':
      return Buffer.concat([
        Buffer.from(lines.slice(0, i).join('\n') + (i > 0 ? '\n' : '')),
        withInvalidUtf8(lines[i] ?? '{}', INVALID_UTF8[at % INVALID_UTF8.length] as Buffer),
        Buffer.from(
          lines
            .slice(i + 1)
            .map((l) => `\n${l}`)
            .join(''),
        ),
      ]);
    case 'odd-line-ends':
      return `\n\r\n${lines.join('\r\n\r\n')}\r\n\n`;
    case 'many-lines':
      return Array.from({ length: 5_000 }, () => lines[0] ?? '{}').join('\n');
    case 'array-line':
      return replaced(`[${lines[i] ?? ''}]`);
    case 'nul':
      return replaced('{"filepath": "/a\\u0000.jpg"}');
    case 'bom':
      return `\uFEFF${lines.join('\n')}`;
  }
}

/** An NDJSON body (one sample per line) from the JSON body's `samples`, usually broken in one way. */
export function ndjsonBody(base: fc.Arbitrary<unknown> | undefined): fc.Arbitrary<FuzzBody> {
  const value = base ?? fc.constant({ samples: [{ filepath: '/a.jpg' }] });
  return fc.tuple(value, fc.constantFrom(...NDJSON_FAULTS), fc.nat()).map(([v, fault, at]) => {
    const samples =
      v !== null && typeof v === 'object' && Array.isArray((v as { samples?: unknown }).samples)
        ? (v as { samples: unknown[] }).samples
        : [v];
    const payload = ndjsonLines(
      samples.map((s) => JSON.stringify(s) ?? 'null'),
      fault,
      at,
    );
    return { payload, contentType: NDJSON_CONTENT_TYPE, note: `NDJSON, ${fault}` };
  });
}
