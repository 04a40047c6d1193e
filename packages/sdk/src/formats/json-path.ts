// JSON paths for messages: `annotations[17].bbox`, `samples[3]["odd key"]`.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Joins keys and indexes into one path; the first part is written bare. */
export function jsonPath(...parts: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (out === '') out = part;
    else out += IDENTIFIER.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** A value's kind, for "expected …, got …" messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) {
    const text = JSON.stringify(value);
    return text !== undefined && text.length <= 60 ? text : `a list of ${value.length}`;
  }
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return value.length > 40
      ? `a string (${JSON.stringify(value.slice(0, 40))}…)`
      : `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}
