// GraphQL requests for the fuzzer: random operations of the introspected schema, wrong variables, malformed and oversized documents.
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { hostileString, wrongTypeValue } from './hostile-values.js';

export interface GraphqlRequest {
  /** The JSON body's text, or raw bytes. */
  payload: string | Buffer;
  contentType: string;
  note: string;
}

/** Real values for arguments of a given name (dataset names, user ids…), so operations reach the resolvers' logic. */
export type ArgumentHints = (name: string) => readonly string[];

function inputValue(type: GraphQLInputType, name: string, hints: ArgumentHints, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inputValue(type.ofType, name, hints, depth);
  const value = nullableInputValue(type, name, hints, depth);
  return fc.oneof(
    { arbitrary: value, weight: 6 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: wrongTypeValue, weight: 1 },
  );
}

function nullableInputValue(
  type: GraphQLInputType,
  name: string,
  hints: ArgumentHints,
  depth: number,
): fc.Arbitrary<unknown> {
  if (isListType(type)) return fc.array(inputValue(type.ofType, name, hints, depth + 1), { maxLength: 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    if (depth > 2) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, inputValue(f.type, f.name, hints, depth + 1)])), {
      requiredKeys: [],
    });
  }
  switch (getNamedType(type).name) {
    case 'Int':
      return fc.oneof(fc.integer({ min: -5, max: 100 }), fc.constantFrom(2 ** 31, -(2 ** 31) - 1));
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return fc.boolean();
    default: {
      const known = hints(name);
      return known.length > 0
        ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, { arbitrary: hostileString, weight: 1 })
        : hostileString;
    }
  }
}

/** A selection of the type's fields without required arguments, `depth` object levels deep. */
function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const parts = fields.flatMap((f) => {
    if (isLeafType(getNamedType(f.type))) return [f.name];
    return depth > 0 ? [`${f.name} ${selection(f.type, depth - 1)}`] : [];
  });
  return `{ ${parts.length > 0 ? parts.join(' ') : '__typename'} }`;
}

interface RootField {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

function rootFields(schema: GraphQLSchema): RootField[] {
  const of = (kind: RootField['kind'], root: GraphQLObjectType | null | undefined): RootField[] =>
    root ? Object.values(root.getFields()).map((field) => ({ kind, field })) : [];
  return [...of('query', schema.getQueryType()), ...of('mutation', schema.getMutationType())];
}

/** One field of Query or Mutation with every argument as a variable, its values plausible, null or of the wrong type. */
export function operationArbitrary(
  schema: GraphQLSchema,
  hints: ArgumentHints,
  exclude: (field: string) => boolean = () => false,
): fc.Arbitrary<GraphqlRequest> {
  const roots = rootFields(schema).filter((r) => !exclude(r.field.name));
  if (roots.length === 0) throw new Error('the introspected schema has no root fields');
  return fc.constantFrom(...roots).chain(({ kind, field }) => {
    const args = field.args;
    const model = Object.fromEntries(args.map((a) => [a.name, inputValue(a.type, a.name, hints)]));
    // Usually every variable is sent, so the operation gets past variable coercion into its resolver.
    const variables = fc.oneof(
      { arbitrary: fc.record(model), weight: 3 },
      { arbitrary: fc.record(model, { requiredKeys: [] }), weight: 1 },
    );
    return fc.tuple(variables, fc.nat({ max: 2 })).map(([values, depth]) => {
      const declared = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const query = `${kind} Fuzz${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection(field.type, depth)} }`;
      return {
        payload: JSON.stringify({ query, variables: values }),
        contentType: 'application/json',
        note: `${kind} ${field.name}`,
      };
    });
  });
}

const MALFORMED_DOCUMENTS = [
  '',
  ' ',
  '{',
  '}',
  '{ viewer { id }',
  'query { viewer { id } } }',
  'query ($x: ) { viewer { id } }',
  'mutation { }',
  '{ viewer { id ...Missing } }',
  'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
  '{ viewer { id } } { viewer { id } }',
  'query A { viewer { id } } query A { viewer { id } }',
  'subscription { viewer { id } }',
  '{ user(id: """unterminated) { id } }',
  '{ user(id: "\\u0000") { id } }',
  '{ user(id: "\\uD800") { id } }',
  '{ viewer @skip(if: $undefined) { id } }',
  '{ __type(name: "User") { fields { name type { ofType { ofType { name } } } } } }',
  '{ user(id: 1) { id } }',
  '{ usersConnection(first: 99999999999) { edges { node { id } } } }',
  '{ usersConnection(first: -1) { edges { node { id } } } }',
  '{ datasetsConnection(after: "not a cursor") { edges { node { name } } } }',
  '\u0000',
  '# only a comment',
];

/** Documents that are not valid GraphQL, or valid but odd: syntax errors, cycles, unknown names, NUL, out-of-range numbers. */
export const malformedDocument: fc.Arbitrary<GraphqlRequest> = fc
  .oneof(
    { arbitrary: fc.constantFrom(...MALFORMED_DOCUMENTS), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...MALFORMED_DOCUMENTS), fc.nat())
        .map(([d, n]) => d.slice(0, n % (d.length + 1))),
      weight: 1,
    },
  )
  .map((query) => ({
    payload: JSON.stringify({ query, variables: null }),
    contentType: 'application/json',
    note: 'malformed document',
  }));

/** `count` aliases of one cheap field: the shape of an amplification attack that stays under the token limit. */
export function aliasesDocument(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
}

/** Bodies that break the request envelope rather than the document. */
const BAD_ENVELOPES: ReadonlyArray<{ payload: string | Buffer; contentType: string }> = [
  { payload: 'not json', contentType: 'application/json' },
  { payload: '[]', contentType: 'application/json' },
  { payload: '"{ viewer { id } }"', contentType: 'application/json' },
  { payload: '{"query": 1}', contentType: 'application/json' },
  { payload: '{"query": "{ viewer { id } }", "variables": []}', contentType: 'application/json' },
  { payload: '{"query": "{ viewer { id } }", "variables": "x"}', contentType: 'application/json' },
  { payload: '{"query": "{ viewer { id } }", "operationName": 5}', contentType: 'application/json' },
  { payload: '{"query": "{ viewer { id } }", "operationName": "Missing"}', contentType: 'application/json' },
  { payload: '{"query": "{ viewer { id } }"', contentType: 'application/json' },
  { payload: '', contentType: 'application/json' },
  { payload: '{"query": "{ viewer { id } }"}', contentType: 'text/plain' },
  { payload: '{"query": "{ viewer { id } }"}', contentType: 'application/graphql' },
  { payload: 'query=%7Bviewer%7Bid%7D%7D', contentType: 'application/x-www-form-urlencoded' },
  {
    payload: Buffer.concat([
      Buffer.from('{"query": "{ user(id: \\"'),
      Buffer.from([0xff, 0xc0, 0x80]),
      Buffer.from('\\") { id } }"}'),
    ]),
    contentType: 'application/json',
  },
  { payload: Buffer.from([0xff, 0xfe, 0x7b, 0x00]), contentType: 'application/json' },
  { payload: '{"__proto__": {"query": "{ viewer { id } }"}}', contentType: 'application/json' },
];

export const badEnvelope: fc.Arbitrary<GraphqlRequest> = fc
  .constantFrom(...BAD_ENVELOPES)
  .map((e) => ({ ...e, note: 'bad envelope' }));

/** The nesting shapes that overflow a recursive parser or validator when deep enough. */
export function deepDocument(
  levels: number,
  shape: 'selection' | 'list-literal' | 'object-literal' | 'introspection',
): string {
  switch (shape) {
    case 'selection':
      return `{ viewer ${'{ a '.repeat(levels)}${'}'.repeat(levels)} }`;
    case 'list-literal':
      return `{ user(id: ${'['.repeat(levels)}"x"${']'.repeat(levels)}) { id } }`;
    case 'object-literal':
      return `{ user(id: ${'{a: '.repeat(levels)}1${'}'.repeat(levels)}) { id } }`;
    case 'introspection':
      return `{ __schema { types { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } }`;
  }
}

export function graphqlBody(query: string, variables: unknown = null): string {
  return JSON.stringify({ query, variables });
}
