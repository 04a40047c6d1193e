// One dataset: its name, media type and your access, with the Samples and Manage tabs (each with its own URL).
import { Alert, Anchor, Badge, Breadcrumbs, Center, Group, Loader, Tabs, Text } from '@mantine/core';
import { IconPhoto, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { datasetsApi } from '../../api/datasets-api';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { PermissionBadge } from '../../components/permission-badge';
import { useApi } from '../../hooks/use-api';
import { usePageTitle } from '../../hooks/use-page-title';
import { ManageTab } from './manage-tab';
import { ExplorePage } from './explore/explore-page';
import { prefetchExplore } from './explore/explore-prefetch';

export function DatasetPage({ tab }: { tab: 'samples' | 'manage' }) {
  const { name = '' } = useParams();
  const navigate = useNavigate();
  const { search } = useLocation();
  // The Samples tab's requests start with the dataset's, not after it has loaded and the tab has mounted.
  const [prefetchedFor, setPrefetchedFor] = useState<string | undefined>(undefined);
  if (tab === 'samples' && prefetchedFor !== name) {
    prefetchExplore(name, search);
    setPrefetchedFor(name);
  }
  const dataset = useApi(() => datasetsApi.get(name), [name]);
  const base = `/datasets/${encodeURIComponent(name)}`;
  usePageTitle(tab === 'manage' ? 'Manage' : 'Samples', name, 'Datasets');

  if (dataset.error instanceof ApiError && dataset.error.status === 404) {
    return (
      <Alert color="gray" title="Dataset not found">
        There is no dataset “{name}” that you can see. It may have been renamed or deleted, or it is not shared with
        you.{' '}
        <Anchor component={Link} to="/datasets">
          Back to datasets
        </Anchor>
      </Alert>
    );
  }
  if (dataset.error) return <LoadError error={dataset.error} onRetry={dataset.reload} />;
  if (!dataset.data) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading dataset" />
      </Center>
    );
  }
  const current = dataset.data;
  return (
    <>
      <Breadcrumbs mb="sm">
        <Anchor component={Link} to="/datasets" size="sm">
          Datasets
        </Anchor>
        <Text size="sm">{current.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={current.name}
        description={current.description ?? undefined}
        actions={
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {current.mediaType}
            </Badge>
            <Text size="sm" c="dimmed">
              Your access
            </Text>
            <PermissionBadge permission={current.permission} />
          </Group>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => void navigate(value === 'manage' ? `${base}/manage` : base)}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="samples" leftSection={<IconPhoto size={16} />}>
            Samples
          </Tabs.Tab>
          <Tabs.Tab value="manage" leftSection={<IconSettings size={16} />}>
            Manage
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="samples">
          <ExplorePage dataset={current} />
        </Tabs.Panel>
        <Tabs.Panel value="manage">
          <ManageTab
            dataset={current}
            onChanged={(next) => {
              if (next.name !== current.name)
                void navigate(`/datasets/${encodeURIComponent(next.name)}/manage`, { replace: true });
              else dataset.reload();
            }}
            onDeleted={() => void navigate('/datasets', { replace: true })}
          />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
