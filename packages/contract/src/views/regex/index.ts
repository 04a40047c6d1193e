// View regexes: one accepted syntax, parsed here and printed for RE2 (SQLite) or PostgreSQL with the same meaning.
export { parseViewRegex } from './parse-regex.js';
export { printViewRegex, type RegexEngine } from './print-regex.js';
export { regexProblem } from './regex-problem.js';
export { RegexSyntaxError } from './regex-syntax-error.js';
export { MAX_REGEX_NESTED_REPEAT, MAX_REGEX_REPEAT, type RegexNode } from './regex-tree.js';
