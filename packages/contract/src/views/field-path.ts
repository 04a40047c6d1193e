// Field paths (`ground_truth.detections.label`): dotted identifiers only, so a compiler can quote them without escaping rules.

/** Each segment is an identifier; no `$`, no numeric list indexes, nothing a SQL or JSON path would need to escape. */
export const FIELD_PATH_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$';
export const FIELD_PATH_MAX_LENGTH = 256;
const FIELD_PATH_REGEX = new RegExp(FIELD_PATH_PATTERN);

/** Why `value` is not a field path, or undefined when it is one. */
export function fieldPathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'expected a field path string';
  if (value.length > FIELD_PATH_MAX_LENGTH) return `field path is longer than ${FIELD_PATH_MAX_LENGTH} characters`;
  if (!FIELD_PATH_REGEX.test(value)) {
    return `invalid field path ${JSON.stringify(value)}: use dotted identifiers like "ground_truth.detections.label"`;
  }
  return undefined;
}

export function isFieldPath(value: unknown): value is string {
  return fieldPathProblem(value) === undefined;
}
