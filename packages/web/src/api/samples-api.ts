// A dataset's samples, a page at a time in dataset order (keyset cursor), and their total count.
import type { AggregateResult, QuerySamplesBody, SamplePage } from '@teamset/contract';
import { fillPath, PATHS } from './paths';
import { http } from './http';

export const samplesApi = {
  page: (dataset: string, body: QuerySamplesBody) => http.post<SamplePage>(fillPath(PATHS.samplesQuery, { name: dataset }), body),
  count: async (dataset: string): Promise<number | undefined> => {
    const { results } = await http.post<AggregateResult>(fillPath(PATHS.aggregate, { name: dataset }), { aggregations: [{ type: 'count' }] });
    const first = results[0];
    return first?.type === 'count' ? first.count : undefined;
  },
};
