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
    if (result?.type !== 'count_values') return { rows: [] as CountRow[], distinct: 0 };
    const rows = result.values
      .filter((entry) => entry.value !== null)
      .map((entry) => ({ name: String(entry.value), count: entry.count }));
    return { rows, distinct: result.distinct ?? rows.length };
  }, [name, scope.stages, scope.revision, path]);

  return (
    <ChartState state={answer} empty={answer.data?.rows.length === 0}>
      {answer.data ? (
        <>
          <CountChart
            title={`Classes of ${path}`}
            nameHeading="Value"
            rows={answer.data.rows}
            orientation="vertical"
            showTable={showTable}
            color="blue.6"
          />
          {answer.data.distinct > answer.data.rows.length ? (
            <Text size="xs" c="dimmed">
              The top {answer.data.rows.length} of {numbers.format(answer.data.distinct)} values.
            </Text>
          ) : null}
        </>
      ) : null}
    </ChartState>
  );
}
