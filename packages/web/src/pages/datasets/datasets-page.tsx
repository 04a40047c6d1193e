// The datasets home: the datasets you can see with their cover, samples, label fields and your access, as a table or cards.
import { Button, Center, Group, Loader, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconLayoutGrid, IconList, IconPlus, IconSearch } from '@tabler/icons-react';
import type { DatasetSortKey, SortOrder } from '@teamset/contract';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { datasetsApi } from '../../api/datasets-api';
import { DataTable, Pager } from '../../components/data-table';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSearchPages } from '../../hooks/use-search-pages';
import { canCreateDatasets } from '../../lib/roles';
import { useCurrentUser } from '../../session/session-context';
import { CreateDatasetDialog } from './create-dataset-dialog';
import { DatasetCards } from './dataset-cards';
import { DATASET_COLUMNS } from './dataset-columns';

const PAGE_SIZE = 24;
const NO_CREATE_REASON_ID = 'new-dataset-reason';

type HomeView = 'table' | 'cards';
interface HomeSort {
  key: DatasetSortKey;
  order: SortOrder;
}

/** The card view's sort menu: each key with the direction people expect first. */
const SORT_OPTIONS: Array<{ value: string; label: string; sort: HomeSort }> = [
  { value: 'name-asc', label: 'Name, A to Z', sort: { key: 'name', order: 'asc' } },
  { value: 'name-desc', label: 'Name, Z to A', sort: { key: 'name', order: 'desc' } },
  { value: 'lastModifiedAt-desc', label: 'Recently changed', sort: { key: 'lastModifiedAt', order: 'desc' } },
  { value: 'lastModifiedAt-asc', label: 'Least recently changed', sort: { key: 'lastModifiedAt', order: 'asc' } },
  { value: 'sampleCount-desc', label: 'Most samples', sort: { key: 'sampleCount', order: 'desc' } },
  { value: 'sampleCount-asc', label: 'Fewest samples', sort: { key: 'sampleCount', order: 'asc' } },
];

export function DatasetsPage() {
  usePageTitle('Datasets');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  // Remembered in this browser: people keep the view they chose.
  const [view, setView] = useLocalStorage<HomeView>({
    key: 'teamset.datasets.view',
    defaultValue: 'table',
    getInitialValueInEffect: false,
  });
  const [sort, setSort] = useLocalStorage<HomeSort>({
    key: 'teamset.datasets.sort',
    defaultValue: { key: 'name', order: 'asc' },
    getInitialValueInEffect: false,
  });
  const datasets = useSearchPages(
    (query) => datasetsApi.list({ ...query, sort: sort.key, order: sort.order }),
    PAGE_SIZE,
    [sort.key, sort.order],
  );
  const mayCreate = canCreateDatasets(user.role);
  const rows = datasets.list.data?.datasets;
  const total = datasets.list.data?.total ?? 0;
  const empty = datasets.query
    ? `No dataset you can see matches “${datasets.query}”.`
    : mayCreate
      ? 'No datasets yet. Create one, or import one with the SDK or `teamset import`.'
      : 'No datasets have been shared with you yet.';

  return (
    <>
      <PageHeader
        title="Datasets"
        description="The datasets you can see, and what you may do with each."
        actions={
          <Stack gap={4} align="flex-end">
            <Button
              leftSection={<IconPlus size={16} />}
              // Focusable while unavailable (aria-disabled, not disabled), so keyboard and screen reader users hear why.
              {...(mayCreate
                ? {}
                : { 'data-disabled': true, 'aria-disabled': true, 'aria-describedby': NO_CREATE_REASON_ID })}
              onClick={() => mayCreate && setCreating(true)}
            >
              New dataset
            </Button>
            {mayCreate ? null : (
              <Text size="xs" c="dimmed" id={NO_CREATE_REASON_ID}>
                Only members and admins can create datasets.
              </Text>
            )}
          </Stack>
        }
      />
      <Paper withBorder p="lg">
        <Group justify="space-between" align="flex-end" mb="md" gap="md">
          <TextInput
            label="Search datasets"
            placeholder="Part of the name"
            leftSection={<IconSearch size={16} />}
            value={datasets.search.value}
            onChange={(event) => datasets.search.onChange(event.currentTarget.value)}
            w={320}
          />
          <Group gap="md" align="flex-end">
            {rows ? (
              <Text size="sm" c="dimmed" aria-live="polite" pb={6}>
                {total} {total === 1 ? 'dataset' : 'datasets'}
              </Text>
            ) : null}
            {view === 'cards' ? (
              <Select
                label="Sort by"
                data={SORT_OPTIONS.map(({ value, label }) => ({ value, label }))}
                value={`${sort.key}-${sort.order}`}
                onChange={(value) => {
                  const option = SORT_OPTIONS.find((o) => o.value === value);
                  if (option) setSort(option.sort);
                }}
                allowDeselect={false}
                w={220}
              />
            ) : null}
            <SegmentedControl
              aria-label="Show datasets as"
              value={view}
              onChange={(value) => setView(value as HomeView)}
              data={[
                { value: 'table', label: <ViewLabel icon={<IconList size={16} />} text="Table" /> },
                { value: 'cards', label: <ViewLabel icon={<IconLayoutGrid size={16} />} text="Cards" /> },
              ]}
            />
          </Group>
        </Group>
        {view === 'table' ? (
          <DataTable
            label="Datasets"
            columns={DATASET_COLUMNS}
            rows={rows}
            rowKey={(dataset) => dataset.id}
            error={datasets.list.error}
            onRetry={datasets.list.reload}
            sort={{
              key: sort.key,
              order: sort.order,
              onChange: (key, order) => setSort({ key: key as DatasetSortKey, order }),
            }}
            minWidth={900}
            verticalSpacing="sm"
            highlightOnHover
            emptyCentered
            empty={empty}
          />
        ) : datasets.list.error ? (
          <LoadError error={datasets.list.error} onRetry={datasets.list.reload} />
        ) : !rows ? (
          <Center p="lg">
            <Loader size="sm" aria-label="Loading datasets" />
          </Center>
        ) : rows.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg">
            {empty}
          </Text>
        ) : (
          <DatasetCards datasets={rows} />
        )}
        <Pager pager={datasets.pager} />
      </Paper>
      <CreateDatasetDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(dataset) => void navigate(`/datasets/${encodeURIComponent(dataset.name)}`)}
      />
    </>
  );
}

function ViewLabel({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      {icon}
      <span>{text}</span>
    </Group>
  );
}
