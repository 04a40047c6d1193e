// Sidebar filters → view stages: each kind of filter, the order of stages, and chips that remove exactly their filter.
import { describe, expect, it } from 'vitest';
import { compileFilters, filterStages } from './compile-filters';
import { exploreSchema } from './explore-schema';

const schema = exploreSchema([
  { path: 'id', type: 'string', builtin: true },
  { path: 'tags', type: 'list<string>', builtin: true },
  { path: 'metadata', type: 'dict', builtin: true },
  { path: 'ground_truth', type: 'Detections', builtin: false },
  { path: 'ground_truth.detections.iscrowd', type: 'bool', builtin: false },
  { path: 'weather', type: 'Classification', builtin: false },
  { path: 'uniqueness', type: 'float', builtin: false },
  { path: 'camera', type: 'string', builtin: false },
  { path: 'reviewed', type: 'bool', builtin: false },
]);

describe('compileFilters', () => {
  it('no filters: no stages', () => {
    expect(filterStages({}, schema)).toEqual([]);
    expect(filterStages({ sampleTags: [], labels: { ground_truth: { classes: [] } } }, schema)).toEqual([]);
  });

  it('sample tags: match_tags with any of them', () => {
    expect(filterStages({ sampleTags: ['day', 'night'] }, schema)).toEqual([
      { stage: 'match_tags', tags: ['day', 'night'] },
    ]);
  });

  it('classes and a confidence range: filter_labels keeps only matching labels', () => {
    expect(filterStages({ labels: { ground_truth: { classes: ['car'], confidence: [0.5, 1] } } }, schema)).toEqual([
      {
        stage: 'filter_labels',
        field: 'ground_truth',
        filter: {
          op: 'and',
          args: [
            {
              op: 'in',
              args: [
                { op: 'elem', path: 'label' },
                { op: 'lit', value: ['car'] },
              ],
            },
            {
              op: 'gte',
              args: [
                { op: 'elem', path: 'confidence' },
                { op: 'lit', value: 0.5 },
              ],
            },
            {
              op: 'lte',
              args: [
                { op: 'elem', path: 'confidence' },
                { op: 'lit', value: 1 },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('"samples that have a match": a match over the label list, or over the single label', () => {
    expect(filterStages({ labels: { ground_truth: { classes: ['dog'], mode: 'samples' } } }, schema)).toEqual([
      {
        stage: 'match',
        filter: {
          op: 'any',
          args: [
            { op: 'field', path: 'ground_truth.detections' },
            {
              op: 'in',
              args: [
                { op: 'elem', path: 'label' },
                { op: 'lit', value: ['dog'] },
              ],
            },
          ],
        },
      },
    ]);
    expect(filterStages({ labels: { weather: { classes: ['rain'], mode: 'samples' } } }, schema)).toEqual([
      {
        stage: 'match',
        filter: {
          op: 'in',
          args: [
            { op: 'field', path: 'weather.label' },
            { op: 'lit', value: ['rain'] },
          ],
        },
      },
    ]);
  });

  it('label tags: every label field keeps its tagged labels, then samples with a tagged label', () => {
    const stages = filterStages({ labelTags: ['error'] }, schema);
    const tagged = {
      op: 'contains',
      args: [
        { op: 'elem', path: 'tags' },
        { op: 'lit', value: 'error' },
      ],
    };
    expect(stages).toEqual([
      { stage: 'filter_labels', field: 'ground_truth', filter: tagged, only_matches: false },
      { stage: 'filter_labels', field: 'weather', filter: tagged, only_matches: false },
      {
        stage: 'match',
        filter: {
          op: 'or',
          args: [
            {
              op: 'gt',
              args: [
                { op: 'length', args: [{ op: 'field', path: 'ground_truth.detections' }] },
                { op: 'lit', value: 0 },
              ],
            },
            { op: 'exists', args: [{ op: 'field', path: 'weather' }] },
          ],
        },
      },
    ]);
    const one = exploreSchema([{ path: 'gt', type: 'Detections', builtin: false }]);
    expect(filterStages({ labelTags: ['error'] }, one)).toEqual([
      { stage: 'filter_labels', field: 'gt', filter: tagged },
    ]);
  });

  it('numeric ranges, string values and booleans (none: absent or null) become matches', () => {
    expect(
      filterStages(
        {
          fields: {
            uniqueness: { kind: 'range', range: [0.2, 0.8] },
            camera: { kind: 'values', values: ['front'] },
            reviewed: { kind: 'bool', values: [true, null] },
          },
        },
        schema,
      ),
    ).toEqual([
      {
        stage: 'match',
        filter: {
          op: 'and',
          args: [
            {
              op: 'gte',
              args: [
                { op: 'field', path: 'uniqueness' },
                { op: 'lit', value: 0.2 },
              ],
            },
            {
              op: 'lte',
              args: [
                { op: 'field', path: 'uniqueness' },
                { op: 'lit', value: 0.8 },
              ],
            },
          ],
        },
      },
      {
        stage: 'match',
        filter: {
          op: 'in',
          args: [
            { op: 'field', path: 'camera' },
            { op: 'lit', value: ['front'] },
          ],
        },
      },
      {
        stage: 'match',
        filter: {
          op: 'or',
          args: [
            {
              op: 'eq',
              args: [
                { op: 'field', path: 'reviewed' },
                { op: 'lit', value: true },
              ],
            },
            { op: 'not', args: [{ op: 'exists', args: [{ op: 'field', path: 'reviewed' }] }] },
          ],
        },
      },
    ]);
  });

  it('chips name their filter, and removing one leaves the others', () => {
    const filters = {
      sampleTags: ['day'],
      labels: { ground_truth: { classes: ['car', 'dog'], confidence: [0.25, 0.9] as [number, number] } },
      fields: { uniqueness: { kind: 'range' as const, range: [0.1, 0.5] as [number, number] } },
    };
    const compiled = compileFilters(filters, schema);
    expect(compiled.map((c) => c.chip)).toEqual([
      'tags: day',
      'ground_truth: car, dog, confidence 0.25–0.9',
      'uniqueness: 0.1–0.5',
    ]);
    expect(compiled[1]?.remove(filters)).toEqual({
      sampleTags: ['day'],
      fields: { uniqueness: { kind: 'range', range: [0.1, 0.5] } },
    });
    expect(compiled[0]?.remove(filters)).not.toHaveProperty('sampleTags');
  });

  it('metadata attributes filter like other fields: a range and a value list on their dotted paths, each a chip', () => {
    const filters = {
      fields: {
        'metadata.width': { kind: 'range' as const, range: [640, 1280] as [number, number] },
        'metadata.mime_type': { kind: 'values' as const, values: ['image/png', 'image/jpeg'] },
      },
    };
    const compiled = compileFilters(filters, schema);
    // The same stages as a plain number and string field's, on the metadata paths.
    const plain = filterStages(
      {
        fields: {
          uniqueness: { kind: 'range', range: [640, 1280] },
          camera: { kind: 'values', values: ['image/png', 'image/jpeg'] },
        },
      },
      schema,
    );
    const onMetadata = JSON.stringify(plain)
      .replaceAll('"uniqueness"', '"metadata.width"')
      .replaceAll('"camera"', '"metadata.mime_type"');
    expect(compiled.flatMap((c) => c.stages)).toEqual(JSON.parse(onMetadata));
    expect(JSON.stringify(compiled[0]?.stages)).toContain('{"op":"field","path":"metadata.width"}');
    expect(compiled.map((c) => c.chip)).toEqual([
      'metadata.width: 640–1280',
      'metadata.mime_type: image/png, image/jpeg',
    ]);
    expect(compiled[0]?.remove(filters)).toEqual({
      fields: { 'metadata.mime_type': filters.fields['metadata.mime_type'] },
    });
  });

  it('a filter on a field the schema no longer has is left out', () => {
    expect(filterStages({ labels: { gone: { classes: ['x'] } } }, schema)).toEqual([]);
  });
});
