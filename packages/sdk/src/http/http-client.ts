// A small JSON client over global fetch: API key header, per-attempt timeout, retries for idempotent requests only.
import {
  API_KEY_HEADER,
  KEY_EXPIRES_AT_HEADER,
  fillPath,
  type RouteBody,
  type RouteDefinition,
  type RouteParams,
  type RouteResult,
} from '@teamset/contract';
import { ConfigError, RateLimitedError, ServerError, type TeamsetError } from '../errors.js';
import type { ConfigSource } from '../config/config-fields.js';
import { connectionFailure } from './connection-failure.js';
import { errorFromResponse } from './error-from-response.js';
import { explainRefusedKey } from './refused-key.js';
import { backoffDelayMs, isIdempotent, isRetryableStatus, parseRetryAfter, type HttpMethod } from './retry-policy.js';

export interface HttpClientOptions {
  /** Base URI of the server, e.g. http://localhost:5151 (a path prefix is kept). */
  apiUri: string;
  /** Sent as X-API-Key. Optional only because /health needs none. */
  apiKey?: string;
  /** Where the key was read from, for the message when the server refuses it (default: an explicit option). */
  apiKeySource?: ConfigSource;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Total tries for an idempotent request, first one included. Default 3. */
  maxAttempts?: number;
  /** First backoff delay; doubles each retry. Default 250 ms. */
  retryBaseDelayMs?: number;
  /** Longest wait before a retry; a Retry-After beyond it is not waited out but reported. Default 10 s. */
  maxRetryDelayMs?: number;
  /**
   * Called once per client, with the expiry (ISO-8601), when the server says the key in use expires within 7 days
   * (the CLI prints a warning on stderr).
   */
  onKeyExpiring?: (expiresAt: string) => void;
}

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Serialised as JSON. */
  body?: unknown;
  /** A body already serialized (JSON unless `contentType` says otherwise), sent as is instead of `body`. */
  text?: string;
  /** Content type of `text` (default application/json). */
  contentType?: string;
}

/** A call of a contract route: the body typed from the route's schema. */
export interface RouteCallOptions<R extends RouteDefinition> extends Omit<RequestOptions, 'body'> {
  body?: RouteBody<R>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 3;

type Attempt =
  { kind: 'response'; value: unknown } | { kind: 'error'; error: TeamsetError; retryAfterMs: number | null };

export class HttpClient {
  readonly apiUri: string;
  readonly #apiKey: string | undefined;
  readonly #apiKeySource: ConfigSource;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  #onKeyExpiring: ((expiresAt: string) => void) | undefined;

  constructor(options: HttpClientOptions) {
    this.apiUri = options.apiUri.replace(/\/+$/, '');
    // Private field: keeps the key out of console.log / util.inspect of the client.
    this.#apiKey = options.apiKey;
    this.#apiKeySource = options.apiKeySource ?? { type: 'option' };
    this.#onKeyExpiring = options.onKeyExpiring;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.#baseDelayMs = options.retryBaseDelayMs ?? 250;
    this.#maxDelayMs = options.maxRetryDelayMs ?? 10_000;
  }

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }

  /** POST of a body already serialized: JSON, or the given content type (e.g. NDJSON). */
  postText<T>(path: string, text: string, contentType = 'application/json'): Promise<T> {
    return this.request<T>('POST', path, { text, contentType });
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  delete<T = void>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.request<T>('DELETE', path, { query });
  }

  /** Calls a route of the contract's table: its method, its path filled with `params`, its success body's type. */
  call<R extends RouteDefinition>(
    route: R,
    params: RouteParams<R>,
    options: RouteCallOptions<R> = {},
  ): Promise<RouteResult<R>> {
    return this.callAs<RouteResult<R>>(route, params as Record<string, string>, options);
  }

  /**
   * A contract route whose schema's static type differs from the contract's hand-written one (the recursive
   * view expression, open sample documents): method and path from the route, the types from the caller.
   */
  callAs<T>(route: RouteDefinition, params: Record<string, string>, options: RequestOptions = {}): Promise<T> {
    return this.request<T>(route.method, fillPath(route.path, params), options);
  }

  /** Resolves with the parsed JSON body (undefined for 204); rejects with a typed TeamsetError. */
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const url = this.#url(path, options.query);
    const retryable = isIdempotent(method);
    const body = options.text ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(method, url, body, options.contentType);
      if (outcome.kind === 'response') return outcome.value as T;
      const { error } = outcome;
      const transient = error.code === 'CONNECTION' || (error.status !== null && isRetryableStatus(error.status));
      if (!retryable || !transient || attempt >= this.#maxAttempts) throw error;
      const delay = outcome.retryAfterMs ?? backoffDelayMs(attempt, this.#baseDelayMs, this.#maxDelayMs);
      // Waiting longer than the cap would look like a hang; the caller gets the wait time instead.
      if (delay > this.#maxDelayMs) throw error;
      await sleep(delay);
    }
  }

  #url(path: string, query: Record<string, QueryValue> | undefined): URL {
    const url = new URL(this.apiUri + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url;
  }

  /** Hands the first expiry warning to the callback, then forgets the callback: one warning per client. */
  #noticeKeyExpiry(expiresAt: string | null): void {
    if (expiresAt === null || this.#onKeyExpiring === undefined) return;
    const notify = this.#onKeyExpiring;
    this.#onKeyExpiring = undefined;
    notify(expiresAt);
  }

  /** `body` is serialized once, for every attempt. */
  async #attempt(
    method: HttpMethod,
    url: URL,
    body: string | undefined,
    contentType = 'application/json',
  ): Promise<Attempt> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#apiKey !== undefined) headers[API_KEY_HEADER] = this.#apiKey;
    if (body !== undefined) headers['content-type'] = contentType;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
        // Following a redirect would hand the X-API-Key header to wherever it points.
        redirect: 'manual',
      });
      // Read inside the try: the timeout also covers a body that stalls half way.
      text = await response.text();
    } catch (error) {
      return { kind: 'error', error: connectionFailure(error, this.apiUri, this.#timeoutMs), retryAfterMs: null };
    }
    this.#noticeKeyExpiry(response.headers.get(KEY_EXPIRES_AT_HEADER));

    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      throw new ConfigError(
        `The server at ${this.apiUri} redirected ${method} ${url.pathname} to ${location ?? 'another address'}; ` +
          'set api_uri to the final address (redirects are not followed, so the API key is never sent elsewhere)',
      );
    }
    const parsed = parseJson(text);
    if (response.ok) {
      if (response.status === 204 || text === '') return { kind: 'response', value: undefined };
      if (parsed.ok) return { kind: 'response', value: parsed.value };
      throw new ServerError(
        `The server at ${this.apiUri} sent a response that is not JSON — is api_uri the address of a Teamset server?`,
        {
          status: response.status,
          requestId: response.headers.get('x-request-id'),
        },
      );
    }
    const answered = errorFromResponse({
      status: response.status,
      statusText: response.statusText,
      body: parsed.ok ? parsed.value : undefined,
      headers: response.headers,
      uri: this.apiUri,
    });
    const error = this.#apiKey === undefined ? answered : explainRefusedKey(answered, this.#apiKeySource);
    const retryAfter =
      error instanceof RateLimitedError
        ? error.retryAfterSeconds
        : parseRetryAfter(response.headers.get('retry-after'));
    return { kind: 'error', error, retryAfterMs: retryAfter === null ? null : retryAfter * 1000 };
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
