// A numeric path of the current view in equal bins between its bounds (histogram_values), as bars and a table.
import { viewApi } from '../../../../api/view-api';
import { useApi } from '../../../../hooks/use-api';
import type { ExploreScope } from '../explore-types';
import { binName } from './chart-fields';
import { ChartState } from './chart-state';
import { CountChart, type CountRow } from './count-chart';

export const HISTOGRAM_BINS = 10;

export function HistogramChart({ scope, path, showTable }: { scope: ExploreScope; path: string; showTable: boolean }) {
  const name = scope.dataset.name;
  const answer = useApi(async (): Promise<{ path: string; rows: CountRow[] }> => {
    const [result] = await viewApi.aggregate(name, scope.stages, [
      { type: 'histogram_values', path, bins: HISTOGRAM_BINS },
    ]);
    if (result?.type !== 'histogram_values') return { path, rows: [] };
    const rows = result.counts.map((count, i) => ({
      name: binName(result.edges[i] ?? 0, result.edges[i + 1] ?? 0),
      count,
    }));
    return { path, rows };
  }, [name, scope.stages, scope.revision, path]);
  // Another path's answer is no picture of this one: wait for ours rather than show it under this title.
  const rows = answer.data?.path === path ? answer.data.rows : undefined;
  return (
    <ChartState
      state={answer}
      ready={rows !== undefined}
      empty={rows !== undefined && rows.every((row) => row.count === 0)}
    >
      <CountChart
        title={`Histogram of ${path}`}
        nameHeading="Range"
        rows={rows ?? []}
        orientation="horizontal"
        showTable={showTable}
        color="teal.6"
      />
    </ChartState>
  );
}
