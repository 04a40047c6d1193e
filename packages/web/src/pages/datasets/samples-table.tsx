// The explore view as a table: filepath, tags and how many labels each label field holds, a page at a time through the view's keyset cursor.
import { Badge, Button, Center, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { samplesApi } from '../../api/samples-api';
import { LoadError } from '../../components/load-error';
import { DataTable, type DataColumn } from '../../components/data-table';
import type { ExploreScope } from './explore/explore-types';
import { labelCounts } from './label-counts';

const PAGE_SIZE = 50;

const SAMPLE_COLUMNS: DataColumn<Sample>[] = [
  {
    header: 'Filepath',
    cellProps: { maw: 420 },
    cell: (sample) => (
      <Tooltip label={sample.filepath} withArrow openDelay={400}>
        <Text size="sm" ff="monospace" truncate>
          {sample.filepath}
        </Text>
      </Tooltip>
    ),
  },
  {
    header: 'Tags',
    cell: (sample) => (
      <Group gap={4}>
        {sample.tags.map((tag) => (
          <Badge key={tag} size="sm" variant="light" color="gray" tt="none">
            {tag}
          </Badge>
        ))}
      </Group>
    ),
  },
  {
    header: 'Labels',
    cell: (sample) => (
      <Group gap={4}>
        {labelCounts(sample).map((c) => (
          <Tooltip key={c.field} label={c.cls} withArrow>
            <Badge size="sm" variant="outline" tt="none">
              {c.field}: {c.count}
            </Badge>
          </Tooltip>
        ))}
      </Group>
    ),
  },
];

/** The view's samples as rows; "Load more" follows the cursor, and a new view starts over (a late page of the old one is dropped). */
export function SamplesTable({ scope }: { scope: ExploreScope }) {
  const [samples, setSamples] = useState<Sample[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(false);
  const sequence = useRef(0);
  const name = scope.dataset.name;
  const key = JSON.stringify(scope.stages);

  const load = useCallback(
    async (after: string | undefined) => {
      const mine = after === undefined ? ++sequence.current : sequence.current;
      setLoading(true);
      try {
        const page = await samplesApi.page(name, {
          view: { stages: JSON.parse(key) },
          limit: PAGE_SIZE,
          ...(after !== undefined ? { after } : {}),
        });
        if (mine !== sequence.current) return;
        setSamples((current) => (after === undefined ? page.samples : [...(current ?? []), ...page.samples]));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (failure) {
        if (mine === sequence.current) setError(failure);
      } finally {
        if (mine === sequence.current) setLoading(false);
      }
    },
    [name, key],
  );

  useEffect(() => {
    void load(undefined);
  }, [load, scope.revision]);

  if (error) return <LoadError error={error} onRetry={() => void load(undefined)} title="Could not load the samples" />;
  if (!samples) {
    return (
      <Center p="lg">
        <Loader size="sm" aria-label="Loading samples" />
      </Center>
    );
  }
  return (
    <Stack>
      <DataTable
        label="Samples"
        columns={SAMPLE_COLUMNS}
        rows={samples}
        rowKey={(sample) => sample.id}
        minWidth={640}
        striped
        empty="No samples in this view."
      />
      {cursor ? (
        <Center>
          <Button variant="default" size="xs" loading={loading} onClick={() => void load(cursor)}>
            Load more
          </Button>
        </Center>
      ) : (
        <Text size="xs" c="dimmed" ta="center">
          All {samples.length} samples of the view shown
        </Text>
      )}
    </Stack>
  );
}
