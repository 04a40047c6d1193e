// ApiError: a failed API call, carrying the server's sentence (shown to people) and its code (for the app's own decisions only).
import type { ErrorBody, ErrorCode } from '@teamset/contract';

export type ClientErrorCode = ErrorCode | 'NETWORK';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The request field the server blamed (e.g. `currentPassword`), when it named one. */
  get field(): string | undefined {
    const field = this.details.field;
    return typeof field === 'string' ? field.replace(/^body\./, '') : undefined;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body))
    return new ApiError(response.status, body.error.code, body.error.message, body.error.details ?? {});
  // A proxy's own error page, or a server too old to know the route: still a sentence, never a bare status.
  return new ApiError(
    response.status,
    response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
    `The server answered ${response.status} ${response.statusText}`.trim(),
  );
}

/** The sentence to show for any failure: the API's message, or a plain one for anything else. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong';
}
