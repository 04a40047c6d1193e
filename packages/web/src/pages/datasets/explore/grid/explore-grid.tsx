// The samples of the current view as thumbnails, loaded through the keyset cursor a page at a time.
import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import { useCallback, useEffect, useState } from 'react';
import { samplesApi } from '../../../../api/samples-api';
import { LoadError } from '../../../../components/load-error';
import { SamplesGrid } from '../../samples-grid';
import type { ExploreGridProps } from '../explore-types';

const PAGE_SIZE = 50;

export function ExploreGrid({ scope, onOpen, onLoaded }: ExploreGridProps) {
  const [samples, setSamples] = useState<Sample[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(false);
  const name = scope.dataset.name;
  const stages = scope.stages;

  const loadPage = useCallback(
    async (after: string | undefined, replace: boolean) => {
      setLoading(true);
      try {
        const page = await samplesApi.page(name, {
          view: { stages: [...stages] },
          limit: PAGE_SIZE,
          ...(after !== undefined ? { after } : {}),
        });
        setSamples((current) => (replace ? page.samples : [...current, ...page.samples]));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (failure) {
        setError(failure);
      } finally {
        setLoading(false);
      }
    },
    [name, stages],
  );

  useEffect(() => {
    void loadPage(undefined, true);
  }, [loadPage, scope.revision]);

  const loadMore = useCallback(async () => {
    if (cursor) await loadPage(cursor, false);
  }, [cursor, loadPage]);

  useEffect(() => {
    onLoaded({ samples, hasMore: Boolean(cursor), loadMore });
  }, [samples, cursor, loadMore, onLoaded]);

  if (error)
    return (
      <LoadError error={error} onRetry={() => void loadPage(undefined, true)} title="Could not load the samples" />
    );
  if (loading && samples.length === 0) {
    return (
      <Center p="lg">
        <Loader size="sm" aria-label="Loading samples" />
      </Center>
    );
  }
  if (samples.length === 0) {
    return (
      <Text c="dimmed" ta="center" py="xl">
        No samples in this view.
      </Text>
    );
  }
  return (
    <Stack>
      <SamplesGrid
        dataset={name}
        samples={samples}
        labelField={scope.visibleLabelFields[0]}
        onOpen={(index) => {
          const sample = samples[index];
          if (sample) onOpen(sample.id);
        }}
      />
      {cursor ? (
        <Center>
          <Button variant="default" size="xs" loading={loading} onClick={() => void loadMore()}>
            Load more
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}
