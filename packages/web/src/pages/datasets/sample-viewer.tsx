// A sample opened large: its full image with boxes, Previous/Next (and the arrow keys) through the page, Escape to close.
import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Sample } from '@teamset/contract';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect } from 'react';
import { mediaApi } from '../../api/media-api';
import { fileName, labelBoxes } from '../../lib/label-boxes';
import { AnnotatedImage } from './annotated-image';
import { describeBoxes, metadataSize } from './samples-grid';

interface SampleViewerProps {
  dataset: string;
  samples: Sample[];
  /** The open sample's index in `samples`, or undefined when closed. */
  index: number | undefined;
  labelField: string | undefined;
  onChange: (index: number | undefined) => void;
}

export function SampleViewer({ dataset, samples, index, labelField, onChange }: SampleViewerProps) {
  const sample = index !== undefined ? samples[index] : undefined;
  const hasPrevious = index !== undefined && index > 0;
  const hasNext = index !== undefined && index < samples.length - 1;

  useEffect(() => {
    if (index === undefined) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowLeft' && index > 0) onChange(index - 1);
      if (event.key === 'ArrowRight' && index < samples.length - 1) onChange(index + 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, samples.length, onChange]);

  const boxes = sample ? labelBoxes(sample, labelField) : [];
  const name = sample ? fileName(sample.filepath) : '';
  return (
    <Modal
      opened={sample !== undefined}
      onClose={() => onChange(undefined)}
      title={name}
      size="min(1200px, 94vw)"
      centered
    >
      {sample ? (
        <Stack gap="sm">
          <AnnotatedImage
            src={mediaApi.mediaUrl(dataset, sample.id)}
            alt={describeBoxes(name, boxes)}
            boxes={boxes}
            knownSize={metadataSize(sample)}
            frameStyle={{ width: '100%', height: 'min(68vh, 760px)' }}
          />
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                {sample.filepath}
              </Text>
              <Group gap={4}>
                {sample.tags.map((tag) => (
                  <Badge key={tag} size="sm" variant="light" color="gray" tt="none">
                    {tag}
                  </Badge>
                ))}
                {labelField ? (
                  <Text size="xs" c="dimmed">
                    {boxes.length} {boxes.length === 1 ? 'box' : 'boxes'} in {labelField}
                  </Text>
                ) : null}
              </Group>
            </Stack>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed">
                {(index ?? 0) + 1} of {samples.length}
              </Text>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconChevronLeft size={14} />}
                disabled={!hasPrevious}
                onClick={() => index !== undefined && onChange(index - 1)}
              >
                Previous sample
              </Button>
              <Button
                variant="default"
                size="xs"
                rightSection={<IconChevronRight size={14} />}
                disabled={!hasNext}
                onClick={() => index !== undefined && onChange(index + 1)}
              >
                Next sample
              </Button>
            </Group>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
