// A small deterministic dataset for the SDK suites: fixed ids, exact binary floats, and plain-JS answers to check against.
import type { SampleInput } from '@teamset/contract';

export const FIXTURE_SIZE = 30;
export const LABELS = ['cat', 'dog', 'bird'] as const;

export interface FixtureDetection {
  _cls: 'Detection';
  id: string;
  label: string;
  confidence: number;
  bounding_box: number[];
  tags: string[];
}

export interface FixtureSample extends SampleInput {
  id: string;
  filepath: string;
  tags: string[];
  uniqueness: number;
  weather: string;
  ground_truth?: { _cls: 'Detections'; detections: FixtureDetection[] };
}

/** Sample and label ids are unique across the whole database, so each copy of the fixture gets its own id prefix. */
const hex24 = (copy: number, n: number): string =>
  copy.toString(16).padStart(6, '0') + n.toString(16).padStart(18, '0');

/**
 * `copy` numbers the copy (ids differ, nothing else). Sample i: tags train/val/test by i % 3 (+ "hard" when i % 5 === 0); uniqueness (7i mod 32)/32 — distinct and exact
 * in binary, so sums and sorts agree on every database; weather sunny/rainy, snowy when i % 6 === 5; i % 4 detections
 * (none and no field when 0), labelled cycling cat/dog/bird, confidence ((i+j) mod 8 + 1)/8.
 */
export function fixtureSamples(copy = 0, count = FIXTURE_SIZE): FixtureSample[] {
  return Array.from({ length: count }, (_, i) => {
    const tags = [['train', 'val', 'test'][i % 3] as string, ...(i % 5 === 0 ? ['hard'] : [])];
    const sample: FixtureSample = {
      id: hex24(copy, i + 1),
      filepath: `/data/img_${String(i).padStart(3, '0')}.jpg`,
      tags,
      uniqueness: ((7 * i) % 32) / 32,
      weather: i % 6 === 5 ? 'snowy' : i % 2 === 0 ? 'sunny' : 'rainy',
    };
    const n = i % 4;
    if (n > 0) {
      sample.ground_truth = {
        _cls: 'Detections',
        detections: Array.from({ length: n }, (_, j) => ({
          _cls: 'Detection',
          id: hex24(copy, 0x100000 + i * 16 + j),
          label: LABELS[(i + j) % 3] as string,
          confidence: (((i + j) % 8) + 1) / 8,
          bounding_box: [0.125, 0.25, 0.5, 0.5],
          tags: [],
        })),
      };
    }
    return sample;
  });
}

/** Every detection of the fixture, in sample then list order. */
export function fixtureDetections(samples: FixtureSample[]): FixtureDetection[] {
  return samples.flatMap((s) => s.ground_truth?.detections ?? []);
}

/** Value → count, most frequent first, ties by value: the order the aggregation contract promises. */
export function countBy<T extends string | number | boolean>(values: T[]): Array<[T, number]> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A bigger synthetic stream (async, as a reader of files would be): `count` samples with four detections each. */
export async function* syntheticSamples(count: number, prefix = '/stream'): AsyncGenerator<SampleInput> {
  for (let i = 0; i < count; i++) {
    if (i % 500 === 0) await Promise.resolve(); // yield to the event loop now and then, like real I/O
    yield {
      filepath: `${prefix}/img_${i}.jpg`,
      tags: [i % 2 ? 'odd' : 'even'],
      uniqueness: (i % 64) / 64,
      ground_truth: {
        _cls: 'Detections',
        detections: Array.from({ length: 4 }, (_, j) => ({
          _cls: 'Detection',
          label: LABELS[(i + j) % 3],
          confidence: ((i + j) % 8) / 8,
          bounding_box: [0.125, 0.25, 0.5, 0.5],
        })),
      },
    };
  }
}

/** A copy of the fixture with its ids and a filter helper. */
export interface Fixture {
  samples: FixtureSample[];
  ids: string[];
  idsWhere(keep: (sample: FixtureSample) => boolean): string[];
}

export function fixture(copy = 0): Fixture {
  const samples = fixtureSamples(copy);
  return { samples, ids: samples.map((s) => s.id), idsWhere: (keep) => samples.filter(keep).map((s) => s.id) };
}
