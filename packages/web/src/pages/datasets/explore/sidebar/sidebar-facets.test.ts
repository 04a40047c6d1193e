// The sidebar's aggregate request: which aggregations one request asks for, and how the answers are read back.
import type { AggregationResult } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { exploreSchema } from '../state/explore-schema';
import { compileFilters } from '../state/compile-filters';
import { planFacets, planFieldFacets, viewDependsOnTags } from './sidebar-facets';

const schema = exploreSchema([
  { path: 'tags', type: 'list<string>', builtin: true },
  { path: 'metadata', type: 'dict', builtin: true },
  { path: 'ground_truth', type: 'Detections', builtin: false },
  { path: 'points', type: 'Keypoints', builtin: false },
  { path: 'uniqueness', type: 'float', builtin: false },
  { path: 'camera', type: 'string', builtin: false },
  { path: 'reviewed', type: 'bool', builtin: false },
]);

describe('planFacets', () => {
  it('asks count, tags, each label field and each scalar field in one list; "show more" raises one limit', () => {
    const plan = planFacets(schema, { 'ground_truth.detections.label': 1000 });
    expect(plan.aggregations).toEqual([
      { type: 'count' },
      { type: 'count_values', path: 'tags', limit: 200 },
      { type: 'count', path: 'ground_truth.detections' },
      { type: 'count_values', path: 'ground_truth.detections.label', limit: 1000 },
      { type: 'bounds', path: 'ground_truth.detections.confidence' },
      { type: 'histogram_values', path: 'ground_truth.detections.confidence', bins: 10, range: [0, 1] },
      { type: 'count_values', path: 'ground_truth.detections.tags' },
      { type: 'count', path: 'points.keypoints' },
      { type: 'count_values', path: 'points.keypoints.label', limit: 200 },
      { type: 'count_values', path: 'points.keypoints.tags' },
      { type: 'bounds', path: 'uniqueness' },
      { type: 'histogram_values', path: 'uniqueness', bins: 10 },
      { type: 'count_values', path: 'camera', limit: 200 },
      { type: 'count_values', path: 'reviewed' },
    ]);
  });

  it('reads the answers back: nulls out of value lists, label tags summed over fields, booleans with none', () => {
    const plan = planFacets(schema);
    const cv = (values: Array<[string | boolean | null, number]>, distinct?: number): AggregationResult => ({
      type: 'count_values',
      values: values.map(([value, count]) => ({ value, count })),
      ...(distinct !== undefined ? { distinct } : {}),
    });
    const results: AggregationResult[] = [
      { type: 'count', count: 1234 },
      cv(
        [
          ['day', 700],
          ['night', 500],
        ],
        2,
      ),
      { type: 'count', count: 5000 },
      cv(
        [
          ['car', 3000],
          ['dog', 2000],
        ],
        2,
      ),
      { type: 'bounds', bounds: [0.1, 0.99] },
      { type: 'histogram_values', counts: [1, 2], edges: [0, 0.5, 1], other: 0 },
      cv([['error', 3]]),
      { type: 'count', count: 10 },
      cv([['face', 10]]),
      cv([
        ['error', 2],
        [null, 8],
      ]),
      { type: 'bounds', bounds: [0, 1] },
      { type: 'histogram_values', counts: [4], edges: [0, 1], other: 0 },
      cv(
        [
          ['front', 1000],
          [null, 234],
        ],
        5,
      ),
      cv([
        [true, 1000],
        [false, 200],
        [null, 34],
      ]),
    ];
    const facets = plan.read(results);
    expect(facets.count).toBe(1234);
    expect(facets.sampleTags).toEqual({
      values: [
        { value: 'day', count: 700 },
        { value: 'night', count: 500 },
      ],
      distinct: 2,
    });
    expect(facets.labels.ground_truth).toEqual({
      count: 5000,
      classes: {
        values: [
          { value: 'car', count: 3000 },
          { value: 'dog', count: 2000 },
        ],
        distinct: 2,
      },
      confidence: { bounds: [0.1, 0.99], counts: [1, 2], edges: [0, 0.5, 1] },
    });
    expect(facets.labels.points).not.toHaveProperty('confidence');
    expect(facets.labelTags).toEqual({ error: 5 });
    expect(facets.numbers.uniqueness).toEqual({ bounds: [0, 1], counts: [4], edges: [0, 1] });
    expect(facets.strings.camera).toEqual({ values: [{ value: 'front', count: 1000 }], distinct: 5 });
    expect(facets.bools.reviewed).toEqual({ true: 1000, false: 200, none: 34 });
  });

  it('after a tag write asks only the tag counts and replaces them, keeping every other number', () => {
    const plan = planFacets(schema);
    expect(plan.tags.aggregations).toEqual([
      { type: 'count_values', path: 'tags', limit: 200 },
      { type: 'count_values', path: 'ground_truth.detections.tags' },
      { type: 'count_values', path: 'points.keypoints.tags' },
    ]);
    const previous = plan.read([{ type: 'count', count: 7 }]);
    previous.labelTags = { gone: 3 };
    const merged = plan.tags.merge(
      [
        { type: 'count_values', values: [{ value: 'bench', count: 5 }], distinct: 1 },
        { type: 'count_values', values: [{ value: 'error', count: 2 }] },
        { type: 'count_values', values: [{ value: 'error', count: 1 }] },
      ],
      previous,
    );
    expect(merged.count).toBe(7);
    expect(merged.labels).toBe(previous.labels);
    expect(merged.sampleTags).toEqual({ values: [{ value: 'bench', count: 5 }], distinct: 1 });
    expect(merged.labelTags).toEqual({ error: 3 });
  });
});

describe('planFieldFacets: the metadata section, asked for apart', () => {
  const metadata = schema.metadata!;

  it('the whole sidebar asks no metadata path: opening a dataset does not read them', () => {
    const paths = planFacets(schema).aggregations.map((a) => ('path' in a ? a.path : undefined));
    expect(paths.filter((p) => p?.startsWith('metadata'))).toEqual([]);
  });

  it('asks bounds and a histogram per metadata number and the values of mime_type, with its own "show more"', () => {
    const plan = planFieldFacets(metadata, { 'metadata.mime_type': 1000, camera: 5 });
    expect(plan.aggregations).toEqual([
      { type: 'bounds', path: 'metadata.size_bytes' },
      { type: 'histogram_values', path: 'metadata.size_bytes', bins: 10 },
      { type: 'bounds', path: 'metadata.width' },
      { type: 'histogram_values', path: 'metadata.width', bins: 10 },
      { type: 'bounds', path: 'metadata.height' },
      { type: 'histogram_values', path: 'metadata.height', bins: 10 },
      { type: 'bounds', path: 'metadata.num_channels' },
      { type: 'histogram_values', path: 'metadata.num_channels', bins: 10 },
      { type: 'count_values', path: 'metadata.mime_type', limit: 1000 },
    ]);
  });

  it('reads the answers back; a number no sample has keeps null bounds (shown as "No values")', () => {
    const plan = planFieldFacets(metadata);
    const facets = plan.read([
      { type: 'bounds', bounds: [1000, 90000] },
      { type: 'histogram_values', counts: [3, 1], edges: [1000, 45500, 90000], other: 0 },
      { type: 'bounds', bounds: [320, 1920] },
      { type: 'histogram_values', counts: [2, 2], edges: [320, 1120, 1920], other: 0 },
      { type: 'bounds', bounds: [240, 1080] },
      { type: 'histogram_values', counts: [4], edges: [240, 1080], other: 0 },
      { type: 'bounds', bounds: [null, null] },
      { type: 'histogram_values', counts: [], edges: [], other: 0 },
      {
        type: 'count_values',
        values: [
          { value: 'image/jpeg', count: 3 },
          { value: null, count: 2 },
          { value: 'image/png', count: 1 },
        ],
        distinct: 2,
      },
    ]);
    expect(facets.numbers['metadata.width']).toEqual({ bounds: [320, 1920], counts: [2, 2], edges: [320, 1120, 1920] });
    expect(facets.numbers['metadata.num_channels']).toEqual({ bounds: [null, null], counts: [], edges: [] });
    expect(facets.strings['metadata.mime_type']).toEqual({
      values: [
        { value: 'image/jpeg', count: 3 },
        { value: 'image/png', count: 1 },
      ],
      distinct: 2,
    });
    // Before any answer every number is there, uncounted.
    expect(plan.read([]).numbers['metadata.height']).toEqual({ bounds: [null, null], counts: [], edges: [] });
  });

  it('a tag write asks nothing of it (no tag counts) and keeps its numbers', () => {
    const plan = planFieldFacets(metadata);
    expect(plan.tags.aggregations).toEqual([]);
    const previous = plan.read([{ type: 'bounds', bounds: [1, 2] }]);
    expect(plan.tags.merge([], previous)).toBe(previous);
  });
});

describe('viewDependsOnTags', () => {
  it('is true for sample and label tag filters, false for class, confidence and field filters', () => {
    const stagesOf = (filters: Parameters<typeof compileFilters>[0]) =>
      compileFilters(filters, schema).flatMap((c) => c.stages);
    expect(viewDependsOnTags([])).toBe(false);
    expect(viewDependsOnTags(stagesOf({ sampleTags: ['day'] }))).toBe(true);
    expect(viewDependsOnTags(stagesOf({ labelTags: ['error'] }))).toBe(true);
    expect(viewDependsOnTags(stagesOf({ labels: { ground_truth: { classes: ['car'], confidence: [0.5, 1] } } }))).toBe(
      false,
    );
    expect(viewDependsOnTags(stagesOf({ fields: { camera: { kind: 'values', values: ['front'] } } }))).toBe(false);
    expect(viewDependsOnTags([{ stage: 'to_patches', field: 'ground_truth' }])).toBe(false);
    expect(viewDependsOnTags([{ stage: 'sort_by', field: 'tags' }])).toBe(true);
  });
});
