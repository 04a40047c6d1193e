// Typed SDK errors: one class per kind of failure, so callers can `instanceof` instead of parsing messages.
import type { ErrorCode } from '@teamset/contract';

/** The server's closed code set plus the two failures that never reach a server. */
export type TeamsetErrorCode = ErrorCode | 'CONNECTION' | 'CONFIG';

export interface TeamsetErrorOptions {
  code: TeamsetErrorCode;
  /** HTTP status, or null when no response was received. */
  status?: number | null;
  /** The server's request id: quote it when reporting a problem so the server log can be searched. */
  requestId?: string | null;
  details?: Record<string, unknown> | undefined;
  cause?: unknown;
}

/** Options for the HTTP error subclasses, whose code defaults to the one their status implies. */
export type HttpErrorOptions = Omit<TeamsetErrorOptions, 'code'> & { code?: ErrorCode };

export class TeamsetError extends Error {
  override name = 'TeamsetError';
  readonly code: TeamsetErrorCode;
  readonly status: number | null;
  readonly requestId: string | null;
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: TeamsetErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.status = options.status ?? null;
    this.requestId = options.requestId ?? null;
    this.details = options.details;
  }
}

/** 401: the key is missing, malformed, unknown, expired or revoked (the server does not say which). */
export class AuthenticationError extends TeamsetError {
  override name = 'AuthenticationError';
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(message, { status: 401, ...options, code: options.code ?? 'UNAUTHENTICATED' });
  }
}

/** 403: authenticated, but the role or permission is too low (or the key belongs to a guest). */
export class ForbiddenError extends TeamsetError {
  override name = 'ForbiddenError';
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(message, { status: 403, ...options, code: options.code ?? 'FORBIDDEN' });
  }
}

export class NotFoundError extends TeamsetError {
  override name = 'NotFoundError';
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(message, { status: 404, ...options, code: options.code ?? 'NOT_FOUND' });
  }
}

/** 400, 413 and 415: the request itself is wrong; retrying it unchanged will not help. */
export class BadRequestError extends TeamsetError {
  override name = 'BadRequestError';
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(message, { status: 400, ...options, code: options.code ?? 'BAD_REQUEST' });
  }
}

export class ConflictError extends TeamsetError {
  override name = 'ConflictError';
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(message, { status: 409, ...options, code: options.code ?? 'CONFLICT' });
  }
}

export class RateLimitedError extends TeamsetError {
  override name = 'RateLimitedError';
  /** From the Retry-After header; null when the server sent none. */
  readonly retryAfterSeconds: number | null;

  constructor(message: string, options: HttpErrorOptions & { retryAfterSeconds?: number | null } = {}) {
    const { retryAfterSeconds, ...rest } = options;
    super(message, { status: 429, ...rest, code: rest.code ?? 'RATE_LIMITED' });
    this.retryAfterSeconds = retryAfterSeconds ?? null;
  }
}

/** 422: a view query ran past the server's time budget and was cancelled; the same query will time out again. */
export class QueryTimeoutError extends TeamsetError {
  override name = 'QueryTimeoutError';
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(message, { status: 422, ...options, code: options.code ?? 'QUERY_TIMEOUT' });
  }
}

/** 5xx, or a success response that is not what a Teamset server sends. */
export class ServerError extends TeamsetError {
  override name = 'ServerError';
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(message, { status: 500, ...options, code: options.code ?? 'INTERNAL' });
  }
}

/** No response: refused, unresolvable host, reset or timed out. The message names the URI tried. */
export class ConnectionError extends TeamsetError {
  override name = 'ConnectionError';
  readonly uri: string;

  constructor(message: string, options: { uri: string; cause?: unknown }) {
    super(message, { code: 'CONNECTION', status: null, cause: options.cause });
    this.uri = options.uri;
  }
}

/** The configuration (file, environment or explicit options) is missing something or wrong. */
export class ConfigError extends TeamsetError {
  override name = 'ConfigError';
  /** The config file involved, when the problem is in (or about) a file. */
  readonly path: string | undefined;

  constructor(message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, { code: 'CONFIG', status: null, cause: options.cause });
    this.path = options.path;
  }
}

export function isTeamsetError(error: unknown): error is TeamsetError {
  return error instanceof TeamsetError;
}
