// Validators and conditional requests: strong ETags per file version, If-None-Match before If-Modified-Since, If-Range.
import { describe, expect, it } from 'vitest';
import { fileValidators, isNotModified, rangeStillValid } from './conditional.js';

const mtime = new Date('2024-05-06T07:08:09.750Z');
const file = { size: 1234, mtimeMs: mtime.getTime(), mtime };

describe('fileValidators', () => {
  it('is a strong ETag that changes with the path, size, modification time and variant', () => {
    const base = fileValidators('/data/a.jpg', file);
    expect(base.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(fileValidators('/data/a.jpg', file)).toEqual(base);
    const others = [
      fileValidators('/data/b.jpg', file),
      fileValidators('/data/a.jpg', { ...file, size: 1235 }),
      fileValidators('/data/a.jpg', { ...file, mtimeMs: file.mtimeMs + 1 }),
      fileValidators('/data/a.jpg', file, 't256-'),
    ].map((v) => v.etag);
    expect(new Set([base.etag, ...others]).size).toBe(5);
    expect(base.lastModified).toBe(mtime);
  });
});

describe('isNotModified', () => {
  const v = fileValidators('/data/a.jpg', file);
  it('If-None-Match: the current tag (also weak, in a list, or *) → not modified; another tag → modified', () => {
    expect(isNotModified({ 'if-none-match': v.etag }, v)).toBe(true);
    expect(isNotModified({ 'if-none-match': `"x", W/${v.etag}` }, v)).toBe(true);
    expect(isNotModified({ 'if-none-match': '*' }, v)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"stale"' }, v)).toBe(false);
  });

  it('If-Modified-Since counts whole seconds, and only without If-None-Match', () => {
    expect(isNotModified({ 'if-modified-since': mtime.toUTCString() }, v)).toBe(true);
    expect(isNotModified({ 'if-modified-since': new Date(mtime.getTime() + 60_000).toUTCString() }, v)).toBe(true);
    expect(isNotModified({ 'if-modified-since': new Date(mtime.getTime() - 1000).toUTCString() }, v)).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'not a date' }, v)).toBe(false);
    expect(isNotModified({ 'if-none-match': '"stale"', 'if-modified-since': mtime.toUTCString() }, v)).toBe(false);
    expect(isNotModified({}, v)).toBe(false);
  });
});

describe('rangeStillValid', () => {
  const v = fileValidators('/data/a.jpg', file);
  it('honours the range for the current ETag or date only', () => {
    expect(rangeStillValid(undefined, v)).toBe(true);
    expect(rangeStillValid(v.etag, v)).toBe(true);
    expect(rangeStillValid('"stale"', v)).toBe(false);
    expect(rangeStillValid(`W/${v.etag}`, v)).toBe(false);
    expect(rangeStillValid(mtime.toUTCString(), v)).toBe(true);
    expect(rangeStillValid(new Date(0).toUTCString(), v)).toBe(false);
  });
});
