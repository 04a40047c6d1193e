// Whether a client's regex is accepted: within the length limit and inside the one syntax both databases share.
import { parseViewRegex } from './parse-regex.js';
import { RegexSyntaxError } from './regex-syntax-error.js';

/** Why `pattern` is refused, or undefined when accepted. Accepted patterns run in linear time on both databases. */
export function regexProblem(pattern: string, maxLength: number): string | undefined {
  if (pattern.length > maxLength) return `regex is ${pattern.length} characters; the limit is ${maxLength}`;
  try {
    parseViewRegex(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof RegexSyntaxError) return `invalid regex: ${error.message}`;
    throw error;
  }
}
