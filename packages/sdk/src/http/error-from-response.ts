// Turns a non-2xx response into the matching typed error, using the server's ErrorBody when there is one.
import { ERROR_CODES, errorCodeForStatus, type ErrorCode } from '@teamset/contract';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  QueryTimeoutError,
  RateLimitedError,
  ServerError,
  type HttpErrorOptions,
  type TeamsetError,
} from '../errors.js';
import { parseRetryAfter } from './retry-policy.js';

export interface ErrorResponse {
  status: number;
  statusText?: string;
  /** The parsed JSON body, or undefined when the body was empty or not JSON (e.g. a proxy's HTML page). */
  body: unknown;
  headers: Headers;
  /** The server's base URI, to name it in messages. */
  uri: string;
}

interface ParsedErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string | null;
  details: Record<string, unknown> | undefined;
}

function parseErrorBody(body: unknown): ParsedErrorBody | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, requestId, details } = error as Record<string, unknown>;
  if (typeof code !== 'string' || !(ERROR_CODES as string[]).includes(code) || typeof message !== 'string') return null;
  return {
    code: code as ErrorCode,
    message,
    requestId: typeof requestId === 'string' ? requestId : null,
    details: typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined,
  };
}

export function errorFromResponse(response: ErrorResponse): TeamsetError {
  const { status, headers, uri } = response;
  const parsed = parseErrorBody(response.body);
  const statusLabel = response.statusText ? `${status} ${response.statusText}` : String(status);
  const message = parsed?.message ?? `The server at ${uri} answered HTTP ${statusLabel}`;
  const options: HttpErrorOptions = {
    code: parsed?.code ?? errorCodeForStatus(status),
    status,
    requestId: parsed?.requestId ?? headers.get('x-request-id'),
    details: parsed?.details,
  };
  return errorForStatus(status, message, options, parseRetryAfter(headers.get('retry-after')));
}

/**
 * The typed error for a status: the one mapping from status to class, shared with the database connection
 * (which turns core's AppError codes into their statuses first), so both connections throw the same classes.
 */
export function errorForStatus(
  status: number,
  message: string,
  options: HttpErrorOptions,
  retryAfterSeconds: number | null = null,
): TeamsetError {
  if (status === 401) return new AuthenticationError(message, options);
  if (status === 403) return new ForbiddenError(message, options);
  if (status === 404) return new NotFoundError(message, options);
  if (status === 409) return new ConflictError(message, options);
  if (status === 422) return new QueryTimeoutError(message, options);
  if (status === 429) return new RateLimitedError(message, { ...options, retryAfterSeconds });
  if (status >= 500) return new ServerError(message, options);
  if (status >= 400) return new BadRequestError(message, options);
  // 1xx/3xx reaching here are unexpected from the API; report them as a server problem rather than guess.
  return new ServerError(message, options);
}
