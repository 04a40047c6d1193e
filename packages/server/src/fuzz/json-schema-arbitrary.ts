// Plausible values for a JSON schema (the subset TypeBox emits into the OpenAPI document), for the fuzzer to start from.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  $ref?: string;
  const?: unknown;
}

export interface SchemaArbitraryOptions {
  resolveRef(ref: string): JsonSchema;
  /** Real values for a property or parameter of this name (dataset names, user ids…), mixed into what is generated. */
  hints(name: string): readonly string[];
  /** Branches of an anyOf never to generate. */
  exclude?(schema: JsonSchema): boolean;
  /** How many $ref hops deep a recursive schema may go. */
  maxDepth?: number;
}

/** Generated arrays stay short: huge ones are the mutator's job, and valid bodies should reach the handler. */
const MAX_GENERATED_ITEMS = 4;
const MAX_GENERATED_STRING = 24;
const SMALL_INT = 1000;

function hasRef(schema: JsonSchema): boolean {
  return JSON.stringify(schema).includes('"$ref"');
}

function intArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? -SMALL_INT;
  const max = schema.maximum ?? SMALL_INT;
  const lo = Math.max(min, -SMALL_INT);
  const hi = Math.min(max, Math.max(lo, SMALL_INT));
  const edges = [min, max].filter((n) => Number.isSafeInteger(n));
  return fc.oneof(
    { arbitrary: fc.integer({ min: lo, max: hi }), weight: 4 },
    fc.constantFrom(...(edges.length > 0 ? edges : [0])),
  );
}

function stringArbitrary(schema: JsonSchema, name: string, options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? MAX_GENERATED_STRING, MAX_GENERATED_STRING);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  const own = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? Infinity))
    : fc.string({ minLength, maxLength });
  const hints = options.hints(name);
  return hints.length > 0 ? fc.oneof(own, fc.constantFrom(...hints)) : own;
}

export function schemaArbitrary(
  schema: JsonSchema,
  options: SchemaArbitraryOptions,
  name = '',
  depth = options.maxDepth ?? 3,
): fc.Arbitrary<unknown> {
  if (schema.$ref)
    return depth <= 0 ? fc.constant(null) : schemaArbitrary(options.resolveRef(schema.$ref), options, name, depth - 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    let usable = branches.filter((b) => !options.exclude?.(b));
    if (depth <= 1) usable = usable.filter((b) => !hasRef(b));
    if (usable.length === 0) return fc.constant(null);
    return fc.oneof(...usable.map((b) => schemaArbitrary(b, options, name, depth)));
  }
  const value = typedArbitrary(schema, options, name, depth);
  return schema.nullable ? fc.option(value, { nil: null }) : value;
}

function typedArbitrary(
  schema: JsonSchema,
  options: SchemaArbitraryOptions,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, name, options);
    case 'integer':
      return intArbitrary(schema);
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ? schemaArbitrary(schema.items, options, name, depth) : fc.jsonValue({ maxDepth: 1 });
      const minLength = Math.min(schema.minItems ?? 0, MAX_GENERATED_ITEMS);
      return fc.array(items, {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS)),
      });
    }
    case 'object':
      return objectArbitrary(schema, options, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  if (keys.length === 0 && typeof schema.additionalProperties === 'object') {
    const value = schemaArbitrary(schema.additionalProperties, options, '', depth);
    return fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,11}$/), value, { maxKeys: MAX_GENERATED_ITEMS });
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keys) model[key] = schemaArbitrary(properties[key] as JsonSchema, options, key, depth);
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
}
