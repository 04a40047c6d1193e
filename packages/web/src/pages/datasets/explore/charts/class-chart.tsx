// The most common values of a path in the current view (count_values with a limit), as bars and a table.
import { Text } from '@mantine/core';
import { viewApi } from '../../../../api/view-api';
import { useApi } from '../../../../hooks/use-api';
import type { ExploreScope } from '../explore-types';
import { ChartState } from './chart-state';
import { CountChart, type CountRow } from './count-chart';

/** Enough bars to read; the rest are counted in the note under the chart. */
export const TOP_CLASSES = 20;
const numbers = new Intl.NumberFormat('en-US');

export function ClassChart({ scope, path, showTable }: { scope: ExploreScope; path: string; showTable: boolean }) {
  const name = scope.dataset.name;
  const answer = useApi(async () => {
    const [result] = await viewApi.aggregate(name, scope.stages, [{ type: 'count_values', path, limit: TOP_CLASSES }]);
    if (result?.type !== 'count_values') return { path, rows: [] as CountRow[], distinct: 0 };
    const rows = result.values
      .filter((entry) => entry.value !== null)
      .map((entry) => ({ name: String(entry.value), count: entry.count }));
    return { path, rows, distinct: result.distinct ?? rows.length };
  }, [name, scope.stages, scope.revision, path]);

  // Another path's answer is no picture of this one: wait for ours rather than show it under this title.
  const data = answer.data?.path === path ? answer.data : undefined;
  return (
    <ChartState state={answer} ready={data !== undefined} empty={data?.rows.length === 0}>
      {data ? (
        <>
          <CountChart
            title={`Classes of ${path}`}
            nameHeading="Value"
            rows={data.rows}
            orientation="vertical"
            showTable={showTable}
            color="blue.6"
          />
          {data.distinct > data.rows.length ? (
            <Text size="xs" c="gray.7">
              The top {data.rows.length} of {numbers.format(data.distinct)} values.
            </Text>
          ) : null}
        </>
      ) : null}
    </ChartState>
  );
}
