// The names of the session cookies and auth headers, shared by the server that sets them and the clients that send them.

export const SESSION_COOKIE = 'teamset_session';
/** Readable by the page's JS so it can echo it in CSRF_HEADER (double-submit). */
export const CSRF_COOKIE = 'teamset_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const API_KEY_HEADER = 'x-api-key';
