// Request validation with TypeBox: JSON bodies checked exactly as sent, URL parts converted strictly ("2" → 2) first, NUL refused.
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { NDJSON_CONTENT_TYPE } from '@teamset/contract';
import { isNulFreeBody, NdjsonBody } from './json-body-parser.js';

/** The Ajv-style issue the error handler turns into "body.field …" messages. */
export interface ValidationIssue extends FastifySchemaValidationError {
  message: string;
}

function issue(
  instancePath: string,
  keyword: string,
  message: string,
  params: Record<string, unknown>,
  schemaPath = '#',
): ValidationIssue {
  return { instancePath, schemaPath, keyword, message, params };
}

/**
 * Path (as instancePath) of the first string holding U+0000, which PostgreSQL cannot store or compare. An
 * explicit stack, not recursion: a body may nest 100,000 levels deep (its schema checks stop at `unknown`).
 */
function findNul(root: unknown): string | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (value !== null && typeof value === 'object') {
      // Pushed last to first, so the first string in document order is found first.
      const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as readonly [string, unknown];
        pending.push({ value: item, path: `${path}/${key}` });
      }
    }
  }
  return undefined;
}

const INTEGER_TEXT = /^-?\d+$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

function convertScalar(type: unknown, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (type === 'integer' && INTEGER_TEXT.test(value)) return Number(value);
  if (type === 'number' && NUMBER_TEXT.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * Query strings and path parameters arrive as text; their schemas are flat objects, so each
 * property whose schema is a number or boolean is converted when — and only when — the whole text
 * is one ("2" → 2; "1.5", "1e309", "", "0x10" stay text and fail the check with a 400).
 */
export function convertUrlPart(schema: TSchema, input: unknown): unknown {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties;
  if (!properties || input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const [name, property] of Object.entries(properties)) {
    if (Object.hasOwn(out, name)) out[name] = convertScalar(property.type, out[name]);
  }
  return out;
}

/**
 * TypeBox reports an unknown field twice (a `boolean` "schema is false" at the field, and
 * `additionalProperties` with a list) and missing fields as a list; this yields one Ajv-style
 * issue per field, the most useful first: unknown field, then missing field, then the rest.
 */
export function toValidationIssues(errors: readonly TLocalizedValidationError[]): ValidationIssue[] {
  const unknown: ValidationIssue[] = [];
  const missing: ValidationIssue[] = [];
  const rest: ValidationIssue[] = [];
  for (const error of errors) {
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'additionalProperties' && Array.isArray(params.additionalProperties)) {
      for (const name of params.additionalProperties)
        unknown.push(
          issue(
            error.instancePath,
            'additionalProperties',
            'must not have additional properties',
            { additionalProperty: String(name) },
            error.schemaPath,
          ),
        );
    } else if (error.keyword === 'required' && Array.isArray(params.requiredProperties)) {
      for (const name of params.requiredProperties)
        missing.push(
          issue(
            error.instancePath,
            'required',
            `must have required property '${String(name)}'`,
            { missingProperty: String(name) },
            error.schemaPath,
          ),
        );
    } else if (error.keyword !== 'boolean') {
      rest.push(issue(error.instancePath, error.keyword, error.message, params, error.schemaPath));
    }
  }
  const issues = [...unknown, ...missing, ...rest];
  return issues.length > 0
    ? issues
    : errors.map((e) => issue(e.instancePath, e.keyword, e.message, e.params as Record<string, unknown>, e.schemaPath));
}

/**
 * Fastify's default Ajv set-up coerces every part, bodies included: `{"name": 42}` became "42",
 * `["ADMIN"]` became "ADMIN", and `?page=1e309` became Infinity and reached SQL (a 500).
 * Only strings from the URL need converting; a JSON body already has its types.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema);
  // Most requests carry no query string; when the schema accepts {} there is nothing to convert or check.
  const acceptsEmpty = httpPart === 'querystring' && validator.Check({});
  return (input: unknown) => {
    if (acceptsEmpty && isEmptyObject(input)) return { value: input };
    if (input instanceof NdjsonBody)
      return {
        error: [issue('', 'contentType', `must be JSON: only adding samples takes ${NDJSON_CONTENT_TYPE}`, {})],
      };
    const value = httpPart === 'body' ? input : convertUrlPart(schema, input);
    if (!validator.Check(value)) return { error: toValidationIssues(validator.Errors(value)) };
    const nulAt = httpPart === 'body' && isNulFreeBody(value) ? undefined : findNul(value);
    if (nulAt !== undefined) return { error: [issue(nulAt, 'nul', 'must not contain NUL characters', {})] };
    return { value };
  };
};

function isEmptyObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  for (const _ in value) return false;
  return true;
}
