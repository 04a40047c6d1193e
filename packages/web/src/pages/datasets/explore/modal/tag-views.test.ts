// The tag request bodies of the modal: one sample by id, or one label by its field and id.
import { describe, expect, it } from 'vitest';
import type { LabelShape } from '../../../../lib/label-shapes';
import { labelTagBody, sampleTagBody } from './tag-views';

const SAMPLE = 'a'.repeat(24);

describe('tag bodies', () => {
  it('a sample: a select of its id', () => {
    expect(sampleTagBody(SAMPLE, 'reviewed')).toEqual({
      view: { stages: [{ stage: 'select', sample_ids: [SAMPLE] }] },
      tags: ['reviewed'],
    });
  });

  it('a label: the sample, its field filtered to the label id, and only that field tagged', () => {
    const shape = { kind: 'points', field: 'pose', id: 'b'.repeat(24), label: 'person' } as LabelShape & { id: string };
    expect(labelTagBody(SAMPLE, shape, 'occluded')).toEqual({
      view: {
        stages: [
          { stage: 'select', sample_ids: [SAMPLE] },
          {
            stage: 'filter_labels',
            field: 'pose',
            filter: {
              op: 'eq',
              args: [
                { op: 'elem', path: 'id' },
                { op: 'lit', value: 'b'.repeat(24) },
              ],
            },
          },
        ],
      },
      tags: ['occluded'],
      labelFields: ['pose'],
    });
  });
});
