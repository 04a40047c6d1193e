// A view that is far more than a few ms of work on either database: a regex over every label, then a sort by an expression.

/** Samples with a detection whose label matches `labelRegex`, sorted by `uniqueness * 3` (no index serves it). */
export function heavyView(labelRegex: string): { stages: unknown[] } {
  return {
    stages: [
      {
        stage: 'match',
        filter: {
          op: 'any',
          args: [
            { op: 'field', path: 'ground_truth.detections' },
            {
              op: 'matches',
              args: [
                { op: 'elem', path: 'label' },
                { op: 'lit', value: labelRegex },
              ],
            },
          ],
        },
      },
      {
        stage: 'sort_by',
        expr: {
          op: 'mul',
          args: [
            { op: 'field', path: 'uniqueness' },
            { op: 'lit', value: 3 },
          ],
        },
      },
    ],
  };
}
