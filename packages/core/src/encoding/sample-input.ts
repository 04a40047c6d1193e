// Sample input validation (docs/design.md §5): built-ins checked and normalized, custom fields named, validated and typed.
import {
  FILEPATH_MAX_LENGTH,
  METADATA_ATTRIBUTES,
  SAMPLE_ID_PATTERN,
  reservedFieldNameProblem,
  type FieldType,
} from '@teamset/contract';
import { badRequest } from '../errors/app-error.js';
import { checkJson, isFiniteNumber, isPlainObject, stringProblem } from './json-check.js';
import type { FieldValues } from './field-values.js';
import { kindOf } from './label-values.js';
import { typeMismatch } from '../fields/schema-inference.js';

/** A sample ready to store: `fields` holds every custom field, labels normalized. */
export interface NormalizedSample {
  /** The caller's id, or undefined: the service assigns one. */
  id: string | undefined;
  filepath: string;
  tags: string[];
  metadata: Record<string, unknown> | null;
  fields: Record<string, unknown>;
}

const SAMPLE_ID = new RegExp(SAMPLE_ID_PATTERN);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Keys of an input the server sets itself: accepted and ignored, so exported samples re-import as they are. */
export const SERVER_SET_KEYS: ReadonlySet<string> = new Set(['created_at', 'last_modified_at']);

/** Why `name` cannot be a custom field, or undefined. */
export function customFieldNameProblem(name: string): string | undefined {
  if (!IDENTIFIER.test(name))
    return `field name ${JSON.stringify(name)} must be an identifier (letters, digits and "_", not starting with a digit)`;
  return reservedFieldNameProblem(name);
}

export function checkCustomFieldName(name: string): void {
  const problem = customFieldNameProblem(name);
  if (problem) throw badRequest(`Invalid field ${JSON.stringify(name)}: ${problem}`, { field: name });
}

export function normalizeFilepath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > FILEPATH_MAX_LENGTH) {
    throw badRequest(`filepath must be a non-empty string of at most ${FILEPATH_MAX_LENGTH} characters`, {
      field: 'filepath',
    });
  }
  const problem = stringProblem(value);
  if (problem) throw badRequest(`filepath ${problem}`, { field: 'filepath' });
  return value;
}

export function normalizeSampleId(value: unknown): string {
  if (typeof value !== 'string' || !SAMPLE_ID.test(value))
    throw badRequest('id must be 24 lowercase hex characters', { field: 'id' });
  return value;
}

/** A list of strings, duplicates dropped (first occurrence kept); null or absent is []. */
export function normalizeSampleTags(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('tags must be a list of strings', { field: 'tags' });
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of value) {
    if (typeof tag !== 'string') throw badRequest('tags must be a list of strings', { field: 'tags' });
    const problem = stringProblem(tag);
    if (problem) throw badRequest(`tags ${problem}`, { field: 'tags' });
    if (!seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  }
  return out;
}

function checkMetadataAttribute(key: string, type: FieldType, value: unknown): void {
  if (value === null || value === undefined) return;
  const ok =
    type === 'int'
      ? isFiniteNumber(value) && Number.isInteger(value) && value >= 0
      : type === 'string'
        ? typeof value === 'string'
        : true;
  if (!ok) throw typeMismatch(`metadata.${key}`, type, kindOf(value));
}

/** A JSON object or null; FiftyOne's ImageMetadata attributes (width, height, …) must have their types. */
export function normalizeMetadata(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (!isPlainObject(value)) throw badRequest('metadata must be a JSON object or null', { field: 'metadata' });
  checkJson(value, 'metadata');
  for (const [key, type] of Object.entries(METADATA_ATTRIBUTES)) checkMetadataAttribute(key, type, value[key]);
  return value;
}

/** One sample of an add: built-ins normalized, every other key a custom field checked through `values`. */
export function normalizeSampleInput(input: unknown, values: FieldValues): NormalizedSample {
  if (!isPlainObject(input)) throw badRequest('each sample must be a JSON object');
  const sample: NormalizedSample = {
    id: input.id === undefined || input.id === null ? undefined : normalizeSampleId(input.id),
    filepath: normalizeFilepath(input.filepath),
    tags: normalizeSampleTags(input.tags),
    metadata: normalizeMetadata(input.metadata),
    fields: {},
  };
  for (const key of Object.keys(input)) {
    if (key === 'id' || key === 'filepath' || key === 'tags' || key === 'metadata' || SERVER_SET_KEYS.has(key))
      continue;
    const value = input[key];
    if (value === undefined) continue;
    checkCustomFieldName(key);
    sample.fields[key] = values.field(key, value);
  }
  return sample;
}
