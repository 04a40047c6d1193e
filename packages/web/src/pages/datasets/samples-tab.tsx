// Samples: a page at a time in dataset order (the server's cursor), as a thumbnail grid with boxes or a table, with Previous / Next and the total count.
import { Alert, Button, Center, Group, Loader, Paper, SegmentedControl, Select, Text } from '@mantine/core';
import type { Dataset } from '@teamset/contract';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { samplesApi } from '../../api/samples-api';
import { LoadError } from '../../components/load-error';
import { useApi } from '../../hooks/use-api';
import { boxFields } from '../../lib/label-boxes';
import { SampleViewer } from './sample-viewer';
import { SamplesGrid } from './samples-grid';
import { SamplesTable } from './samples-table';

const PAGE_SIZE = 25;

type SamplesView = 'grid' | 'table';
/** The last view chosen, kept across visits in this browser. */
const VIEW_STORAGE_KEY = 'teamset.samples-view';
const NO_LABELS = '';

function storedView(): SamplesView {
  try {
    return window.localStorage.getItem(VIEW_STORAGE_KEY) === 'table' ? 'table' : 'grid';
  } catch {
    return 'grid';
  }
}

export function SamplesTab({ dataset }: { dataset: Dataset }) {
  // cursors[i] is the `after` that loads page i; the first page has none.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const pageIndex = cursors.length - 1;
  const after = cursors[pageIndex];
  const page = useApi(
    () => samplesApi.page(dataset.name, { limit: PAGE_SIZE, ...(after !== undefined ? { after } : {}) }),
    [dataset.name, after],
  );
  const total = useApi(() => samplesApi.count(dataset.name).catch(() => undefined), [dataset.name]);
  const fields = useApi(
    () =>
      samplesApi
        .fields(dataset.name)
        .then((list) => boxFields(list.fields))
        .catch(() => [] as string[]),
    [dataset.name],
  );
  const [view, setView] = useState<SamplesView>(storedView);
  // undefined: the first box field of the schema; NO_LABELS: none drawn.
  const [chosenField, setChosenField] = useState<string | undefined>(undefined);
  const labelField = chosenField === NO_LABELS ? undefined : (chosenField ?? fields.data?.[0]);
  const [open, setOpen] = useState<number | undefined>(undefined);

  if (page.error instanceof ApiError && page.error.status === 404 && /no route/i.test(page.error.message)) {
    return <Alert color="gray">This server does not serve samples yet; update Teamset to browse them here.</Alert>;
  }
  if (page.error) return <LoadError error={page.error} onRetry={page.reload} title="Could not load the samples" />;

  const first = pageIndex * PAGE_SIZE + 1;
  const shown = page.data?.samples.length ?? 0;
  const chooseView = (next: string) => {
    const value: SamplesView = next === 'table' ? 'table' : 'grid';
    setView(value);
    try {
      window.localStorage.setItem(VIEW_STORAGE_KEY, value);
    } catch {
      // Storage may be off (private mode); the choice then lasts for this visit only.
    }
  };
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="md" gap="sm">
        <SegmentedControl
          size="xs"
          aria-label="Samples view"
          value={view}
          onChange={chooseView}
          data={[
            { label: 'Grid', value: 'grid' },
            { label: 'Table', value: 'table' },
          ]}
        />
        {view === 'grid' && fields.data && fields.data.length > 0 ? (
          <Select
            size="xs"
            label="Boxes from"
            w={220}
            allowDeselect={false}
            value={labelField ?? NO_LABELS}
            onChange={(value) => setChosenField(value ?? undefined)}
            data={[
              ...fields.data.map((path) => ({ value: path, label: path })),
              { value: NO_LABELS, label: 'No boxes' },
            ]}
            styles={{ root: { display: 'flex', alignItems: 'center', gap: 8 }, label: { whiteSpace: 'nowrap' } }}
          />
        ) : null}
      </Group>
      {!page.data ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading samples" />
        </Center>
      ) : shown === 0 && pageIndex === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          No samples yet. Add some with the SDK: <code>dataset.addSamples([...])</code>.
        </Text>
      ) : view === 'grid' ? (
        <>
          <SamplesGrid dataset={dataset.name} samples={page.data.samples} labelField={labelField} onOpen={setOpen} />
          <SampleViewer
            dataset={dataset.name}
            samples={page.data.samples}
            index={open}
            labelField={labelField}
            onChange={setOpen}
          />
        </>
      ) : (
        <SamplesTable samples={page.data.samples} />
      )}
      <Group justify="space-between" mt="md">
        <Text size="sm" c="dimmed" aria-live="polite">
          {shown > 0 ? `Samples ${first}–${first + shown - 1}` : ''}
          {total.data !== undefined ? ` of ${total.data}` : ''}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconChevronLeft size={14} />}
            disabled={pageIndex === 0 || page.loading}
            onClick={() => {
              setOpen(undefined);
              setCursors((c) => c.slice(0, -1));
            }}
          >
            Previous
          </Button>
          <Button
            variant="default"
            size="xs"
            rightSection={<IconChevronRight size={14} />}
            disabled={!page.data?.nextCursor || page.loading}
            onClick={() => {
              const next = page.data?.nextCursor;
              setOpen(undefined);
              if (next) setCursors((c) => [...c, next]);
            }}
          >
            Next
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
