// The fetch client: same-origin cookies, the CSRF header on unsafe methods, JSON in and out, errors as ApiError.
import { CSRF_COOKIE, CSRF_HEADER } from '@teamset/contract/constants';
import { ApiError, errorFromResponse } from './api-error';
import { isPrefetching, peekOrPrefetch, requestKey, takePrefetched } from './prefetch';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | undefined>;

let onUnauthenticated: (() => void) | undefined;

/** Called when a signed-in call gets 401 (the session ended elsewhere): the app returns to the sign-in page. */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function withQuery(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** Sign-in and setup expect 401s of their own; those must not bounce the app to the sign-in page. */
  quiet401?: boolean;
}

export function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const key = requestKey(method, withQuery(path, options.query), options.body);
  // A prefetch keeps its answer for the first identical request; the prefetcher may read it too (to chain on it).
  if (isPrefetching())
    return peekOrPrefetch(key, () => send<unknown>(method, path, { ...options, quiet401: true })) as Promise<T>;
  const early = takePrefetched(key);
  // A failed prefetch asks again, so its error is handled as usual (a 401 returns to sign-in).
  if (early)
    return early.then(
      (value) => value as T,
      () => send<T>(method, path, options),
    );
  return send<T>(method, path, options);
}

async function send<T>(method: Method, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Could not reach the Teamset server; check your connection and try again');
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (error.status === 401 && !options.quiet401) onUnauthenticated?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { ...(query ? { query } : {}) }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};
