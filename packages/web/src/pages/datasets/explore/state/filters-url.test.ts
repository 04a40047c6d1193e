// The URL codec: filters survive the round trip, empty filters leave no parameter, and a damaged parameter means no filters.
import { describe, expect, it } from 'vitest';
import type { ExploreFilters } from './explore-filters';
import { decodeFilters, encodeFilters } from './filters-url';

describe('filters in the URL', () => {
  it('round-trips every kind of filter, in URL-safe characters', () => {
    const filters: ExploreFilters = {
      sampleTags: ['day', 'nuit étoilée'],
      labelTags: ['error'],
      labels: { ground_truth: { classes: ['car', 'chien ✓'], confidence: [0.5, 0.95], mode: 'samples' } },
      fields: {
        uniqueness: { kind: 'range', range: [0.1, 0.9] },
        camera: { kind: 'values', values: ['front'] },
        reviewed: { kind: 'bool', values: [false, null] },
        'metadata.width': { kind: 'range', range: [640, 1920] },
        'metadata.mime_type': { kind: 'values', values: ['image/png'] },
      },
    };
    const encoded = encodeFilters(filters);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeFilters(encoded)).toEqual(filters);
  });

  it('no filters: an empty parameter', () => {
    expect(encodeFilters({})).toBe('');
    expect(encodeFilters({ sampleTags: [], labels: { gt: {} } })).toBe('');
    expect(decodeFilters('')).toEqual({});
    expect(decodeFilters(null)).toEqual({});
  });

  it('damaged or hand-edited parameters give no filters, or only their valid parts', () => {
    expect(decodeFilters('%%%')).toEqual({});
    expect(decodeFilters(btoa('not json'))).toEqual({});
    expect(decodeFilters(btoa('[1,2]'))).toEqual({});
    const odd = btoa(
      JSON.stringify({
        sampleTags: [1, 2],
        labels: { gt: { classes: ['car'], confidence: ['a', 2] }, bad: 5 },
        fields: { x: { kind: 'range', range: [1] }, y: { kind: 'bool', values: [true, 'yes'] } },
      }),
    );
    expect(decodeFilters(odd)).toEqual({
      labels: { gt: { classes: ['car'] } },
      fields: { y: { kind: 'bool', values: [true] } },
    });
  });
});
