// The views a modal tag request names: one sample, or one label of it (select the sample, then keep only that label).
import type { Stage, TagBody } from '@teamset/contract';
import type { LabelShape } from '../../../../lib/label-shapes';

export function sampleTagBody(sampleId: string, tag: string): TagBody {
  return { view: { stages: [{ stage: 'select', sample_ids: [sampleId] }] }, tags: [tag] };
}

/** Tags only `shape`: the sample, its field filtered to the label with that id, and labelFields naming the field. */
export function labelTagBody(sampleId: string, shape: LabelShape & { id: string }, tag: string): TagBody {
  const stages: Stage[] = [
    { stage: 'select', sample_ids: [sampleId] },
    {
      stage: 'filter_labels',
      field: shape.field,
      filter: {
        op: 'eq',
        args: [
          { op: 'elem', path: 'id' },
          { op: 'lit', value: shape.id },
        ],
      },
    },
  ];
  return { view: { stages }, tags: [tag], labelFields: [shape.field] };
}
