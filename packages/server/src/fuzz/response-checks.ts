// What every fuzzed answer must satisfy: a timely non-5xx, the contract's error body, and no internal exception text.
import { ErrorBody } from '@teamset/contract';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { REQUEST_TIMEOUT_MS } from './fuzz-settings.js';

/** Text that only an exception, a stack trace or a database driver writes. */
const INTERNAL_TEXT = [
  /\bat (?:Object\.|async |new |Module\.|process\.)/,
  /\b(?:Type|Reference|Range|Syntax|Eval)Error\b/,
  /Cannot read propert/,
  /is not a function/,
  /is not iterable/,
  /Maximum call stack/,
  /SQLITE_/,
  /better-sqlite3|node_modules|\.ts:\d+|\.js:\d+/,
  /\bsyntax error at or near\b/,
  /violates (?:not-null|unique|foreign key|check) constraint/,
  /relation "[^"]+" does not exist/,
  /\bKysely\b/,
];

export interface Attempt {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** What was done to the body. */
  note?: string;
}

function excerpt(value: string | Buffer | undefined, max = 300): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : `<bytes> ${value.toString('utf8')}`;
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
  return JSON.stringify(cut);
}

/** The request as a person reads it in a failure message. */
export function describeAttempt(attempt: Attempt): string {
  const type = attempt.headers?.['content-type'];
  const url = attempt.url.length > 300 ? `${attempt.url.slice(0, 300)}… (${attempt.url.length} chars)` : attempt.url;
  return `${attempt.method} ${url}${type ? ` [${type}]` : ''}${attempt.note ? ` (${attempt.note})` : ''} body ${excerpt(attempt.payload)}`;
}

/** The attempt, printed by fast-check (in a counterexample) the way describeAttempt writes it rather than as raw megabytes. */
export function readable<T extends Attempt>(attempt: T): T {
  return Object.defineProperty(attempt, fc.toStringMethod, {
    value: () => describeAttempt(attempt),
    enumerable: false,
  });
}

/** inject(), but a request with no answer in REQUEST_TIMEOUT_MS is reported as a hang instead of stalling the suite. */
export async function injectWithin(app: FastifyInstance, attempt: Attempt): Promise<LightMyRequestResponse> {
  const options: InjectOptions = {
    method: attempt.method as InjectOptions['method'],
    url: attempt.url,
    headers: attempt.headers ?? {},
    ...(attempt.payload !== undefined ? { payload: attempt.payload } : {}),
  };
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms: ${describeAttempt(attempt)}`)),
      REQUEST_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([app.inject(options), hang]);
  } finally {
    clearTimeout(timer);
  }
}

function leakedText(text: string): RegExp | undefined {
  return INTERNAL_TEXT.find((pattern) => pattern.test(text));
}

/** What is wrong with a REST answer, or undefined when it is acceptable. */
export function restProblem(response: LightMyRequestResponse, method: string): string | undefined {
  if (response.statusCode >= 500) return `status ${response.statusCode}`;
  if (response.statusCode < 400 || method === 'HEAD') return undefined;
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return `status ${response.statusCode} without a JSON error body`;
  }
  if (!Value.Check(ErrorBody, body)) return `status ${response.statusCode} with a body that is not an ErrorBody`;
  // The details too: a field name or problem list there reaches the client just the same.
  const leak = leakedText(JSON.stringify((body as ErrorBody).error));
  return leak ? `error message leaks internal text (${leak.source})` : undefined;
}

/** Throws a readable failure (request, status, answer) when the answer breaks the contract. */
export function assertAcceptable(
  attempt: Attempt,
  response: LightMyRequestResponse,
  problem: string | undefined,
): void {
  if (problem === undefined) return;
  throw new Error(
    `${problem}\n  request: ${describeAttempt(attempt)}\n  answer: ${response.statusCode} ${excerpt(response.body, 500)}`,
  );
}

interface WireError {
  message?: unknown;
  extensions?: { code?: unknown };
}

/**
 * What is wrong with a GraphQL answer: a 5xx; an HTTP 200 that is neither data nor errors; an error that is a
 * resolver's unexpected failure (INTERNAL, the GraphQL form of a 500) or shows internal text. Other statuses
 * (401, 413, 415) are the REST contract's.
 */
export function graphqlProblem(response: LightMyRequestResponse): string | undefined {
  if (response.statusCode !== 200) return restProblem(response, 'POST');
  let body: { data?: unknown; errors?: WireError[] };
  try {
    body = response.json();
  } catch {
    return 'HTTP 200 without a JSON body';
  }
  if (body === null || typeof body !== 'object' || (!('data' in body) && !Array.isArray(body.errors)))
    return 'HTTP 200 with neither data nor errors';
  for (const error of body.errors ?? []) {
    if (error.extensions?.code === 'INTERNAL') return `a resolver failed unexpectedly: ${String(error.message)}`;
    const leak = leakedText(JSON.stringify(error));
    if (leak) return `error message leaks internal text (${leak.source})`;
  }
  return undefined;
}
