// The modal's field panel text: values, label summaries, custom fields and metadata.
import { describe, expect, it } from 'vitest';
import { customFields, formatValue, metadataEntries, summarizeLabel } from './field-values';

describe('formatValue', () => {
  it('writes each kind of value shortly', () => {
    expect(formatValue(3)).toBe('3');
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue('day')).toBe('day');
    expect(formatValue(false)).toBe('false');
    expect(formatValue(null)).toBe('—');
    expect(formatValue([1, 2])).toBe('[1,2]');
    expect(formatValue({ long: 'x'.repeat(300) })).toHaveLength(120);
  });
});

describe('summarizeLabel and customFields', () => {
  it('summarizes list labels by class, most first, and single labels by name', () => {
    const detections = {
      _cls: 'Detections',
      detections: [{ label: 'person' }, { label: 'car' }, { label: 'car' }],
    };
    expect(summarizeLabel(detections)).toBe('Detections: 2 car, 1 person');
    expect(summarizeLabel({ _cls: 'Keypoints', keypoints: [] })).toBe('Keypoints: none');
    expect(summarizeLabel({ _cls: 'Classification', label: 'day', confidence: 0.5 })).toBe('Classification: day (0.5)');
    expect(summarizeLabel({ _cls: 'Regression', value: 2.5 })).toBe('Regression: 2.5');
  });

  it('lists the custom fields in order, without the built-in ones', () => {
    const sample = {
      id: 'a'.repeat(24),
      filepath: '/a.jpg',
      tags: ['x'],
      metadata: { width: 4 },
      created_at: '',
      last_modified_at: '',
      uniqueness: 0.5,
      weather: { _cls: 'Classification', label: 'rain' },
    };
    expect(customFields(sample)).toEqual([
      ['uniqueness', '0.5'],
      ['weather', 'Classification: rain'],
    ]);
    expect(metadataEntries(sample.metadata)).toEqual([['width', '4']]);
    expect(metadataEntries(null)).toEqual([]);
  });
});
