// Samples: a page at a time in dataset order (the server's cursor), with Previous / Next and the total count.
import { Alert, Button, Center, Group, Loader, Paper, Text } from '@mantine/core';
import type { Dataset } from '@teamset/contract';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { samplesApi } from '../../api/samples-api';
import { LoadError } from '../../components/load-error';
import { useApi } from '../../hooks/use-api';
import { SamplesTable } from './samples-table';

const PAGE_SIZE = 25;

export function SamplesTab({ dataset }: { dataset: Dataset }) {
  // cursors[i] is the `after` that loads page i; the first page has none.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const pageIndex = cursors.length - 1;
  const after = cursors[pageIndex];
  const page = useApi(() => samplesApi.page(dataset.name, { limit: PAGE_SIZE, ...(after !== undefined ? { after } : {}) }), [dataset.name, after]);
  const total = useApi(() => samplesApi.count(dataset.name).catch(() => undefined), [dataset.name]);

  if (page.error instanceof ApiError && page.error.status === 404 && /no route/i.test(page.error.message)) {
    return <Alert color="gray">This server does not serve samples yet; update Teamset to browse them here.</Alert>;
  }
  if (page.error) return <LoadError error={page.error} onRetry={page.reload} title="Could not load the samples" />;

  const first = pageIndex * PAGE_SIZE + 1;
  const shown = page.data?.samples.length ?? 0;
  return (
    <Paper withBorder p="lg">
      {!page.data ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading samples" />
        </Center>
      ) : shown === 0 && pageIndex === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          No samples yet. Add some with the SDK: <code>dataset.addSamples([...])</code>.
        </Text>
      ) : (
        <SamplesTable samples={page.data.samples} />
      )}
      <Group justify="space-between" mt="md">
        <Text size="sm" c="dimmed" aria-live="polite">
          {shown > 0 ? `Samples ${first}–${first + shown - 1}` : ''}
          {total.data !== undefined ? ` of ${total.data}` : ''}
        </Text>
        <Group gap="xs">
          <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} disabled={pageIndex === 0 || page.loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Previous
          </Button>
          <Button
            variant="default"
            size="xs"
            rightSection={<IconChevronRight size={14} />}
            disabled={!page.data?.nextCursor || page.loading}
            onClick={() => {
              const next = page.data?.nextCursor;
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
