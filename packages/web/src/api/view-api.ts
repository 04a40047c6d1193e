// One dataset through a view: one sample of it (with the view's label filters applied), aggregations over it, and tagging what it shows.
import type {
  AggregateResult,
  Aggregation,
  Sample,
  SamplePage,
  Stage,
  TagBody,
  UpdatedResult,
} from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const viewApi = {
  /** The sample as the view shows it (its label filters applied), or undefined when the view no longer holds it. */
  sample: async (dataset: string, stages: readonly Stage[], sampleId: string): Promise<Sample | undefined> => {
    const page = await http.post<SamplePage>(fillPath(PATHS.samplesQuery, { name: dataset }), {
      view: { stages: [...stages, { stage: 'select', sample_ids: [sampleId] }] },
      limit: 1,
    });
    return page.samples[0];
  },
  aggregate: async (dataset: string, stages: readonly Stage[], aggregations: Aggregation[]) =>
    (
      await http.post<AggregateResult>(fillPath(PATHS.aggregate, { name: dataset }), {
        view: { stages: [...stages] },
        aggregations,
      })
    ).results,
  /** Adds (or with `remove`, takes off) tags on what the body's view shows: its samples, or with labelFields its labels. */
  tag: (dataset: string, body: TagBody, remove = false) =>
    http.post<UpdatedResult>(fillPath(remove ? PATHS.untag : PATHS.tag, { name: dataset }), body),
};
