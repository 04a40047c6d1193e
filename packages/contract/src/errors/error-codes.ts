// The closed set of API error codes and the one place each maps to an HTTP status.
import { Type, type Static } from 'typebox';

export const ERROR_HTTP_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** Inviting an email that already has a pending invitation, without `replace: true`; details name it. */
  INVITATION_PENDING: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A view query ran past its time budget and was cancelled; retrying the same query will not help. */
  QUERY_TIMEOUT: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;
export const ERROR_CODES = Object.keys(ERROR_HTTP_STATUS) as ErrorCode[];

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_HTTP_STATUS[code];
}

/** Inverse of the map, for clients that only have a status (e.g. a proxy's bare 502). */
export function errorCodeForStatus(status: number): ErrorCode {
  const hit = ERROR_CODES.find((code) => ERROR_HTTP_STATUS[code] === status);
  if (hit) return hit;
  return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
}

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(ERROR_CODES),
      message: Type.String(),
      requestId: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { title: 'ErrorBody', description: 'Every error response has this shape.' },
);
export type ErrorBody = Static<typeof ErrorBody>;

/** The one message for every kind of bad credential, so a caller cannot tell which check failed. */
export const INVALID_API_KEY_MESSAGE = 'Invalid or expired API key';
export const GUEST_API_KEY_MESSAGE = 'Guests cannot use API keys';
