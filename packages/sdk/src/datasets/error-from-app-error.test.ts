// Both connections throw the same typed errors: core AppErrors and HTTP error bodies map to the same classes, 422 included.
import { ERROR_CODES, httpStatusOf } from '@teamset/contract';
import { AppError } from '@teamset/core';
import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  QueryTimeoutError,
  ServerError,
  TeamsetError,
} from '../errors.js';
import { errorFromResponse } from '../http/error-from-response.js';
import { errorFromAppError, errorFromUnexpected } from './error-from-app-error.js';

describe('errorFromAppError', () => {
  it.each([
    ['BAD_REQUEST', BadRequestError],
    ['FORBIDDEN', ForbiddenError],
    ['NOT_FOUND', NotFoundError],
    ['CONFLICT', ConflictError],
    ['QUERY_TIMEOUT', QueryTimeoutError],
    ['INTERNAL', ServerError],
  ] as const)('%s becomes %o with the code, status, message and details', (code, kind) => {
    const cause = new AppError(code, 'it went wrong', { problems: [{ path: 'stages[0]', message: 'bad' }] });
    const error = errorFromAppError(cause);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({
      code,
      status: httpStatusOf(code),
      message: 'it went wrong',
      requestId: null,
      details: cause.details,
    });
    expect(error.cause).toBe(cause);
  });

  it('gives every code the class the HTTP connection gives its response', () => {
    for (const code of ERROR_CODES) {
      const direct = errorFromAppError(new AppError(code, 'm'));
      const http = errorFromResponse({
        status: httpStatusOf(code),
        body: { error: { code, message: 'm', requestId: 'r' } },
        headers: new Headers(),
        uri: 'http://x',
      });
      expect(direct.constructor, code).toBe(http.constructor);
      expect(direct.code, code).toBe(http.code);
    }
  });

  it('maps a 422 QUERY_TIMEOUT response to QueryTimeoutError', () => {
    const error = errorFromResponse({
      status: 422,
      body: { error: { code: 'QUERY_TIMEOUT', message: 'too slow', requestId: 'r' } },
      headers: new Headers(),
      uri: 'http://x',
    });
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect(error).toMatchObject({ code: 'QUERY_TIMEOUT', status: 422, message: 'too slow' });
  });

  it('wraps anything else as a ServerError that keeps the original', () => {
    const cause = new Error('disk I/O error');
    const error = errorFromUnexpected(cause);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toBeInstanceOf(TeamsetError);
    expect(error.message).toContain('disk I/O error');
    expect(error.cause).toBe(cause);
  });
});
