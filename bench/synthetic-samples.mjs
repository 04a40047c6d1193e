// The benchmark's synthetic samples: a filepath, a train/val tag, a `uniqueness` float and 5 detections each, deterministic.
const LABELS = ['cat', 'dog', 'car', 'person', 'bird', 'tree', 'bus'];

/** A fixed pseudo-random number in [0, 1) for (i, k): the same dataset on every run and both databases. */
function unit(i, k) {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(k + 7, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 2 ** 32;
}

export function syntheticSample(i) {
  const detections = [];
  for (let k = 0; k < 5; k++) {
    const x = unit(i, k) * 0.8;
    const y = unit(i, k + 10) * 0.8;
    detections.push({
      _cls: 'Detection',
      label: LABELS[(i + k) % LABELS.length],
      bounding_box: [x, y, 0.1, 0.15],
      confidence: unit(i, k + 20),
    });
  }
  return {
    filepath: `/data/images/${String(i).padStart(8, '0')}.jpg`,
    tags: [i % 3 === 0 ? 'train' : 'val'],
    metadata: { width: 640, height: 480 },
    uniqueness: unit(i, 99),
    ground_truth: { _cls: 'Detections', detections },
  };
}

/** Lazily, so adding a million samples never holds them all. */
export function* syntheticSamples(count, offset = 0) {
  for (let i = offset; i < offset + count; i++) yield syntheticSample(i);
}
