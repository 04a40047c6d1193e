// Assertions on injected responses: the one error body shape, its status and code, and its request id.
import { ErrorBody, httpStatusOf, type ErrorCode } from '@teamset/contract';
import type { LightMyRequestResponse } from 'fastify';
import { Value } from 'typebox/value';
import { expect } from 'vitest';

/** Shape check of `{error:{code,message,requestId}}` (code from the closed set), request id echoed in x-request-id. */
export function expectErrorShape(response: LightMyRequestResponse): ErrorBody {
  expect(response.headers['content-type'], response.body).toMatch(/^application\/json/);
  const body: unknown = response.json();
  expect(Value.Check(ErrorBody, body), `not an ErrorBody: ${response.body}`).toBe(true);
  const typed = body as ErrorBody;
  expect(typed.error.message.length).toBeGreaterThan(0);
  expect(typed.error.requestId).toBe(response.headers['x-request-id']);
  expect(httpStatusOf(typed.error.code)).toBe(response.statusCode);
  return typed;
}

/** Asserts the status, the error shape and (when given) the code; returns the error. */
export function expectError(response: LightMyRequestResponse, status: number, code?: ErrorCode): ErrorBody['error'] {
  expect(response.statusCode, response.body).toBe(status);
  const body = expectErrorShape(response);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

/** Passed authentication and authorization: anything but 401/403 (and never a server error). */
export function expectAuthorized(response: LightMyRequestResponse): void {
  expect([401, 403, 429], response.body).not.toContain(response.statusCode);
  expect(response.statusCode, response.body).toBeLessThan(500);
}
