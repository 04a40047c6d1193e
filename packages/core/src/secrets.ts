// Secret tokens and their digests: only SHA-256 digests of keys, session and invitation tokens are stored.
import { hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { BASE62_ALPHABET } from '@teamset/contract';

/** One-shot crypto.hash: about a third of createHash's cost, and this runs on every key-authenticated request. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** URL-safe opaque token for sessions, invitations and setup (256 bits). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Uniform base62 string; randomInt avoids the modulo bias of mapping random bytes. */
export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62_ALPHABET[randomInt(62)];
  return out;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
