// The server's string rules, checked before anything is sent so a bad name fails the import up front.

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD_CHARACTER = /[\u0000\p{Cs}]/u;

/** Why the string cannot be stored (PostgreSQL's jsonb refuses NUL and lone surrogates), or undefined. */
export function stringProblem(value: string): string | undefined {
  if (!BAD_CHARACTER.test(value)) return undefined;
  return value.includes('\u0000') ? 'contains a NUL character' : 'is not valid Unicode (lone surrogate)';
}

/** Label attribute and field names the server accepts. */
export const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Top-level custom field names the server accepts (FiftyOne's `_`-prefixed names are private). */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
