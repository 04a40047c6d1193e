// Describes why fetch got no response (refused, DNS, reset, timeout) as a ConnectionError naming the URI.
import { ConnectionError } from '../errors.js';

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused — is the server running, and is the port right?',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary DNS failure)',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  CERT_HAS_EXPIRED: 'the server TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server TLS certificate could not be verified',
};

function errorCode(error: unknown): string | undefined {
  // undici wraps the socket error: TypeError('fetch failed', { cause: { code } }), sometimes twice.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The innermost message: fetch's own is just "fetch failed", the useful words are in its causes. */
function innermostMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error && current.cause !== undefined; depth++) {
    current = current.cause;
    if (current instanceof Error && current.message) message = current.message;
  }
  return message;
}

export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export function connectionFailure(error: unknown, uri: string, timeoutMs: number): ConnectionError {
  let reason: string;
  if (isTimeout(error)) {
    reason = `no response within ${timeoutMs / 1000} s (timeout)`;
  } else {
    const code = errorCode(error);
    const message = innermostMessage(error);
    // fetch refuses the browser "bad ports" (e.g. 6000, 6665–6669) before connecting; say so plainly.
    reason = code
      ? (REASONS[code] ?? code)
      : message === 'bad port'
        ? 'fetch refuses this port (a reserved "bad port"); use another port'
        : message;
  }
  return new ConnectionError(`Could not reach the Teamset server at ${uri}: ${reason}`, { uri, cause: error });
}
