// Core's AppError → the SDK's typed errors, so a script sees the same classes over the database connection as over HTTP.
import { httpStatusOf, type ErrorCode } from '@teamset/contract';
import type { AppError } from '@teamset/core';
import { ServerError, type TeamsetError } from '../errors.js';
import { errorForStatus } from '../http/error-from-response.js';

/** Same class, code, status, message and details the server would have sent for this AppError; no request id. */
export function errorFromAppError(error: AppError): TeamsetError {
  const code: ErrorCode = error.code;
  return errorForStatus(httpStatusOf(code), error.message, {
    code,
    status: httpStatusOf(code),
    details: error.details,
    cause: error,
  });
}

/**
 * Anything else core throws (a driver failure, a bug) is what the server would answer with a 500; over the
 * database connection there is no server log to point at, so the original message is kept, and the error as cause.
 */
export function errorFromUnexpected(error: unknown): TeamsetError {
  const message = error instanceof Error ? error.message : String(error);
  return new ServerError(`Internal error in the database connection: ${message}`, { cause: error });
}
