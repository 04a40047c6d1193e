// API key format (docs/design.md §3): "tsk_" + 32 base62 random chars + 6 base62 chars of CRC32, checkable offline.

export const API_KEY_PREFIX = 'tsk_';
export const API_KEY_RANDOM_LENGTH = 32;
export const API_KEY_CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = API_KEY_PREFIX.length + API_KEY_RANDOM_LENGTH + API_KEY_CHECKSUM_LENGTH;
/** Characters shown to people to tell keys apart: the first 8 after the prefix. */
export const API_KEY_DISPLAY_LENGTH = 8;

export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_SHAPE = /^tsk_[0-9A-Za-z]{38}$/;

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of an ASCII string; keys are ASCII so no UTF-8 encoding step is needed. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Fixed-width base62: 62^6 > 2^32, so six characters hold any CRC32. */
export function base62Fixed(value: number, width: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < width; i++) {
    out = BASE62_ALPHABET[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out;
}

export function apiKeyChecksum(body: string): string {
  return base62Fixed(crc32(body), API_KEY_CHECKSUM_LENGTH);
}

/** Builds a full key from its random part (32 base62 chars). */
export function formatApiKey(randomPart: string): string {
  if (!/^[0-9A-Za-z]{32}$/.test(randomPart)) throw new Error('random part must be 32 base62 characters');
  const body = API_KEY_PREFIX + randomPart;
  return body + apiKeyChecksum(body);
}

/** True when the text has the key's shape and its checksum matches: no database needed. */
export function isWellFormedApiKey(text: string): boolean {
  if (text.length !== API_KEY_LENGTH || !KEY_SHAPE.test(text)) return false;
  const body = text.slice(0, API_KEY_LENGTH - API_KEY_CHECKSUM_LENGTH);
  return apiKeyChecksum(body) === text.slice(API_KEY_LENGTH - API_KEY_CHECKSUM_LENGTH);
}

export function apiKeyDisplayPrefix(key: string): string {
  return key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + API_KEY_DISPLAY_LENGTH);
}
