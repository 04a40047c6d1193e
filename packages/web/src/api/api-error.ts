// ApiError: a failed API call, carrying the sentence shown to people (the App's words, made here, once) and its code.
import type { ErrorBody, ErrorCode, PendingInvitationDetails } from '@teamset/contract';
import { INVALID_EMAIL_MESSAGE } from '../lib/email-check';
import { formatDateTime } from '../lib/format';
import { ROLE_LABELS } from '../lib/roles';

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
    return typeof field === 'string' ? field.replace(/^(body|query|params)\./, '') : undefined;
  }

  /** The pending invitation a 409 INVITATION_PENDING names, so the invite form can ask before replacing it. */
  get pendingInvitation(): PendingInvitationDetails | undefined {
    const pending = this.details.pending as Partial<PendingInvitationDetails> | undefined;
    return this.code === 'INVITATION_PENDING' &&
      typeof pending?.role === 'string' &&
      typeof pending.createdAt === 'string'
      ? (pending as PendingInvitationDetails)
      : undefined;
  }
}

/** How a field is called on the App's forms, for sentences about a value the server refused. */
const FIELD_NAMES: Record<string, string> = {
  email: 'email address',
  name: 'name',
  password: 'password',
  newPassword: 'new password',
  currentPassword: 'current password',
  role: 'role',
  permission: 'permission',
  description: 'description',
  tags: 'tags',
  token: 'invitation link',
  roots: 'media root',
  users: 'people',
};

/** Where no field-specific sentence fits, what each code means to a person. */
const CODE_MESSAGES: Partial<Record<ClientErrorCode, string>> = {
  INTERNAL: 'Something went wrong on the server. Try again; if it keeps happening, tell your admin.',
  UNAVAILABLE: 'The server is busy or restarting. Try again in a moment.',
  PAYLOAD_TOO_LARGE: 'That is more than the server accepts at once. Try something smaller.',
  UNSUPPORTED_MEDIA_TYPE: 'The server could not read what was sent. Reload the page and try again.',
};

/** A schema check's message (`body.email must match pattern "…"`) — written for programmers, never shown. */
function isSchemaMessage(message: string, details: Record<string, unknown>): boolean {
  const field = details.field;
  return typeof field === 'string' && /^(body|query|params|querystring)\b/.test(field) && message.startsWith(field);
}

/** A sentence about one field the server's schema refused: what is wrong with it, in the form's words. */
export function fieldSentence(field: string, problem: string): string {
  const key = field.replace(/^(body|query|params|querystring)\.?/, '').split('.')[0] ?? '';
  if (key === 'email') return INVALID_EMAIL_MESSAGE;
  const name = FIELD_NAMES[key] ?? 'value';
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  if (/is required/.test(problem)) return `${label} is required.`;
  const longest = /must NOT have more than (\d+)/.exec(problem);
  if (longest) return `The ${name} is too long (at most ${longest[1]} characters).`;
  const shortest = /must NOT have fewer than (\d+)/.exec(problem);
  if (shortest)
    return shortest[1] === '1'
      ? `${label} is required.`
      : `The ${name} is too short (at least ${shortest[1]} characters).`;
  return `That ${name} is not valid.`;
}

/** The one place a server answer becomes the sentence people read. */
export function plainMessage(code: ClientErrorCode, message: string, details: Record<string, unknown>): string {
  if (isSchemaMessage(message, details)) return fieldSentence(String(details.field), message);
  const pending = details.pending as Partial<PendingInvitationDetails> | undefined;
  if (code === 'INVITATION_PENDING' && pending?.role && pending.createdAt)
    return `This email already has a pending ${ROLE_LABELS[pending.role]} invitation, sent ${formatDateTime(pending.createdAt)}.`;
  if (code === 'NOT_FOUND' && message.startsWith('No route '))
    return 'The server does not know this action. It may be an older version; reload the page.';
  return CODE_MESSAGES[code] ?? message;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    const details = body.error.details ?? {};
    return new ApiError(
      response.status,
      body.error.code,
      plainMessage(body.error.code, body.error.message, details),
      details,
    );
  }
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
