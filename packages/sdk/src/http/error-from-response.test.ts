// Tests for mapping error responses to typed errors: status picks the class, ErrorBody supplies code/message/requestId.
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TeamsetError,
} from '../errors.js';
import { errorFromResponse } from './error-from-response.js';

const uri = 'http://teamset.test';

function fromBody(status: number, code: string, message = 'msg', headers: Record<string, string> = {}): TeamsetError {
  return errorFromResponse({
    status,
    body: { error: { code, message, requestId: 'req-1' } },
    headers: new Headers(headers),
    uri,
  });
}

describe('errorFromResponse', () => {
  it.each([
    [400, 'BAD_REQUEST', BadRequestError],
    [401, 'UNAUTHENTICATED', AuthenticationError],
    [403, 'FORBIDDEN', ForbiddenError],
    [404, 'NOT_FOUND', NotFoundError],
    [409, 'CONFLICT', ConflictError],
    [413, 'PAYLOAD_TOO_LARGE', BadRequestError],
    [415, 'UNSUPPORTED_MEDIA_TYPE', BadRequestError],
    [429, 'RATE_LIMITED', RateLimitedError],
    [500, 'INTERNAL', ServerError],
    [503, 'UNAVAILABLE', ServerError],
  ])('maps %i %s to its class, keeping code, status and requestId', (status, code, kind) => {
    const error = fromBody(status, code, 'server says no');
    expect(error).toBeInstanceOf(kind);
    expect(error).toBeInstanceOf(TeamsetError);
    expect(error).toMatchObject({ code, status, requestId: 'req-1', message: 'server says no' });
  });

  it('reads Retry-After on 429', () => {
    const error = fromBody(429, 'RATE_LIMITED', 'slow down', { 'retry-after': '7' });
    expect((error as RateLimitedError).retryAfterSeconds).toBe(7);
  });

  it('keeps details', () => {
    const error = errorFromResponse({
      status: 400,
      body: { error: { code: 'BAD_REQUEST', message: 'name is required', requestId: 'r', details: { field: 'name' } } },
      headers: new Headers(),
      uri,
    });
    expect(error.details).toEqual({ field: 'name' });
  });

  it('copes with a body that is not an ErrorBody (a proxy page), naming the server and status', () => {
    const error = errorFromResponse({
      status: 502,
      statusText: 'Bad Gateway',
      body: undefined,
      headers: new Headers({ 'x-request-id': 'px' }),
      uri,
    });
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      code: 'INTERNAL',
      status: 502,
      requestId: 'px',
      message: `The server at ${uri} answered HTTP 502 Bad Gateway`,
    });
  });

  it('ignores an error code outside the closed set', () => {
    const error = fromBody(404, 'NO_SUCH_THING');
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('NOT_FOUND');
  });

  it('gives each class a distinct name for logs', () => {
    expect(fromBody(401, 'UNAUTHENTICATED').name).toBe('AuthenticationError');
    expect(fromBody(429, 'RATE_LIMITED').name).toBe('RateLimitedError');
  });
});
