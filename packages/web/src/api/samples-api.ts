// A dataset's samples, a page at a time in dataset order (keyset cursor), their total count, and the field schema.
import type { AggregateResult, FieldList, QuerySamplesBody, SamplePage } from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const samplesApi = {
  page: (dataset: string, body: QuerySamplesBody) =>
    http.post<SamplePage>(fillPath(PATHS.samplesQuery, { name: dataset }), body),
  count: async (dataset: string): Promise<number | undefined> => {
    const { results } = await http.post<AggregateResult>(fillPath(PATHS.aggregate, { name: dataset }), {
      aggregations: [{ type: 'count' }],
    });
    const first = results[0];
    return first?.type === 'count' ? first.count : undefined;
  },
  fields: (dataset: string) => http.get<FieldList>(fillPath(PATHS.fields, { name: dataset })),
};
