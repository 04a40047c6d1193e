// Safe renderings of secrets for people and logs: an API key shows only what the server also shows.
import { API_KEY_DISPLAY_LENGTH, API_KEY_PREFIX } from '@teamset/contract';

const HIDDEN = '…';

/**
 * `tsk_AbCdEfGh…`: the prefix and the first 8 characters, which the server stores for display and
 * lists anyway, so showing them reveals nothing new. Anything not shaped like a key is hidden whole.
 */
export function maskApiKey(key: string): string {
  if (!key.startsWith(API_KEY_PREFIX) || key.length <= API_KEY_PREFIX.length + API_KEY_DISPLAY_LENGTH) return HIDDEN;
  return key.slice(0, API_KEY_PREFIX.length + API_KEY_DISPLAY_LENGTH) + HIDDEN;
}

/** A database URI with its password (userinfo or `password=` query parameter) replaced by `***`. */
export function maskDatabaseUri(uri: string): string {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    // Not a URL we can take apart: show nothing rather than risk showing a password.
    return HIDDEN;
  }
  if (parsed.protocol === 'sqlite:') return uri;
  if (parsed.password) parsed.password = '***';
  for (const name of [...parsed.searchParams.keys()]) {
    if (name.toLowerCase() === 'password') parsed.searchParams.set(name, '***');
  }
  return parsed.toString();
}
