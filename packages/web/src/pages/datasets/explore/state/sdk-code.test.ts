// "Copy as code" really runs: the generated script, evaluated with the SDK's F and DatasetView, builds the same stages.
import type { Dataset as DatasetRecord, Stage } from '@teamset/contract';
import { DatasetView, F } from '@teamset/sdk';
import { describe, expect, it } from 'vitest';
import { filterStages } from './compile-filters';
import { exploreSchema } from './explore-schema';
import { sdkCode } from './sdk-code';

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

/** Runs the script with loadDataset stubbed (no server: building a view makes no request) and returns its view's stages. */
async function run(code: string): Promise<readonly Stage[]> {
  const state = { name: 'birds', record: { name: 'birds' } as DatasetRecord } as unknown as ConstructorParameters<
    typeof DatasetView
  >[0];
  const dataset = Object.assign(new DatasetView(state), { view: () => new DatasetView(state) });
  const body = code
    .replace(/^import .*$/m, '')
    .replace(/^console\.log.*$/m, '')
    .concat('\nreturn view;');
  const loadDataset = async (name: string) => {
    expect(name).toBe('birds');
    return dataset;
  };
  const view = (await new AsyncFunction('F', 'loadDataset', body)(F, loadDataset)) as DatasetView;
  return view.stages;
}

const schema = exploreSchema([
  { path: 'ground_truth', type: 'Detections', builtin: false },
  { path: 'weather', type: 'Classification', builtin: false },
  { path: 'uniqueness', type: 'float', builtin: false },
  { path: 'camera', type: 'string', builtin: false },
  { path: 'reviewed', type: 'bool', builtin: false },
  { path: 'metadata', type: 'dict', builtin: true },
]);

describe('sdkCode', () => {
  it('reads as an SDK script', () => {
    expect(sdkCode('birds', [{ stage: 'match_tags', tags: ['day'] }])).toBe(
      [
        "import { F, loadDataset } from '@teamset/sdk';",
        '',
        'const dataset = await loadDataset("birds");',
        'const view = dataset',
        '  .matchTags(["day"]);',
        'console.log(await view.count());',
        '',
      ].join('\n'),
    );
  });

  it('the whole dataset: dataset.view()', async () => {
    expect(await run(sdkCode('birds', []))).toEqual([]);
  });

  it('every sidebar filter builds the same stages through the SDK', async () => {
    const stages = filterStages(
      {
        sampleTags: ['day', 'night'],
        labelTags: ['error'],
        labels: {
          ground_truth: { classes: ['car', 'it\'s "quoted"'], confidence: [0.5, 1] },
          weather: { classes: ['rain'], mode: 'samples' },
        },
        fields: {
          uniqueness: { kind: 'range', range: [0.2, 0.8] },
          camera: { kind: 'values', values: ['front'] },
          reviewed: { kind: 'bool', values: [false, null] },
          'metadata.width': { kind: 'range', range: [640, 1920] },
          'metadata.mime_type': { kind: 'values', values: ['image/png'] },
        },
      },
      schema,
    );
    expect(stages.length).toBeGreaterThan(8);
    expect(await run(sdkCode('birds', stages))).toEqual(stages);
    const samples = filterStages({ labels: { ground_truth: { classes: ['dog'], mode: 'samples' } } }, schema);
    expect(await run(sdkCode('birds', samples))).toEqual(samples);
  });

  it('metadata filters read as F("metadata.…") matches', async () => {
    const stages = filterStages(
      {
        fields: {
          'metadata.width': { kind: 'range', range: [640, 1920] },
          'metadata.mime_type': { kind: 'values', values: ['image/png'] },
        },
      },
      schema,
    );
    const code = sdkCode('birds', stages);
    expect(code).toContain('.match(F.and(F("metadata.width").gte(640), F("metadata.width").lte(1920)))');
    expect(code).toContain('.match(F("metadata.mime_type").isIn(["image/png"]))');
    expect(await run(code)).toEqual(stages);
  });

  it('the other stages a saved view may hold, and sample fields inside a label filter', async () => {
    const stages: Stage[] = [
      {
        stage: 'filter_labels',
        field: 'ground_truth',
        filter: {
          op: 'gt',
          args: [
            { op: 'elem', path: 'confidence' },
            { op: 'field', path: 'uniqueness' },
          ],
        },
        only_matches: false,
      },
      {
        stage: 'match',
        filter: {
          op: 'matches',
          args: [
            { op: 'field', path: 'camera' },
            { op: 'lit', value: '^fr' },
          ],
          ignore_case: true,
        },
      },
      {
        stage: 'match',
        filter: {
          op: 'lt',
          args: [
            { op: 'lit', value: 0.5 },
            {
              op: 'round',
              args: [
                { op: 'field', path: 'uniqueness' },
                { op: 'lit', value: 2 },
              ],
            },
          ],
        },
      },
      { stage: 'match_tags', tags: ['x'], bool: false, all: true },
      { stage: 'exists', field: 'weather', bool: false },
      { stage: 'sort_by', field: 'uniqueness', reverse: true },
      { stage: 'sort_by', expr: { op: 'strlen', args: [{ op: 'field', path: 'camera' }] } },
      { stage: 'skip', n: 2 },
      { stage: 'limit', n: 10 },
      { stage: 'take', size: 5, seed: 7 },
      { stage: 'shuffle', seed: 3 },
      { stage: 'select', sample_ids: ['0123456789abcdef01234567'], ordered: true },
      { stage: 'exclude', sample_ids: ['0123456789abcdef01234568'] },
      { stage: 'select_fields', fields: ['ground_truth'] },
      { stage: 'exclude_fields', fields: ['weather'] },
      { stage: 'to_patches', field: 'ground_truth' },
    ];
    expect(await run(sdkCode('birds', stages))).toEqual(stages);
  });
});
