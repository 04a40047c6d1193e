// The samples of the current view as an endless, virtualized grid: only the rows on screen exist, more pages load as you scroll, tiles are selected for tagging.
import { Button, Center, Group, Loader, Slider, Text } from '@mantine/core';
import { permissionAtLeast } from '@teamset/contract/constants';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { LoadError } from '../../../../components/load-error';
import { useElementSize } from '../../../../hooks/use-element-size';
import type { ExploreGridProps } from '../explore-types';
import { TagPopover } from '../tagging/tag-popover';
import { clickSelection, type GridSelection } from './grid-selection';
import { DEFAULT_TILE, GRID_GAP, gridLayout, MAX_TILE, MIN_TILE } from './grid-layout';
import { GridTile } from './grid-tile';
import { PAGE_SIZE, useViewPages } from './use-view-pages';

const SIZE_KEY = 'teamset.grid.tileSize';
/** Rows from the end at which the next page is asked for, so it arrives before you get there. */
const PREFETCH_ROWS = 3;

function storedSize(): number {
  const value = Number(localStorage.getItem(SIZE_KEY));
  return Number.isFinite(value) && value >= MIN_TILE && value <= MAX_TILE ? value : DEFAULT_TILE;
}

export function ExploreGrid({
  scope,
  selection,
  onSelectionChange,
  viewSelected: viewSelectedProp,
  onViewSelectedChange,
  onOpen,
  onLoaded,
  onChanged,
}: ExploreGridProps) {
  const name = scope.dataset.name;
  const pages = useViewPages(name, scope.stages, scope.revision);
  const { samples, hasMore, loading, loadMore } = pages;
  const [size, setSize] = useState(storedSize);
  const scroller = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(scroller);
  const layout = gridLayout(Math.max(width - 2 * GRID_GAP, MIN_TILE), size);
  const rowCount = Math.ceil(samples.length / layout.columns);

  // "Select all in view" belongs to this view only: a new view starts with nothing selected.
  const [ownViewSelected, setOwnViewSelected] = useState(false);
  const viewSelected = viewSelectedProp ?? ownViewSelected;
  const setViewSelected = useCallback(
    (selected: boolean) => {
      if (onViewSelectedChange) onViewSelectedChange(selected);
      else setOwnViewSelected(selected);
    },
    [onViewSelectedChange],
  );
  const stages = scope.stages;
  const stagesKey = JSON.stringify(stages);
  const firstStages = useRef(stagesKey);
  useEffect(() => {
    if (firstStages.current === stagesKey) return;
    firstStages.current = stagesKey;
    setOwnViewSelected(false);
  }, [stagesKey]);

  useEffect(() => {
    onLoaded({ samples, hasMore, loadMore });
  }, [samples, hasMore, loadMore, onLoaded]);

  const virtualizer = useVirtualizer({
    count: rowCount + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => layout.rowHeight,
    overscan: 2,
    paddingStart: GRID_GAP,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [layout.rowHeight, virtualizer]);

  const items = virtualizer.getVirtualItems();
  // The rows drawn follow the scroll in a background render: a jump mounts a screenful of new tiles, and React renders
  // them time-sliced (in steps of a few ms) instead of in the scroll's task. Meanwhile the rows drawn stay as they were.
  const shownItems = useDeferredValue(items);
  const failed = pages.error !== undefined;
  const lastRow = items.length > 0 ? (items[items.length - 1]?.index ?? 0) : 0;
  // Once you scroll, the next page is asked for a whole page ahead, so it is there before you reach the end; before
  // that, only when the end is near (opening the view asks for its first page alone).
  const scrolled = (virtualizer.scrollOffset ?? 0) > 0;
  const ahead = scrolled ? Math.ceil(PAGE_SIZE / layout.columns) + PREFETCH_ROWS : PREFETCH_ROWS;
  useEffect(() => {
    // Not after a failed page: that waits for Retry, rather than asking again in a loop.
    if (hasMore && !loading && !failed && lastRow >= rowCount - ahead) void loadMore();
  }, [hasMore, loading, failed, lastRow, rowCount, ahead, loadMore]);

  // Shift-click ranges start from the last tile clicked.
  const anchor = useRef<string | undefined>(undefined);
  // Read when clicked, not bound into the callback: a new page must not hand every tile a new onToggle (and re-render it).
  const samplesRef = useRef(samples);
  samplesRef.current = samples;
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const selectionChange = useRef(onSelectionChange);
  selectionChange.current = onSelectionChange;
  const toggle = useCallback((sampleId: string, shift: boolean) => {
    const order = samplesRef.current.map((s) => s.id);
    selectionChange.current(clickSelection(selectionRef.current, order, anchor.current, sampleId, shift));
    anchor.current = sampleId;
  }, []);

  // Stable across the page's re-renders (each step of the modal changes the URL): the memoized tiles then stay as they are.
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const open = useCallback((sampleId: string) => openRef.current(sampleId), []);
  const fieldsKey = JSON.stringify(scope.visibleLabelFields);
  const labelFields = useMemo(() => JSON.parse(fieldsKey) as string[], [fieldsKey]);

  const canTag = permissionAtLeast(scope.dataset.permission, 'TAG');
  const gridSelection: GridSelection = viewSelected ? { kind: 'view' } : { kind: 'ids', ids: selection };
  const selectedText = viewSelected
    ? 'Every sample in the view is selected'
    : selection.size > 0
      ? `${selection.size.toLocaleString('en-US')} selected`
      : `${samples.length.toLocaleString('en-US')}${hasMore ? '+' : ''} samples`;

  if (pages.error && samples.length === 0)
    return <LoadError error={pages.error} onRetry={pages.retry} title="Could not load the samples" />;

  return (
    <div>
      <Group justify="space-between" mb="sm" gap="sm">
        <Group gap="sm">
          <Text size="sm" aria-live="polite" data-grid-status>
            {selectedText}
          </Text>
          {viewSelected || selection.size > 0 ? (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => {
                setViewSelected(false);
                onSelectionChange(new Set());
              }}
            >
              Clear selection
            </Button>
          ) : null}
          {!viewSelected && samples.length > 0 ? (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => {
                onSelectionChange(new Set());
                setViewSelected(true);
              }}
            >
              Select all in view
            </Button>
          ) : null}
        </Group>
        <Group gap="md" wrap="nowrap">
          <Group gap={6} wrap="nowrap" w={180}>
            <Text size="xs" aria-hidden>
              Size
            </Text>
            <Slider
              thumbLabel="Thumbnail size"
              min={MIN_TILE}
              max={MAX_TILE}
              step={20}
              value={size}
              onChange={(value) => {
                setSize(value);
                localStorage.setItem(SIZE_KEY, String(value));
              }}
              label={(value) => `${value} px`}
              style={{ flex: 1 }}
            />
          </Group>
          {canTag ? (
            <TagPopover
              dataset={name}
              stages={stages}
              selection={gridSelection}
              labelFields={scope.visibleLabelFields}
              revision={scope.revision}
              onChanged={onChanged}
            />
          ) : null}
        </Group>
      </Group>
      <div
        ref={scroller}
        data-grid-scroller
        style={{ height: 'calc(100dvh - 260px)', minHeight: 420, overflowY: 'auto', contain: 'strict' }}
      >
        {loading && samples.length === 0 ? (
          <Center p="lg">
            <Loader size="sm" aria-label="Loading samples" />
          </Center>
        ) : samples.length === 0 ? (
          <Text c="gray.7" ta="center" py="xl">
            {scope.stages.length === 0 ? (
              <>
                No samples yet. Add some with the SDK (<code>dataset.addSamples([...])</code>) or import a COCO, YOLO or
                FiftyOne export with <code>teamset import</code> (see the README).
              </>
            ) : (
              'No samples in this view.'
            )}
          </Text>
        ) : (
          <div
            role="list"
            aria-label="Samples"
            aria-busy={loading}
            style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}
          >
            {shownItems.map((row) => {
              const rowSamples = samples.slice(row.index * layout.columns, (row.index + 1) * layout.columns);
              return (
                <div
                  key={row.key}
                  role="none"
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: GRID_GAP,
                    right: GRID_GAP,
                    transform: `translateY(${row.start}px)`,
                    display: 'flex',
                    gap: GRID_GAP,
                    height: layout.rowHeight - GRID_GAP,
                  }}
                >
                  {rowSamples.length === 0 ? (
                    <Center w="100%">
                      {failed ? (
                        <Group gap="xs">
                          <Text size="sm" c="red.8">
                            Could not load more samples.
                          </Text>
                          <Button size="xs" variant="default" onClick={() => void loadMore()}>
                            Retry
                          </Button>
                        </Group>
                      ) : (
                        <Loader size="xs" aria-label="Loading more samples" />
                      )}
                    </Center>
                  ) : (
                    rowSamples.map((sample) => (
                      <GridTile
                        key={sample.id}
                        dataset={name}
                        sample={sample}
                        labelFields={labelFields}
                        width={layout.tileWidth}
                        selected={selection.has(sample.id)}
                        viewSelected={viewSelected}
                        onToggle={toggle}
                        onOpen={open}
                      />
                    ))
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
