// Datasets: the ones you can see, with your permission on each; members and admins can create one.
import { Button, Center, Group, Loader, Pagination, Paper, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { datasetsApi } from '../../api/datasets-api';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../hooks/use-api';
import { canCreateDatasets } from '../../lib/roles';
import { useCurrentUser } from '../../session/session-context';
import { CreateDatasetDialog } from './create-dataset-dialog';
import { DatasetsTable } from './datasets-table';

const PAGE_SIZE = 25;

export function DatasetsPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const datasets = useApi(() => datasetsApi.list({ search: debounced, page, pageSize: PAGE_SIZE }), [debounced, page]);
  const pages = datasets.data ? Math.max(1, Math.ceil(datasets.data.total / PAGE_SIZE)) : 1;
  const mayCreate = canCreateDatasets(user.role);

  return (
    <>
      <PageHeader
        title="Datasets"
        description="The datasets you can see, and what you may do with each."
        actions={
          <Tooltip label="Only members and admins can create datasets" disabled={mayCreate} withArrow>
            <span>
              <Button leftSection={<IconPlus size={16} />} disabled={!mayCreate} onClick={() => setCreating(true)}>
                New dataset
              </Button>
            </span>
          </Tooltip>
        }
      />
      <Paper withBorder p="lg">
        <Group justify="space-between" mb="md">
          <TextInput
            label="Search datasets"
            placeholder="Part of the name"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={320}
          />
          {datasets.data ? (
            <Text size="sm" c="dimmed" aria-live="polite">
              {datasets.data.total} {datasets.data.total === 1 ? 'dataset' : 'datasets'}
            </Text>
          ) : null}
        </Group>
        {datasets.error ? (
          <LoadError error={datasets.error} onRetry={datasets.reload} />
        ) : !datasets.data ? (
          <Center p="lg">
            <Loader size="sm" aria-label="Loading datasets" />
          </Center>
        ) : datasets.data.datasets.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl">
            {debounced
              ? `No dataset you can see matches “${debounced}”.`
              : mayCreate
                ? 'No datasets yet. Create one, or import one with the SDK.'
                : 'No datasets have been shared with you yet.'}
          </Text>
        ) : (
          <DatasetsTable datasets={datasets.data.datasets} />
        )}
        {pages > 1 ? (
          <Group justify="center" mt="md">
            <Pagination total={pages} value={page} onChange={setPage} />
          </Group>
        ) : null}
      </Paper>
      <CreateDatasetDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(dataset) => void navigate(`/datasets/${encodeURIComponent(dataset.name)}`)}
      />
    </>
  );
}
