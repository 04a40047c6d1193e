// How long an import or export took, as a person reads it.
import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.js';

describe('formatDuration', () => {
  it('writes under a second as milliseconds, never "0.0 s"', () => {
    expect(formatDuration(0.85)).toBe('850 ms');
    expect(formatDuration(0.0004)).toBe('1 ms');
    expect(formatDuration(0)).toBe('1 ms');
  });

  it('writes seconds with one decimal under a minute, minutes beyond', () => {
    expect(formatDuration(1)).toBe('1.0 s');
    expect(formatDuration(4.24)).toBe('4.2 s');
    expect(formatDuration(59.9)).toBe('59.9 s');
    expect(formatDuration(59.97)).toBe('1 min');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(7260)).toBe('2 h 1 min');
  });
});
