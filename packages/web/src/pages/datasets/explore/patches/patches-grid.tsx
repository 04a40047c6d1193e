// The patches view: one tile per object of a label field (to_patches), each the server's crop of its box, loaded through the keyset cursor and virtualized by rows.
import { Box, Center, Loader, Paper, Text, UnstyledButton } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { mediaApi } from '../../../../api/media-api';
import { samplesApi } from '../../../../api/samples-api';
import { LoadError } from '../../../../components/load-error';
import { useElementSize } from '../../../../hooks/use-element-size';
import { fileName, labelColor } from '../../../../lib/label-boxes';
import type { ExploreScope } from '../explore-types';
import { patchTile, type PatchTile } from './patch-tile';

const PAGE_SIZE = 100;
const TILE = 150;
const GAP = 8;
const CAPTION = 26;

interface PatchesGridProps {
  scope: ExploreScope;
  /** The label field the view's to_patches stage names. */
  field: string;
  /** Opens the sample a patch came from. */
  onOpenSample(sampleId: string): void;
}

export function PatchesGrid({ scope, field, onOpenSample }: PatchesGridProps) {
  const name = scope.dataset.name;
  const stages = scope.stages;
  const [tiles, setTiles] = useState<PatchTile[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  // Answers for an earlier view (or revision) never land in the current one.
  const generation = useRef(0);

  const load = useCallback(
    async (after: string | undefined, fresh: boolean) => {
      const mine = fresh ? ++generation.current : generation.current;
      setLoading(true);
      try {
        const page = await samplesApi.page(name, {
          view: { stages: [...stages] },
          limit: PAGE_SIZE,
          ...(after !== undefined ? { after } : {}),
        });
        if (mine !== generation.current) return;
        const more = page.samples.map((patch: Sample) => patchTile(patch, field));
        setTiles((current) => (fresh ? more : [...current, ...more]));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (failure) {
        if (mine === generation.current) setError(failure);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [name, stages, field],
  );

  useEffect(() => {
    setTiles([]);
    setCursor(undefined);
    void load(undefined, true);
  }, [load, scope.revision]);

  const scroller = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(scroller);
  const columns = Math.max(1, Math.floor((width + GAP) / (TILE + GAP)));
  const rows = Math.ceil(tiles.length / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => TILE + CAPTION + GAP,
    overscan: 3,
  });
  const items = virtualizer.getVirtualItems();
  const lastRow = items[items.length - 1]?.index ?? -1;
  // Near the end of what is loaded, ask for the next page.
  useEffect(() => {
    if (cursor && !loading && lastRow >= rows - 2) void load(cursor, false);
  }, [cursor, loading, lastRow, rows, load]);

  const rowTiles = useMemo(
    () => (row: number) => tiles.slice(row * columns, row * columns + columns),
    [tiles, columns],
  );

  if (error)
    return <LoadError error={error} onRetry={() => void load(undefined, true)} title="Could not load the patches" />;
  return (
    <Box
      ref={scroller}
      style={{ height: '70vh', overflowY: 'auto', position: 'relative' }}
      role="list"
      aria-label={`Patches of ${field}`}
      aria-busy={loading}
    >
      {tiles.length === 0 && !loading ? (
        <Text c="dimmed" ta="center" py="xl">
          No objects in this view.
        </Text>
      ) : null}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => (
          <div
            key={row.key}
            style={{
              position: 'absolute',
              top: row.start,
              left: 0,
              right: 0,
              display: 'flex',
              gap: GAP,
            }}
          >
            {rowTiles(row.index).map((tile) => (
              <PatchCard key={tile.id} dataset={name} tile={tile} onOpen={() => onOpenSample(tile.sampleId)} />
            ))}
          </div>
        ))}
      </div>
      {loading ? (
        <Center p="sm">
          <Loader size="sm" aria-label="Loading patches" />
        </Center>
      ) : null}
    </Box>
  );
}

function PatchCard({ dataset, tile, onOpen }: { dataset: string; tile: PatchTile; onOpen(): void }) {
  const file = fileName(tile.filepath);
  const confidence = tile.confidence !== undefined ? ` ${tile.confidence.toFixed(2)}` : '';
  return (
    <Paper withBorder radius="sm" role="listitem" w={TILE} data-patch-id={tile.id} style={{ overflow: 'hidden' }}>
      <UnstyledButton
        onClick={onOpen}
        aria-label={`${tile.label || 'object'}${confidence} in ${file}`}
        display="block"
        w="100%"
      >
        <Box h={TILE} bg="gray.1" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          {tile.crop ? (
            <img
              src={mediaApi.patchUrl(dataset, tile.sampleId, tile.crop)}
              alt=""
              loading="lazy"
              style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' }}
            />
          ) : (
            <Text size="xs" c="dimmed">
              No box
            </Text>
          )}
        </Box>
        <Text
          size="xs"
          px={6}
          h={CAPTION}
          lh={`${CAPTION}px`}
          truncate
          style={{ borderTop: `3px solid ${labelColor(tile.label)}` }}
          data-patch-label={tile.label}
        >
          {tile.label}
          {confidence}
        </Text>
      </UnstyledButton>
    </Paper>
  );
}
