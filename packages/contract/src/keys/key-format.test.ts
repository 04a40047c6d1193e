// API key format (docs/design.md §3): prefix, length, base62 alphabet and a CRC32 checksum that catches any one-character change.
import { describe, expect, it } from 'vitest';
import {
  API_KEY_CHECKSUM_LENGTH,
  API_KEY_LENGTH,
  API_KEY_PREFIX,
  API_KEY_RANDOM_LENGTH,
  BASE62_ALPHABET,
  apiKeyChecksum,
  apiKeyDisplayPrefix,
  base62Fixed,
  crc32,
  formatApiKey,
  isWellFormedApiKey,
} from './key-format.js';

const RANDOM = 'aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0zC';
/** Deterministic base62 strings (no crypto needed for format tests). */
function pseudoRandomBase62(seed: number, length: number): string {
  let out = '';
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += BASE62_ALPHABET[x % 62];
  }
  return out;
}

describe('crc32', () => {
  it('matches the standard IEEE check values', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });
});

describe('base62Fixed', () => {
  it('pads to the width and covers every 32-bit value in six characters', () => {
    expect(base62Fixed(0, 6)).toBe('000000');
    expect(base62Fixed(61, 6)).toBe('00000z');
    expect(base62Fixed(62, 6)).toBe('000010');
    expect(base62Fixed(0xffffffff, 6)).toBe('4gfFC3');
    expect(62 ** API_KEY_CHECKSUM_LENGTH).toBeGreaterThan(0xffffffff);
  });
});

describe('formatApiKey', () => {
  it('builds prefix + random part + checksum of the preceding part, 42 characters', () => {
    const key = formatApiKey(RANDOM);
    expect(API_KEY_LENGTH).toBe(42);
    expect(key).toHaveLength(API_KEY_LENGTH);
    expect(key.startsWith(`${API_KEY_PREFIX}${RANDOM}`)).toBe(true);
    expect(key.slice(-API_KEY_CHECKSUM_LENGTH)).toBe(apiKeyChecksum(`tsk_${RANDOM}`));
    expect(key.slice(-API_KEY_CHECKSUM_LENGTH)).toBe(base62Fixed(crc32(`tsk_${RANDOM}`), 6));
    expect(key).toMatch(/^tsk_[0-9A-Za-z]{38}$/);
  });

  it('refuses a random part of the wrong length or alphabet', () => {
    expect(() => formatApiKey(RANDOM.slice(1))).toThrow();
    expect(() => formatApiKey(`${RANDOM}x`)).toThrow();
    expect(() => formatApiKey(`${RANDOM.slice(1)}-`)).toThrow();
    expect(() => formatApiKey(`${RANDOM.slice(1)}é`)).toThrow();
  });
});

describe('isWellFormedApiKey', () => {
  const key = formatApiKey(RANDOM);

  it('accepts keys built by formatApiKey', () => {
    expect(isWellFormedApiKey(key)).toBe(true);
    for (let seed = 1; seed <= 200; seed++)
      expect(isWellFormedApiKey(formatApiKey(pseudoRandomBase62(seed, API_KEY_RANDOM_LENGTH)))).toBe(true);
  });

  it('rejects every one-character change after the prefix', () => {
    for (let i = API_KEY_PREFIX.length; i < key.length; i++) {
      for (const c of BASE62_ALPHABET) {
        if (c === key[i]) continue;
        const changed = key.slice(0, i) + c + key.slice(i + 1);
        expect(isWellFormedApiKey(changed), `changed position ${i} to ${c}`).toBe(false);
      }
    }
  });

  it('rejects two swapped neighbours in the random part', () => {
    for (let i = API_KEY_PREFIX.length; i < API_KEY_PREFIX.length + API_KEY_RANDOM_LENGTH - 1; i++) {
      if (key[i] === key[i + 1]) continue;
      const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
      expect(isWellFormedApiKey(swapped)).toBe(false);
    }
  });

  it('rejects the wrong length', () => {
    expect(isWellFormedApiKey('')).toBe(false);
    expect(isWellFormedApiKey(API_KEY_PREFIX)).toBe(false);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${key}0`)).toBe(false);
    // A 41-char body with a valid checksum of its own is still not a key.
    const short = `tsk_${RANDOM.slice(1)}`;
    expect(isWellFormedApiKey(short + apiKeyChecksum(short))).toBe(false);
  });

  it('rejects a different prefix, even with a matching checksum', () => {
    for (const prefix of ['TSK_', 'tsx_', 'sk__', 'tsk-']) {
      const body = prefix + RANDOM;
      expect(isWellFormedApiKey(body + apiKeyChecksum(body)), prefix).toBe(false);
    }
  });

  it('rejects characters outside base62, even with a matching checksum', () => {
    for (const bad of ['-', '_', '+', '/', '=', ' ', 'é', '\n']) {
      const body = `tsk_${RANDOM.slice(0, 10)}${bad}${RANDOM.slice(11)}`;
      expect(body).toHaveLength(API_KEY_LENGTH - API_KEY_CHECKSUM_LENGTH);
      expect(isWellFormedApiKey(body + apiKeyChecksum(body)), JSON.stringify(bad)).toBe(false);
    }
    expect(isWellFormedApiKey(` ${key.slice(1)}`)).toBe(false);
    expect(isWellFormedApiKey(`${key}\n`)).toBe(false);
  });
});

describe('apiKeyDisplayPrefix', () => {
  it('is the first 8 characters after tsk_', () => {
    expect(apiKeyDisplayPrefix(formatApiKey(RANDOM))).toBe(RANDOM.slice(0, 8));
  });
});
