// One sample in the endless grid: its thumbnail with the visible fields' boxes, a selection checkbox, and its file name; the picture opens the sample.
import { Checkbox, Group, Text, UnstyledButton } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import { memo, useState, type MouseEvent } from 'react';
import { mediaApi } from '../../../../api/media-api';
import { fileName } from '../../../../lib/label-boxes';
import { describeShapes, labelShapes } from '../../../../lib/label-shapes';
import { AnnotatedImage } from '../../annotated-image';
import { TagSummary } from '../../samples-grid';

/** Height of the caption under each picture (file name, first tag). */
export const CAPTION_HEIGHT = 28;
/** The tile's border: grey, or blue when selected (the same width, so selecting moves nothing). */
const BORDER = 2;

interface GridTileProps {
  dataset: string;
  sample: Sample;
  labelFields: readonly string[];
  width: number;
  selected: boolean;
  /** The whole view is selected: the checkbox shows it and explains that single samples are picked after clearing it. */
  viewSelected: boolean;
  onToggle(sampleId: string, shift: boolean): void;
  onOpen(sampleId: string): void;
}

export const GridTile = memo(function GridTile({
  dataset,
  sample,
  labelFields,
  width,
  selected,
  viewSelected,
  onToggle,
  onOpen,
}: GridTileProps) {
  // Label names show while the tile is hovered or focused (the open button covers the picture, so the tile tracks both).
  const [focused, setFocused] = useState(false);
  const [hovered, setHovered] = useState(false);
  const name = fileName(sample.filepath);
  const shapes = labelShapes(sample, labelFields);
  const pictureHeight = Math.round(((width - 2 * BORDER) * 3) / 4);
  return (
    <div
      role="listitem"
      // The tile draws the focus ring of its button or checkbox (src/focus.css): it clips its thumbnail, so theirs would be cut.
      data-focus-card
      data-sample-id={sample.id}
      data-selected={selected || viewSelected ? 'true' : undefined}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      style={{
        width,
        position: 'relative',
        boxSizing: 'border-box',
        borderRadius: 4,
        overflow: 'hidden',
        border: `${BORDER}px solid ${selected || viewSelected ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-gray-3)'}`,
        background: 'var(--mantine-color-body)',
      }}
    >
      <div style={{ position: 'relative', height: pictureHeight }}>
        <AnnotatedImage
          src={mediaApi.thumbnailUrl(dataset, sample.id)}
          alt={describeShapes(name, shapes)}
          shapes={shapes}
          frameStyle={{ width: '100%', height: '100%' }}
          compact
          queued
          labelNames="hover"
          emphasized={focused || hovered}
        />
        {/* Stretched over the picture: the whole picture opens the sample, and its focus ring is the tile's. */}
        <UnstyledButton
          aria-label={`Open ${name}`}
          onClick={() => onOpen(sample.id)}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          style={{ position: 'absolute', inset: 0, zIndex: 1, outline: 'none' }}
        />
        <Checkbox
          aria-label={`Select ${name}`}
          checked={selected || viewSelected}
          disabled={viewSelected}
          title={viewSelected ? 'The whole view is selected: clear the selection to pick single samples' : undefined}
          onChange={() => {}}
          onClick={(event: MouseEvent<HTMLInputElement>) => onToggle(sample.id, event.shiftKey)}
          size="sm"
          style={{ position: 'absolute', top: 6, left: 6, zIndex: 2 }}
          styles={{ input: { cursor: 'pointer', boxShadow: '0 0 0 2px rgba(255,255,255,0.8)' } }}
        />
      </div>
      <Group gap={4} px={6} h={CAPTION_HEIGHT} wrap="nowrap" justify="space-between">
        <Text size="xs" ff="monospace" truncate title={sample.filepath}>
          {name}
        </Text>
        <TagSummary tags={sample.tags} />
      </Group>
    </div>
  );
});
