// Datasets: the ones you can see, with your permission on each; members and admins can create one.
import { Button, Paper, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { datasetsApi } from '../../api/datasets-api';
import { DataTable } from '../../components/data-table';
import { PageHeader } from '../../components/page-header';
import { useSearchPages } from '../../hooks/use-search-pages';
import { canCreateDatasets } from '../../lib/roles';
import { useCurrentUser } from '../../session/session-context';
import { CreateDatasetDialog } from './create-dataset-dialog';
import { DATASET_COLUMNS } from './dataset-columns';

const PAGE_SIZE = 25;

export function DatasetsPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const datasets = useSearchPages(datasetsApi.list, PAGE_SIZE);
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
        <DataTable
          label="Datasets"
          columns={DATASET_COLUMNS}
          rows={datasets.list.data?.datasets}
          rowKey={(dataset) => dataset.id}
          error={datasets.list.error}
          onRetry={datasets.list.reload}
          search={{ label: 'Search datasets', placeholder: 'Part of the name', ...datasets.search }}
          count={{ total: datasets.list.data?.total ?? 0, noun: ['dataset', 'datasets'] }}
          pager={datasets.pager}
          minWidth={640}
          verticalSpacing="sm"
          highlightOnHover
          emptyCentered
          empty={
            datasets.query
              ? `No dataset you can see matches “${datasets.query}”.`
              : mayCreate
                ? 'No datasets yet. Create one, or import one with the SDK.'
                : 'No datasets have been shared with you yet.'
          }
        />
      </Paper>
      <CreateDatasetDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(dataset) => void navigate(`/datasets/${encodeURIComponent(dataset.name)}`)}
      />
    </>
  );
}
