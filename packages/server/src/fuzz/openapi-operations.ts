// The fuzz suite's route list, read from the served OpenAPI document so a new route is fuzzed without anyone listing it.
import type { JsonSchema } from './json-schema-arbitrary.js';

export interface Parameter {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. /api/v1/datasets/{name}. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON request body's schema, when the operation takes one. */
  body: JsonSchema | undefined;
  contentTypes: string[];
}

interface RawParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface RawOperation {
  parameters?: RawParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options']);

export function operationLabel(op: Pick<Operation, 'method' | 'path'>): string {
  return `${op.method} ${op.path}`;
}

export function listOperations(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const params = (raw.parameters ?? []).map((p) => ({
        in: p.in,
        name: p.name,
        required: p.required === true,
        schema: p.schema ?? {},
      }));
      const content = raw.requestBody?.content ?? {};
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: content['application/json']?.schema,
        contentTypes: Object.keys(content),
      });
    }
  }
  return out;
}

/** Resolves `#/components/schemas/...` references of the document. */
export function refResolver(doc: OpenApiDocument): (ref: string) => JsonSchema {
  return (ref) => {
    const name = ref.replace(/^#\/components\/schemas\//, '');
    const schema = doc.components?.schemas?.[name];
    if (!schema) throw new Error(`OpenAPI document has no schema for ${ref}`);
    return schema;
  };
}
