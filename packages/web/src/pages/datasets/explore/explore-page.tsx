// The Samples tab: the dataset through the current view, as a grid with a sidebar of filters; a sample opens in a modal.
import { Button, Group, Paper, Stack } from '@mantine/core';
import type { Dataset, Stage } from '@teamset/contract';
import { useCallback, useMemo, useState } from 'react';
import { samplesApi } from '../../../api/samples-api';
import { useApi } from '../../../hooks/use-api';
import { shapeFields } from '../../../lib/label-shapes';
import { ChartsPanel } from './charts/charts-panel';
import type { ExploreScope, LoadedSamples } from './explore-types';
import { ExploreGrid } from './grid/explore-grid';
import { SampleModal } from './modal/sample-modal';

const NOTHING_LOADED: LoadedSamples = { samples: [], hasMore: false, loadMore: async () => {} };

export function ExplorePage({ dataset }: { dataset: Dataset }) {
  const fields = useApi(
    () =>
      samplesApi
        .fields(dataset.name)
        .then((list) => shapeFields(list.fields))
        .catch(() => [] as string[]),
    [dataset.name],
  );
  const [revision, setRevision] = useState(0);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [openSample, setOpenSample] = useState<string | undefined>(undefined);
  const [loaded, setLoaded] = useState<LoadedSamples>(NOTHING_LOADED);
  const [chartsOpen, setChartsOpen] = useState(false);
  const stages = useMemo<Stage[]>(() => [], []);
  const scope: ExploreScope = useMemo(
    () => ({ dataset, stages, visibleLabelFields: fields.data ?? [], revision }),
    [dataset, stages, fields.data, revision],
  );
  const changed = useCallback(() => setRevision((r) => r + 1), []);

  return (
    <Group align="flex-start" gap="md" wrap="nowrap">
      <Stack style={{ flex: 1, minWidth: 0 }}>
        <Group justify="flex-end">
          <Button variant="default" size="xs" aria-pressed={chartsOpen} onClick={() => setChartsOpen((open) => !open)}>
            {chartsOpen ? 'Hide charts' : 'Charts'}
          </Button>
        </Group>
        {chartsOpen ? <ChartsPanel scope={scope} /> : null}
        <Paper withBorder p="lg">
          <ExploreGrid
            scope={scope}
            selection={selection}
            onSelectionChange={setSelection}
            onOpen={setOpenSample}
            onLoaded={setLoaded}
            onChanged={changed}
          />
        </Paper>
      </Stack>
      {openSample !== undefined ? (
        <SampleModal
          scope={scope}
          sampleId={openSample}
          loaded={loaded}
          onOpen={setOpenSample}
          onClose={() => setOpenSample(undefined)}
          onChanged={changed}
        />
      ) : null}
    </Group>
  );
}
