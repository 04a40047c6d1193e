// One page of samples as a grid of thumbnails with their boxes; a card opens the sample large.
import { Badge, Group, Paper, SimpleGrid, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import { mediaApi } from '../../api/media-api';
import { fileName, labelBoxes, type LabelBox } from '../../lib/label-boxes';
import { boxShape } from '../../lib/label-shapes';
import { AnnotatedImage } from './annotated-image';

/** The pixel size FiftyOne keeps in metadata, when the sample has it. */
export function metadataSize(sample: Sample): { width: number; height: number } | undefined {
  const metadata = sample.metadata as { width?: unknown; height?: unknown } | null | undefined;
  return typeof metadata?.width === 'number' && typeof metadata.height === 'number'
    ? { width: metadata.width, height: metadata.height }
    : undefined;
}

/** "frame-0001.jpg: 2 person, 1 car" — what the picture shows, for screen readers. */
export function describeBoxes(name: string, boxes: readonly LabelBox[]): string {
  const counts = new Map<string, number>();
  for (const box of boxes) counts.set(box.label || 'unlabelled', (counts.get(box.label || 'unlabelled') ?? 0) + 1);
  const parts = [...counts].map(([label, count]) => `${count} ${label}`);
  return parts.length > 0 ? `${name}: ${parts.join(', ')}` : name;
}

/** A card's tags in one badge: the first and how many more (all of them on hover); nothing when untagged. */
export function TagSummary({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <Badge size="xs" variant="light" color="gray" tt="none" style={{ flexShrink: 0 }} title={tags.join(', ')}>
      {tags[0]}
      {tags.length > 1 ? ` +${tags.length - 1}` : ''}
    </Badge>
  );
}

interface SamplesGridProps {
  dataset: string;
  samples: Sample[];
  labelField: string | undefined;
  onOpen: (index: number) => void;
}

export function SamplesGrid({ dataset, samples, labelField, onOpen }: SamplesGridProps) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 4, lg: 5 }} spacing="sm" aria-label="Samples" role="list">
      {samples.map((sample, index) => {
        const boxes = labelBoxes(sample, labelField);
        const name = fileName(sample.filepath);
        return (
          <Paper
            key={sample.id}
            withBorder
            radius="sm"
            style={{ overflow: 'hidden' }}
            role="listitem"
            data-sample-id={sample.id}
          >
            <UnstyledButton onClick={() => onOpen(index)} aria-label={`Open ${name}`} display="block" w="100%">
              <AnnotatedImage
                src={mediaApi.thumbnailUrl(dataset, sample.id)}
                alt={describeBoxes(name, boxes)}
                shapes={boxes.map(boxShape)}
                knownSize={metadataSize(sample)}
                frameStyle={{ aspectRatio: '4 / 3', width: '100%' }}
                lazy
                queued
                compact
              />
            </UnstyledButton>
            <Group gap={4} px="xs" py={6} wrap="nowrap" justify="space-between">
              <Tooltip label={sample.filepath} withArrow openDelay={400}>
                <Text size="xs" ff="monospace" truncate>
                  {name}
                </Text>
              </Tooltip>
              <TagSummary tags={sample.tags} />
            </Group>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
